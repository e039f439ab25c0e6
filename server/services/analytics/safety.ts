/** Safety events per 100 sessions, by risk level and script version. */
import type { PrismaClient } from "../../db/generated/client";
import type { RiskLevel } from "../../engine/safety/risk-types";
import { scopedSessions, type AnalyticsFilters } from "./scope";
import { analyticsQuery, sql } from "./run-query";

export interface SafetyRate {
  versionId: string;
  level: Exclude<RiskLevel, "none">;
  /** Sessions of this version in scope (the denominator). */
  sessions: number;
  events: number;
  /** Sessions with at least one event at this level. */
  sessionsWithEvents: number;
  /** Events per 100 sessions, two decimals. */
  per100Sessions: number;
}

/** One row per version in scope and level above none (zeros included). */
export async function safetyByLevel(prisma: PrismaClient, filters: AnalyticsFilters): Promise<SafetyRate[]> {
  return analyticsQuery<SafetyRate>(prisma, sql`
    WITH scoped AS (${scopedSessions(filters)}),
    totals AS (SELECT "scriptVersionId", count(*)::int AS sessions FROM scoped GROUP BY 1),
    events AS (
      SELECT s."scriptVersionId", e.level, count(*)::int AS events, count(DISTINCT e."sessionId")::int AS "sessionsWithEvents"
      FROM "SafetyEvent" e JOIN scoped s ON s.id = e."sessionId"
      WHERE e.level <> 'none'
      GROUP BY 1, 2
    ),
    levels AS (SELECT level FROM unnest(enum_range(NULL::"RiskLevel")) AS level WHERE level <> 'none')
    SELECT t."scriptVersionId" AS "versionId", l.level::text AS level, t.sessions,
           COALESCE(e.events, 0) AS events, COALESCE(e."sessionsWithEvents", 0) AS "sessionsWithEvents",
           round(100.0 * COALESCE(e.events, 0) / t.sessions, 2)::float8 AS "per100Sessions"
    FROM totals t CROSS JOIN levels l
    LEFT JOIN events e ON e."scriptVersionId" = t."scriptVersionId" AND e.level = l.level
    ORDER BY t."scriptVersionId", l.level`);
}
