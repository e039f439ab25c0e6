/** Model mode's cost and speed: calls, tokens and latency per model and script version. */
import type { PrismaClient } from "../../db/generated/client";
import { scopedSessions, type AnalyticsFilters } from "./scope";
import { analyticsQuery, sql } from "./run-query";

export interface ModelUsage {
  versionId: string;
  model: string;
  calls: number;
  /** Calls that failed (the engine fell back to the script's own text). */
  errors: number;
  promptTokens: number;
  completionTokens: number;
  medianLatencyMs: number;
  p95LatencyMs: number;
}

/** Model calls made in the sessions in scope (template-mode sessions make none). */
export async function modelUsage(prisma: PrismaClient, filters: AnalyticsFilters): Promise<ModelUsage[]> {
  return analyticsQuery<ModelUsage>(prisma, sql`
    WITH scoped AS (${scopedSessions(filters)})
    SELECT s."scriptVersionId" AS "versionId", c.model, count(*)::int AS calls,
           count(*) FILTER (WHERE c.error IS NOT NULL)::int AS errors,
           COALESCE(sum(c."promptTokens"), 0)::float8 AS "promptTokens",
           COALESCE(sum(c."completionTokens"), 0)::float8 AS "completionTokens",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY c."latencyMs")::float8 AS "medianLatencyMs",
           percentile_cont(0.95) WITHIN GROUP (ORDER BY c."latencyMs")::float8 AS "p95LatencyMs"
    FROM "LlmCall" c JOIN scoped s ON s.id = c."sessionId"
    GROUP BY 1, 2
    ORDER BY 1, 2`);
}
