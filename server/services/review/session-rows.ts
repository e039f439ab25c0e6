/**
 * The session rows the review lists and CSVs show (no message text): one query for a page of
 * sessions, one for their safety events, and script display names fetched once per version.
 */
import type { Prisma, PrismaClient } from "../../db/generated/client";
import type { RiskLevel } from "../../engine/safety/risk-types";

export interface Page {
  limit: number;
  offset: number;
}

export const REVIEW_PAGE_MAX = 200;
export const CSV_MAX_ROWS = 10_000;

export function scriptName(compiled: unknown, fallback: string): string {
  const c = compiled as { metadata?: { name?: unknown }; session?: { session_name?: unknown } } | null;
  const name = c?.metadata?.name ?? c?.session?.session_name;
  return typeof name === "string" && name.trim() ? name.trim() : fallback;
}

/** Display names of script versions, fetching each compiled script once. */
export async function scriptNames(prisma: PrismaClient, versionIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(versionIds)];
  if (!unique.length) return new Map();
  const versions = await prisma.scriptVersion.findMany({
    where: { id: { in: unique } },
    select: { id: true, compiled: true, script: { select: { scriptKey: true } } },
  });
  return new Map(versions.map((v) => [v.id, scriptName(v.compiled, v.script.scriptKey)]));
}

/** What a review list row and a session's review page both read of a session. */
export const SESSION_SUMMARY_SELECT = {
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
} satisfies Prisma.SessionSelect;

export interface SessionRow {
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

export async function loadRows(
  prisma: PrismaClient,
  where: Prisma.SessionWhereInput,
  page: Page,
  orderBy: Prisma.SessionOrderByWithRelationInput[],
): Promise<SessionRow[]> {
  const sessions = await prisma.session.findMany({
    where,
    orderBy,
    skip: page.offset,
    take: page.limit,
    select: SESSION_SUMMARY_SELECT,
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

/** Up to CSV_MAX_ROWS rows, read a page at a time. */
export async function loadAllRows(
  prisma: PrismaClient,
  where: Prisma.SessionWhereInput,
  order: Prisma.SessionOrderByWithRelationInput[],
): Promise<SessionRow[]> {
  const rows: SessionRow[] = [];
  for (let offset = 0; offset < CSV_MAX_ROWS; offset += REVIEW_PAGE_MAX) {
    const batch = await loadRows(prisma, where, { offset, limit: Math.min(REVIEW_PAGE_MAX, CSV_MAX_ROWS - offset) }, order);
    rows.push(...batch);
    if (batch.length < REVIEW_PAGE_MAX) break;
  }
  return rows;
}

/** A variable's identity within a session: its scope (and scope id) and name. */
export const variableKey = (v: { scope: string; scopeId: string | null; name: string }) => `${v.scope}\u0000${v.scopeId ?? ""}\u0000${v.name}`;
