/**
 * The review lists as CSV, up to CSV_MAX_ROWS rows: the flagged list, all sessions, and the
 * sessions' current variable values. Never message text.
 */
import type { PrismaClient } from "../../db/generated/client";
import type { ProjectScope } from "../accounts/access";
import { toCsv } from "./csv";
import { flaggedWhere, FLAGGED_ORDER, type ReviewFilters } from "./flagged";
import { CSV_MAX_ROWS, loadAllRows, REVIEW_PAGE_MAX, scriptNames, variableKey, type SessionRow } from "./session-rows";
import { sessionsWhere, SESSIONS_ORDER, type SessionFilters } from "./sessions";

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

/** One CSV row per session, in CSV_HEADER's column order. */
function sessionCsvCells(r: SessionRow) {
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
  const rows = await loadAllRows(prisma, flaggedWhere(scope, filters), FLAGGED_ORDER);
  const csv = toCsv(CSV_HEADER, rows.map(sessionCsvCells));
  return { csv, rows: rows.length };
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
