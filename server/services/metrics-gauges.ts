import path from "node:path";
import { modelCircuitState, type Platform } from "../platform";
import type { Metrics } from "../observability/metrics";
import { isDraining } from "../lifecycle";
import { checkReadiness } from "./readiness";

const ACTIVE_WINDOW_MS = 30 * 60 * 1000;
/** Levels a counsellor must look at soon; the alert rules watch how long they wait. */
const REVIEW_LEVELS = ["high", "imminent"] as const;
const CIRCUIT_STATES = ["closed", "open", "half-open"] as const;

/**
 * Unreviewed high and imminent events: one statement over the (reviewedAt, level) index, counting
 * and dating them without reading any of their content.
 */
const UNREVIEWED = `SELECT level::text AS level, COUNT(*)::int AS waiting, EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC') - MIN("createdAt"))::float8 AS "oldestSeconds"
FROM "SafetyEvent" WHERE "reviewedAt" IS NULL AND level IN ('high', 'imminent') GROUP BY level`;

async function refreshActiveSessions(platform: Platform, metrics: Metrics): Promise<void> {
  const active = await platform.db.prisma.session.count({
    where: { status: "active", updatedAt: { gte: new Date(Date.now() - ACTIVE_WINDOW_MS) } },
  });
  metrics.activeSessions.set(active);
}

async function refreshReviewBacklog(platform: Platform, metrics: Metrics): Promise<void> {
  const rows = await platform.db.sql.query<{ level: string; waiting: number; oldestSeconds: number | null }>(UNREVIEWED);
  for (const level of REVIEW_LEVELS) {
    const row = rows.find((r) => r.level === level);
    metrics.unreviewedSafetyEvents.set({ level }, row?.waiting ?? 0);
    metrics.oldestUnreviewedSafetyEvent.set({ level }, Math.max(0, row?.oldestSeconds ?? 0));
  }
}

async function refreshReadiness(platform: Platform, metrics: Metrics): Promise<void> {
  if (isDraining()) {
    metrics.ready.set(0);
    return;
  }
  const report = await checkReadiness(platform.db, path.join(process.cwd(), "prisma", "migrations"));
  metrics.ready.set(report.ready ? 1 : 0);
}

/**
 * Gauges read at scrape time. A database outage leaves the counts as they were (scrapes keep
 * working) and shows as `heartline_ready 0`.
 */
export async function refreshGauges(platform: Platform, metrics: Metrics): Promise<void> {
  const pool = platform.db.poolStats();
  if (pool) {
    metrics.dbPool.set({ state: "total" }, pool.total);
    metrics.dbPool.set({ state: "idle" }, pool.idle);
    metrics.dbPool.set({ state: "waiting" }, pool.waiting);
  }
  const circuit = modelCircuitState();
  for (const state of CIRCUIT_STATES) metrics.llmCircuit.set({ state: state.replace("-", "_") }, state === circuit ? 1 : 0);
  await Promise.all([
    refreshActiveSessions(platform, metrics).catch(() => {}),
    refreshReviewBacklog(platform, metrics).catch(() => {}),
    refreshReadiness(platform, metrics).catch(() => metrics.ready.set(0)),
  ]);
}
