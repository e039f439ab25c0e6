/**
 * Which sessions an analytics query counts: those of one project's session scripts, optionally
 * one script, one or two versions (a comparison), and a start-date range. Every aggregate starts
 * from this set, so all charts on a page describe the same sessions.
 */
import { Prisma } from "../../db/generated/client";
import { utcTimestamp } from "../../db/sql";

export interface AnalyticsFilters {
  projectId: string;
  scriptId?: string;
  /** One version, or two to compare side by side. */
  versionIds?: readonly string[];
  /** Sessions started at or after this instant (UTC). */
  from?: Date;
  /** Sessions started before this instant (UTC). */
  to?: Date;
}

const { sql, empty, join } = Prisma;

/** The project's session-script versions allowed by the filters (a subquery of ids). */
function versionsInScope(filters: AnalyticsFilters): Prisma.Sql {
  return sql`SELECT v.id FROM "ScriptVersion" v JOIN "Script" sc ON sc.id = v."scriptId"
    WHERE sc."projectId" = ${filters.projectId} AND sc.kind = 'session'
    ${filters.scriptId ? sql`AND sc.id = ${filters.scriptId}` : empty}
    ${filters.versionIds?.length ? sql`AND v.id IN (${join([...filters.versionIds])})` : empty}`;
}

/**
 * A `scoped` CTE body: one row per session in scope with the columns the aggregates use, all of
 * them in the ("scriptVersionId", "createdAt", …) index: a project has few versions, each a range
 * scan of that index alone.
 */
export function scopedSessions(filters: AnalyticsFilters): Prisma.Sql {
  return sql`SELECT s.id, s."scriptVersionId", s.status, s."turnCount", s."createdAt", s."endedAt", s."updatedAt"
    FROM "Session" s
    WHERE s."scriptVersionId" IN (${versionsInScope(filters)})
    ${filters.from ? sql`AND s."createdAt" >= ${utcTimestamp(filters.from)}::timestamp` : empty}
    ${filters.to ? sql`AND s."createdAt" < ${utcTimestamp(filters.to)}::timestamp` : empty}`;
}

/**
 * A WHERE condition on the per-session model-use summary (aliased `u`) picking the rows of the
 * sessions in scope: it copies each session's version and start time, so it is filtered by its own
 * (version, start) index without reading the sessions.
 */
export function summaryInScope(filters: AnalyticsFilters): Prisma.Sql {
  return sql`u."scriptVersionId" IN (${versionsInScope(filters)})
    ${filters.from ? sql`AND u."sessionCreatedAt" >= ${utcTimestamp(filters.from)}::timestamp` : empty}
    ${filters.to ? sql`AND u."sessionCreatedAt" < ${utcTimestamp(filters.to)}::timestamp` : empty}`;
}
