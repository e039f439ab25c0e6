/**
 * Which sessions an analytics query counts: those of one project's session scripts, optionally
 * one script, one or two versions (a comparison), and a start-date range. Every aggregate starts
 * from this set, so all charts on a page describe the same sessions.
 */
import { Prisma } from "../../db/generated/client";
import { utcTimestamp } from "../../db/sql";
import type { InstantRange } from "./days";

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
 * A WHERE condition on a per-session summary (aliased `u`: model use, funnel) picking the rows of
 * the sessions in scope, or of those started in `ranges` (each half-open; any one of them) when
 * given: it copies each session's version and start time, so it is filtered by its own
 * (version, start) index without reading the sessions.
 */
export function summaryInScope(filters: AnalyticsFilters, ranges: readonly InstantRange[] = [filters]): Prisma.Sql {
  const started = ranges.map(({ from, to }) =>
    from || to
      ? sql`(${join(
          [
            ...(from ? [sql`u."sessionCreatedAt" >= ${utcTimestamp(from)}::timestamp`] : []),
            ...(to ? [sql`u."sessionCreatedAt" < ${utcTimestamp(to)}::timestamp`] : []),
          ],
          " AND ",
        )})`
      : sql`TRUE`,
  );
  return sql`u."scriptVersionId" IN (${versionsInScope(filters)}) AND (${ranges.length ? join(started, " OR ") : sql`FALSE`})`;
}

/**
 * A WHERE condition on a per-day roll-up (aliased `d`, keyed by version and the UTC day sessions
 * started): the project's versions allowed by the filters, on the whole days given.
 */
export function daysInScope(filters: AnalyticsFilters, days: { first?: string; end?: string }): Prisma.Sql {
  return sql`d."scriptVersionId" IN (${versionsInScope(filters)})
    ${days.first ? sql`AND d.day >= ${days.first}::date` : empty}
    ${days.end ? sql`AND d.day < ${days.end}::date` : empty}`;
}
