/**
 * Counsellor review of flagged sessions (needsReview, or any safety event) in the projects the
 * reviewer may access: the list (highest risk, then newest), one session's transcript with the
 * evidence placed in the client messages, marking events reviewed, and a CSV of the list. Also
 * every session in scope (newest first, filtered by script, version, status and risk), with CSVs
 * of those sessions and of their current variable values.
 *
 * Message text is health data: nothing here logs it, and the list and CSV never contain it.
 */
import type { Prisma, PrismaClient } from "../../db/generated/client";
import type { RiskLevel } from "../../engine/safety/risk-types";
import { sessionScopeWhere, type ProjectScope } from "../accounts/access";
import { ServiceError } from "../errors";
import { toCsv } from "./csv";
import { placeSpan, readEvidence, type EvidenceSpan } from "./evidence";

export type ReviewState = "all" | "unreviewed" | "reviewed";

export interface ReviewFilters {
  /** Only sessions whose current risk level is one of these. */
  riskLevels?: readonly RiskLevel[];
  /** unreviewed: needs review or has an event nobody reviewed; reviewed: every event reviewed. */
  state?: ReviewState;
  /** A script (any of its versions). */
  scriptId?: string;
  projectId?: string;
}

export interface Page {
  limit: number;
  offset: number;
}

export const REVIEW_PAGE_MAX = 200;
export const CSV_MAX_ROWS = 10_000;

function flaggedWhere(scope: ProjectScope, filters: ReviewFilters): Prisma.SessionWhereInput {
  const and: Prisma.SessionWhereInput[] = [
    sessionScopeWhere(scope),
    { OR: [{ needsReview: true }, { safetyEvents: { some: {} } }] },
  ];
  if (filters.riskLevels?.length) and.push({ riskLevel: { in: [...filters.riskLevels] } });
  if (filters.scriptId) and.push({ scriptVersion: { scriptId: filters.scriptId } });
  if (filters.projectId) and.push({ scriptVersion: { script: { projectId: filters.projectId } } });
  if (filters.state === "unreviewed") and.push({ OR: [{ needsReview: true }, { safetyEvents: { some: { reviewedAt: null } } }] });
  if (filters.state === "reviewed") and.push({ needsReview: false, safetyEvents: { none: { reviewedAt: null } } });
  return { AND: and };
}

/** Highest risk first (Postgres orders enum values as declared: none < … < imminent), then newest. */
const FLAGGED_ORDER: Prisma.SessionOrderByWithRelationInput[] = [{ riskLevel: "desc" }, { createdAt: "desc" }, { id: "desc" }];

function scriptName(compiled: unknown, fallback: string): string {
  const c = compiled as { metadata?: { name?: unknown }; session?: { session_name?: unknown } } | null;
  const name = c?.metadata?.name ?? c?.session?.session_name;
  return typeof name === "string" && name.trim() ? name.trim() : fallback;
}

/** Display names of script versions, fetching each compiled script once. */
async function scriptNames(prisma: PrismaClient, versionIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(versionIds)];
  if (!unique.length) return new Map();
  const versions = await prisma.scriptVersion.findMany({
    where: { id: { in: unique } },
    select: { id: true, compiled: true, script: { select: { scriptKey: true } } },
  });
  return new Map(versions.map((v) => [v.id, scriptName(v.compiled, v.script.scriptKey)]));
}

export interface FlaggedSessionRow {
  id: string;
  project: { id: string; name: string };
  script: { id: string; name: string; path: string; version: number };
  status: "active" | "completed" | "ended";
  riskLevel: RiskLevel;
  needsReview: boolean;
  language: string | null;
  turnCount: number;
  createdAt: Date;
  updatedAt: Date;
  events: number;
  unreviewedEvents: number;
  /** Distinct categories of its safety events, most severe event first. */
  categories: string[];
  lastEventAt: Date | null;
}

async function loadRows(
  prisma: PrismaClient,
  where: Prisma.SessionWhereInput,
  page: Page,
  orderBy: Prisma.SessionOrderByWithRelationInput[] = FLAGGED_ORDER,
): Promise<FlaggedSessionRow[]> {
  const sessions = await prisma.session.findMany({
    where,
    orderBy,
    skip: page.offset,
    take: page.limit,
    select: {
      id: true,
      status: true,
      riskLevel: true,
      needsReview: true,
      language: true,
      turnCount: true,
      createdAt: true,
      updatedAt: true,
      scriptVersionId: true,
      scriptVersion: { select: { number: true, script: { select: { id: true, path: true, scriptKey: true, project: { select: { id: true, name: true } } } } } },
    },
  });
  if (!sessions.length) return [];
  const ids = sessions.map((s) => s.id);
  const [names, events] = await Promise.all([
    scriptNames(
      prisma,
      sessions.map((s) => s.scriptVersionId),
    ),
    prisma.safetyEvent.findMany({
      where: { sessionId: { in: ids } },
      orderBy: [{ level: "desc" }, { createdAt: "asc" }],
      select: { sessionId: true, category: true, reviewedAt: true, createdAt: true },
    }),
  ]);
  const bySession = new Map<string, typeof events>();
  for (const event of events) {
    const list = bySession.get(event.sessionId) ?? [];
    list.push(event);
    bySession.set(event.sessionId, list);
  }
  return sessions.map((s) => {
    const own = bySession.get(s.id) ?? [];
    const script = s.scriptVersion.script;
    return {
      id: s.id,
      project: script.project,
      script: { id: script.id, name: names.get(s.scriptVersionId) ?? script.scriptKey, path: script.path, version: s.scriptVersion.number },
      status: s.status,
      riskLevel: s.riskLevel,
      needsReview: s.needsReview,
      language: s.language,
      turnCount: s.turnCount,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      events: own.length,
      unreviewedEvents: own.filter((e) => !e.reviewedAt).length,
      categories: [...new Set(own.map((e) => e.category))],
      lastEventAt: own.reduce<Date | null>((latest, e) => (!latest || e.createdAt > latest ? e.createdAt : latest), null),
    };
  });
}

export async function listFlaggedSessions(prisma: PrismaClient, scope: ProjectScope, filters: ReviewFilters, page: Page) {
  const where = flaggedWhere(scope, filters);
  const [total, rows] = await Promise.all([prisma.session.count({ where }), loadRows(prisma, where, page)]);
  return { total, rows, limit: page.limit, offset: page.offset };
}

/** Session scripts in scope, for the script filter. */
export async function listReviewScripts(prisma: PrismaClient, scope: ProjectScope) {
  const scripts = await prisma.script.findMany({
    where: { kind: "session", versions: { some: {} }, ...(scope.all ? {} : { projectId: { in: [...scope.projectIds] } }) },
    orderBy: [{ path: "asc" }],
    select: { id: true, path: true, scriptKey: true, project: { select: { id: true, name: true } }, versions: { orderBy: { number: "desc" }, take: 1, select: { compiled: true } } },
  });
  return scripts.map((s) => ({ id: s.id, path: s.path, project: s.project, name: scriptName(s.versions[0]?.compiled ?? null, s.scriptKey) }));
}

export const CSV_HEADER = [
  "session_id",
  "project",
  "script",
  "script_path",
  "script_version",
  "status",
  "risk_level",
  "needs_review",
  "safety_events",
  "unreviewed_events",
  "categories",
  "language",
  "turns",
  "started_at",
  "last_event_at",
] as const;

/** Up to CSV_MAX_ROWS rows, read a page at a time. */
async function loadAllRows(
  prisma: PrismaClient,
  where: Prisma.SessionWhereInput,
  order?: Prisma.SessionOrderByWithRelationInput[],
): Promise<FlaggedSessionRow[]> {
  const rows: FlaggedSessionRow[] = [];
  for (let offset = 0; offset < CSV_MAX_ROWS; offset += REVIEW_PAGE_MAX) {
    const batch = await loadRows(prisma, where, { offset, limit: Math.min(REVIEW_PAGE_MAX, CSV_MAX_ROWS - offset) }, order);
    rows.push(...batch);
    if (batch.length < REVIEW_PAGE_MAX) break;
  }
  return rows;
}

/** One CSV row per session, in CSV_HEADER's column order. */
function sessionCsvCells(r: FlaggedSessionRow) {
  return [
    r.id,
    r.project.name,
    r.script.name,
    r.script.path,
    r.script.version,
    r.status,
    r.riskLevel,
    r.needsReview,
    r.events,
    r.unreviewedEvents,
    r.categories.join("; "),
    r.language,
    r.turnCount,
    r.createdAt,
    r.lastEventAt,
  ];
}

/** The listed sessions as CSV (no message text), in list order. */
export async function exportFlaggedSessionsCsv(prisma: PrismaClient, scope: ProjectScope, filters: ReviewFilters): Promise<{ csv: string; rows: number }> {
  const rows = await loadAllRows(prisma, flaggedWhere(scope, filters));
  const csv = toCsv(CSV_HEADER, rows.map(sessionCsvCells));
  return { csv, rows: rows.length };
}

// ---------------------------------------------------------------------------------------------
// All sessions

export const SESSION_STATUSES = ["active", "completed", "ended"] as const;
export type SessionStatusName = (typeof SESSION_STATUSES)[number];

export interface SessionFilters {
  riskLevels?: readonly RiskLevel[];
  /** A script (any of its versions, unless scriptVersion is given too). */
  scriptId?: string;
  /** A version number (of the chosen script, or of any script). */
  scriptVersion?: number;
  status?: SessionStatusName;
  projectId?: string;
}

function sessionsWhere(scope: ProjectScope, filters: SessionFilters): Prisma.SessionWhereInput {
  const and: Prisma.SessionWhereInput[] = [sessionScopeWhere(scope)];
  if (filters.riskLevels?.length) and.push({ riskLevel: { in: [...filters.riskLevels] } });
  if (filters.scriptId) and.push({ scriptVersion: { scriptId: filters.scriptId } });
  if (filters.scriptVersion !== undefined) and.push({ scriptVersion: { number: filters.scriptVersion } });
  if (filters.status) and.push({ status: filters.status });
  if (filters.projectId) and.push({ scriptVersion: { script: { projectId: filters.projectId } } });
  return { AND: and };
}

/** Newest first. */
const SESSIONS_ORDER: Prisma.SessionOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

/** Every session in scope matching the filters, newest first (no message text). */
export async function listSessions(prisma: PrismaClient, scope: ProjectScope, filters: SessionFilters, page: Page) {
  const where = sessionsWhere(scope, filters);
  const [total, rows] = await Promise.all([prisma.session.count({ where }), loadRows(prisma, where, page, SESSIONS_ORDER)]);
  return { total, rows, limit: page.limit, offset: page.offset };
}

export const SESSIONS_CSV_HEADER = [...CSV_HEADER, "last_active_at"] as const;

/** The sessions matching the filters as CSV (no message text), newest first. */
export async function exportSessionsCsv(prisma: PrismaClient, scope: ProjectScope, filters: SessionFilters): Promise<{ csv: string; rows: number }> {
  const rows = await loadAllRows(prisma, sessionsWhere(scope, filters), SESSIONS_ORDER);
  const csv = toCsv(SESSIONS_CSV_HEADER, rows.map((r) => [...sessionCsvCells(r), r.updatedAt]));
  return { csv, rows: rows.length };
}

export const VARIABLES_CSV_HEADER = [
  "session_id",
  "script",
  "script_version",
  "variable",
  "scope",
  "scope_id",
  "value_json",
  "skipped",
  "source_action",
  "turn",
  "set_at",
] as const;

/** A variable's identity within a session: its scope (and scope id) and name. */
const variableKey = (v: { scope: string; scopeId: string | null; name: string }) => `${v.scope}\u0000${v.scopeId ?? ""}\u0000${v.name}`;

/**
 * The current value of every variable of the sessions matching the filters, one row each
 * (sessions newest first, then by name, scope and scope id), the value as JSON, and `skipped` when
 * the latest write was the client skipping the question (the value is then null). No message text.
 */
export async function exportVariablesCsv(prisma: PrismaClient, scope: ProjectScope, filters: SessionFilters): Promise<{ csv: string; rows: number }> {
  const where = sessionsWhere(scope, filters);
  const out: (string | number | Date | null)[][] = [];
  for (let offset = 0; offset < CSV_MAX_ROWS; offset += REVIEW_PAGE_MAX) {
    const sessions = await prisma.session.findMany({
      where,
      orderBy: SESSIONS_ORDER,
      skip: offset,
      take: Math.min(REVIEW_PAGE_MAX, CSV_MAX_ROWS - offset),
      select: { id: true, scriptVersionId: true, scriptVersion: { select: { number: true, script: { select: { scriptKey: true } } } } },
    });
    if (!sessions.length) break;
    const [names, values] = await Promise.all([
      scriptNames(
        prisma,
        sessions.map((s) => s.scriptVersionId),
      ),
      prisma.variableValue.findMany({
        where: { sessionId: { in: sessions.map((s) => s.id) } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, sessionId: true, name: true, scope: true, scopeId: true, value: true, skipped: true, sourceActionId: true, turn: true, createdAt: true },
      }),
    ]);
    const current = new Map<string, Map<string, (typeof values)[number]>>();
    for (const v of values) {
      const own = current.get(v.sessionId) ?? new Map<string, (typeof values)[number]>();
      own.set(variableKey(v), v);
      current.set(v.sessionId, own);
    }
    for (const s of sessions) {
      const own = [...(current.get(s.id)?.values() ?? [])].sort(
        (a, b) => a.name.localeCompare(b.name) || a.scope.localeCompare(b.scope) || (a.scopeId ?? "").localeCompare(b.scopeId ?? ""),
      );
      const script = names.get(s.scriptVersionId) ?? s.scriptVersion.script.scriptKey;
      for (const v of own) {
        out.push([s.id, script, s.scriptVersion.number, v.name, v.scope, v.scopeId, JSON.stringify(v.value), String(v.skipped), v.sourceActionId, v.turn, v.createdAt]);
      }
    }
    if (sessions.length < REVIEW_PAGE_MAX) break;
  }
  return { csv: toCsv(VARIABLES_CSV_HEADER, out), rows: out.length };
}

// ---------------------------------------------------------------------------------------------
// One session

export interface PlacedSpan {
  start: number;
  end: number;
  rule: string;
  eventId: string;
  level: RiskLevel;
}

export interface ReviewEvent {
  id: string;
  level: RiskLevel;
  category: string;
  source: string;
  actionTaken: string;
  turn: number;
  createdAt: Date;
  messageId: string | null;
  messageSeq: number | null;
  evidence: EvidenceSpan[];
  reviewedAt: Date | null;
  reviewedBy: { id: string; email: string; name: string | null } | null;
  reviewNote: string | null;
}

export async function getReviewSession(prisma: PrismaClient, scope: ProjectScope, sessionId: string) {
  const session = await prisma.session.findFirst({
    where: { AND: [{ id: sessionId }, sessionScopeWhere(scope)] },
    select: {
      id: true,
      status: true,
      riskLevel: true,
      needsReview: true,
      language: true,
      turnCount: true,
      createdAt: true,
      updatedAt: true,
      endedAt: true,
      scriptVersionId: true,
      scriptVersion: { select: { number: true, script: { select: { id: true, path: true, scriptKey: true, project: { select: { id: true, name: true } } } } } },
    },
  });
  if (!session) throw new ServiceError("NOT_FOUND", "This session was not found.");

  const [names, messages, events, variables] = await Promise.all([
    scriptNames(prisma, [session.scriptVersionId]),
    prisma.message.findMany({
      where: { sessionId },
      orderBy: { seq: "asc" },
      select: { id: true, seq: true, role: true, text: true, turn: true, actionId: true, createdAt: true },
    }),
    prisma.safetyEvent.findMany({
      where: { sessionId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        level: true,
        category: true,
        source: true,
        actionTaken: true,
        turn: true,
        createdAt: true,
        messageId: true,
        evidence: true,
        reviewedAt: true,
        reviewNote: true,
        reviewedBy: { select: { id: true, email: true, name: true } },
      },
    }),
    prisma.variableValue.findMany({
      where: { sessionId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, name: true, scope: true, scopeId: true, value: true, skipped: true, sourceActionId: true, turn: true, messageId: true, createdAt: true },
    }),
  ]);

  const seqOf = new Map(messages.map((m) => [m.id, m.seq]));
  const reviewEvents: ReviewEvent[] = events.map((e) => ({
    id: e.id,
    level: e.level,
    category: e.category,
    source: e.source,
    actionTaken: e.actionTaken,
    turn: e.turn,
    createdAt: e.createdAt,
    messageId: e.messageId,
    messageSeq: e.messageId ? (seqOf.get(e.messageId) ?? null) : null,
    evidence: readEvidence(e.evidence),
    reviewedAt: e.reviewedAt,
    reviewedBy: e.reviewedBy,
    reviewNote: e.reviewNote,
  }));

  const spansByMessage = new Map<string, PlacedSpan[]>();
  for (const event of reviewEvents) {
    if (!event.messageId) continue;
    const message = messages.find((m) => m.id === event.messageId);
    if (!message || message.role !== "client") continue;
    for (const span of event.evidence) {
      const placed = placeSpan(message.text, span);
      if (!placed) continue;
      const list = spansByMessage.get(message.id) ?? [];
      list.push({ ...placed, rule: span.rule, eventId: event.id, level: event.level });
      spansByMessage.set(message.id, list);
    }
  }

  const latest = new Map<string, string>();
  for (const v of variables) latest.set(variableKey(v), v.id);
  const current = new Set(latest.values());

  const script = session.scriptVersion.script;
  return {
    session: {
      id: session.id,
      status: session.status,
      riskLevel: session.riskLevel,
      needsReview: session.needsReview,
      language: session.language,
      turnCount: session.turnCount,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      endedAt: session.endedAt,
      project: script.project,
      script: { id: script.id, name: names.get(session.scriptVersionId) ?? script.scriptKey, path: script.path, version: session.scriptVersion.number },
    },
    messages: messages.map((m) => ({
      ...m,
      highlights: (spansByMessage.get(m.id) ?? []).sort((a, b) => a.start - b.start || b.end - a.end),
    })),
    events: reviewEvents,
    variables: variables.map((v) => ({
      id: v.id,
      name: v.name,
      scope: v.scope,
      scopeId: v.scopeId,
      value: v.value as Prisma.JsonValue,
      /** The client skipped the question (`sourceActionId`): no value was given, and the variable stays unset. */
      skipped: v.skipped,
      sourceActionId: v.sourceActionId,
      turn: v.turn,
      messageSeq: v.messageId ? (seqOf.get(v.messageId) ?? null) : null,
      createdAt: v.createdAt,
      current: current.has(v.id),
    })),
  };
}

export const REVIEW_NOTE_MAX = 4000;

/**
 * Marks a safety event reviewed by `reviewerId` with a note (marking again replaces the note).
 * When no event of the session is left unreviewed, the session no longer needs review. The
 * clearing is one conditional update run after the event is stored, so two counsellors finishing
 * the last two events at once still clear it, and an event stored by a new turn keeps it. It is
 * plain SQL so the session's "last active" time (`updatedAt`, the client's last turn) stays as it
 * was: Prisma would set it to now.
 */
export async function markEventReviewed(
  prisma: PrismaClient,
  scope: ProjectScope,
  input: { eventId: string; reviewerId: string; note: string | null },
) {
  const event = await prisma.safetyEvent.findFirst({
    where: { id: input.eventId, session: sessionScopeWhere(scope) },
    select: { id: true, sessionId: true },
  });
  if (!event) throw new ServiceError("NOT_FOUND", "This safety event was not found.");
  const note = input.note?.trim() || null;
  if (note && note.length > REVIEW_NOTE_MAX) throw new ServiceError("BAD_REQUEST", `The note must be at most ${REVIEW_NOTE_MAX} characters.`);

  const updated = await prisma.safetyEvent.update({
    where: { id: event.id },
    data: { reviewedAt: new Date(), reviewedById: input.reviewerId, reviewNote: note },
    select: { id: true, reviewedAt: true, reviewNote: true, reviewedBy: { select: { id: true, email: true, name: true } } },
  });
  await prisma.$executeRaw`UPDATE "Session" SET "needsReview" = false
    WHERE id = ${event.sessionId} AND "needsReview"
      AND NOT EXISTS (SELECT 1 FROM "SafetyEvent" e WHERE e."sessionId" = ${event.sessionId} AND e."reviewedAt" IS NULL)`;
  const session = await prisma.session.findUniqueOrThrow({ where: { id: event.sessionId }, select: { id: true, needsReview: true } });
  const unreviewedEvents = await prisma.safetyEvent.count({ where: { sessionId: event.sessionId, reviewedAt: null } });
  return { event: updated, session: { ...session, unreviewedEvents } };
}
