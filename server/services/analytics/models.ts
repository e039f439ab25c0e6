/** Model mode's cost and speed: calls, tokens and latency per model and script version. */
import type { PrismaClient } from "../../db/generated/client";
import { summaryInScope, type AnalyticsFilters } from "./scope";
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

/**
 * Model calls made in the sessions in scope (template-mode sessions make none), read from the
 * per-session summary the turn statement keeps (one row per session and model): the sums add up,
 * and the latency percentiles are exact, over every call's latency kept in the rows.
 */
export async function modelUsage(prisma: PrismaClient, filters: AnalyticsFilters): Promise<ModelUsage[]> {
  return analyticsQuery<ModelUsage>(prisma, sql`
    WITH used AS MATERIALIZED (
      SELECT u."scriptVersionId", u.model, u.calls, u.errors, u."promptTokens", u."completionTokens", u."latenciesMs"
      FROM "SessionModelUse" u
      WHERE ${summaryInScope(filters)}
    ),
    totals AS (
      SELECT "scriptVersionId", model, sum(calls)::int AS calls, sum(errors)::int AS errors,
             sum("promptTokens")::float8 AS "promptTokens", sum("completionTokens")::float8 AS "completionTokens"
      FROM used
      GROUP BY 1, 2
    ),
    -- Exact percentiles without sorting every call: count the calls per latency value, then find
    -- the values at the two ranks each percentile lies between, as percentile_cont does
    -- (rank p·(n−1), 0-based, interpolated linearly between its floor and its ceiling).
    counted AS (
      SELECT u."scriptVersionId", u.model, l.ms, count(*) AS n
      FROM used u CROSS JOIN LATERAL unnest(u."latenciesMs") AS l(ms)
      GROUP BY 1, 2, 3
    ),
    cumulative AS (
      SELECT c.*, sum(c.n) OVER (PARTITION BY c."scriptVersionId", c.model ORDER BY c.ms) AS upto,
             sum(c.n) OVER (PARTITION BY c."scriptVersionId", c.model) AS total
      FROM counted c
    ),
    ranks AS (
      SELECT "scriptVersionId", model,
             min(ms) FILTER (WHERE upto > floor(0.5::float8 * (total - 1)))::float8 AS median_lo,
             min(ms) FILTER (WHERE upto > ceil(0.5::float8 * (total - 1)))::float8 AS median_hi,
             min(0.5::float8 * (total - 1) - floor(0.5::float8 * (total - 1))) AS median_frac,
             min(ms) FILTER (WHERE upto > floor(0.95::float8 * (total - 1)))::float8 AS p95_lo,
             min(ms) FILTER (WHERE upto > ceil(0.95::float8 * (total - 1)))::float8 AS p95_hi,
             min(0.95::float8 * (total - 1) - floor(0.95::float8 * (total - 1))) AS p95_frac
      FROM cumulative
      GROUP BY 1, 2
    )
    SELECT t."scriptVersionId" AS "versionId", t.model, t.calls, t.errors, t."promptTokens", t."completionTokens",
           r.median_lo + (r.median_hi - r.median_lo) * r.median_frac AS "medianLatencyMs",
           r.p95_lo + (r.p95_hi - r.p95_lo) * r.p95_frac AS "p95LatencyMs"
    FROM totals t JOIN ranks r ON r."scriptVersionId" = t."scriptVersionId" AND r.model = t.model
    ORDER BY 1, 2`);
}
