import type { Platform } from "../platform";
import type { Metrics } from "../observability/metrics";

const ACTIVE_WINDOW_MS = 30 * 60 * 1000;

/** Gauges read at scrape time; a database outage leaves them as they were. */
export async function refreshGauges(platform: Platform, metrics: Metrics): Promise<void> {
  const pool = platform.db.poolStats();
  if (pool) {
    metrics.dbPool.set({ state: "total" }, pool.total);
    metrics.dbPool.set({ state: "idle" }, pool.idle);
    metrics.dbPool.set({ state: "waiting" }, pool.waiting);
  }
  try {
    const active = await platform.db.prisma.session.count({
      where: { status: "active", updatedAt: { gte: new Date(Date.now() - ACTIVE_WINDOW_MS) } },
    });
    metrics.activeSessions.set(active);
  } catch {
    // Scrapes must keep working while the database is down.
  }
}
