/** Model mode's cost and speed: calls, tokens and latency per model and script version. */
import { Prisma, type PrismaClient } from "../../db/generated/client";
import { daysInScope, summaryInScope, type AnalyticsFilters } from "./scope";
import { splitByUtcDay } from "./days";
import { analyticsQuery, sql } from "./run-query";

export interface ModelUsage {
  versionId: string;
  model: string;
  calls: number;
  /** Calls that failed (the engine fell back to the script's own text). */
  errors: number;
  promptTokens: number;
  completionTokens: number;
  /**
   * Latency percentiles over the calls as counted: latencies under 1 s exactly, longer ones
   * rounded to three significant figures (1,234 ms as 1,230), so within 0.5 % of the exact value.
   */
  medianLatencyMs: number;
  p95LatencyMs: number;
}

/**
 * Model calls made in the sessions in scope (template-mode sessions make none), read from the
 * roll-ups the turn statement keeps, never from the calls themselves: per UTC start day, version,
 * model and counted latency (`DailyModelUse`) for the whole days in range, and per session
 * (`SessionModelUse`, every call's latency) for the parts of days at its edges, when the range
 * does not start or end at midnight. Sums are exact; the percentiles are percentile_cont's over
 * the counted latencies (see `medianLatencyMs`).
 */
export async function modelUsage(prisma: PrismaClient, filters: AnalyticsFilters): Promise<ModelUsage[]> {
  const { days, edges } = splitByUtcDay(filters);
  // Each row: a latency counted `n` times (null on an edge session's totals), and the sums it adds.
  const parts = [
    ...(days
      ? [sql`SELECT d."scriptVersionId", d.model, d."latencyMs" AS ms, d.calls AS n, d.calls, d.errors, d."promptTokens" AS pt, d."completionTokens" AS ct
             FROM "DailyModelUse" d WHERE ${daysInScope(filters, days)}`]
      : []),
    ...(edges.length
      ? [
          sql`SELECT u."scriptVersionId", u.model, NULL::int AS ms, 0 AS n, u.calls, u.errors, u."promptTokens" AS pt, u."completionTokens" AS ct
              FROM "SessionModelUse" u WHERE ${summaryInScope(filters, edges)}`,
          sql`SELECT u."scriptVersionId", u.model, analytics_latency_ms(l.ms) AS ms, 1 AS n, 0 AS calls, 0 AS errors, 0::bigint AS pt, 0::bigint AS ct
              FROM "SessionModelUse" u CROSS JOIN LATERAL unnest(u."latenciesMs") AS l(ms) WHERE ${summaryInScope(filters, edges)}`,
        ]
      : []),
  ];
  if (!parts.length) return [];
  return analyticsQuery<ModelUsage>(prisma, sql`
    WITH used AS (${Prisma.join(parts, " UNION ALL ")}),
    counted AS (
      SELECT "scriptVersionId", model, ms, sum(n) AS n, sum(calls) AS calls, sum(errors) AS errors, sum(pt) AS pt, sum(ct) AS ct
      FROM used GROUP BY 1, 2, 3
    ),
    -- Percentiles without a row per call: the calls per counted latency, then the values at the two
    -- ranks each percentile lies between, as percentile_cont does (rank p·(n−1), 0-based,
    -- interpolated linearly between its floor and its ceiling).
    cumulative AS (
      SELECT c.*, sum(c.n) OVER (PARTITION BY c."scriptVersionId", c.model ORDER BY c.ms) AS upto,
             sum(c.n) OVER (PARTITION BY c."scriptVersionId", c.model) AS total
      FROM counted c
    ),
    ranks AS (
      SELECT "scriptVersionId", model, sum(calls)::int AS calls, sum(errors)::int AS errors,
             sum(pt)::float8 AS "promptTokens", sum(ct)::float8 AS "completionTokens",
             min(ms) FILTER (WHERE upto > floor(0.5::float8 * (total - 1)))::float8 AS median_lo,
             min(ms) FILTER (WHERE upto > ceil(0.5::float8 * (total - 1)))::float8 AS median_hi,
             min(0.5::float8 * (total - 1) - floor(0.5::float8 * (total - 1))) AS median_frac,
             min(ms) FILTER (WHERE upto > floor(0.95::float8 * (total - 1)))::float8 AS p95_lo,
             min(ms) FILTER (WHERE upto > ceil(0.95::float8 * (total - 1)))::float8 AS p95_hi,
             min(0.95::float8 * (total - 1) - floor(0.95::float8 * (total - 1))) AS p95_frac
      FROM cumulative
      GROUP BY 1, 2
    )
    SELECT "scriptVersionId" AS "versionId", model, calls, errors, "promptTokens", "completionTokens",
           median_lo + (median_hi - median_lo) * median_frac AS "medianLatencyMs",
           p95_lo + (p95_hi - p95_lo) * p95_frac AS "p95LatencyMs"
    FROM ranks
    ORDER BY 1, 2`);
}
