import type { Database, DatabaseKind } from "../db/client";
import type { Cache } from "../cache/types";
import { APP_VERSION } from "../version";

export interface HealthReport {
  status: "ok" | "degraded" | "unavailable";
  version: string;
  uptimeSeconds: number;
  db: { ok: boolean; kind: DatabaseKind; latencyMs: number; error?: string };
  cache: { ok: boolean; kind: Cache["kind"]; error?: string };
  llm: { mode: "model" | "template" };
}

/** A health probe must answer quickly even when the database hangs. */
export const DB_PROBE_TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function probeDatabase(db: Database): Promise<HealthReport["db"]> {
  const started = performance.now();
  try {
    await withTimeout(db.prisma.$queryRaw`SELECT 1`, DB_PROBE_TIMEOUT_MS, "the database");
    return { ok: true, kind: db.kind, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      kind: db.kind,
      latencyMs: Math.round(performance.now() - started),
      error: describeDatabaseError(error),
    };
  }
}

/** A short operator-facing reason; never includes connection strings. */
export function describeDatabaseError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/ECONNREFUSED|connect ECONN|Can't reach database|Connection terminated|terminating connection|shutting down/i.test(text)) {
    return "the database is unreachable";
  }
  if (/did not answer within|timeout/i.test(text)) return "the database timed out";
  return "the database query failed";
}

export async function checkHealth(deps: {
  db: Database;
  cache: Cache;
  llmMode: "model" | "template";
  startedAt: number;
  now?: number;
}): Promise<HealthReport> {
  const [db, cachePing] = await Promise.all([probeDatabase(deps.db), deps.cache.ping()]);
  const cache: HealthReport["cache"] = { ok: cachePing.ok, kind: deps.cache.kind };
  if (cachePing.error) cache.error = cachePing.error;
  return {
    // The cache is optional for correctness (the database version check decides), so it only degrades.
    status: !db.ok ? "unavailable" : cache.ok ? "ok" : "degraded",
    version: APP_VERSION,
    uptimeSeconds: Math.round(((deps.now ?? Date.now()) - deps.startedAt) / 1000),
    db,
    cache,
    llm: { mode: deps.llmMode },
  };
}
