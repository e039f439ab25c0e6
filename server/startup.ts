import path from "node:path";
import v8 from "node:v8";
import { getEnv } from "./env";
import { getLogger } from "./log";
import { closePlatform, getPlatform } from "./platform";
import { seedExampleScripts } from "./services/seed";
import { drain, openResponses, runningTurns, watchHttpResponses } from "./lifecycle";
import { processSlot } from "./process-registry";
import { recordPeerAddresses } from "./auth/client-address";
import { purgeEndedSessions } from "./services/data-care/data-care";
import { ensureFirstAdmin } from "./services/accounts/accounts";
import { unsupportedNodeReason } from "./runtime-support";

/** Once per process, whichever chunk calls first. */
const started = processSlot("startup.started", () => ({ value: false }));

export async function startServer(): Promise<void> {
  if (started.get().value) return;
  started.get().value = true;
  const log = getLogger();
  const unsupported = unsupportedNodeReason();
  if (unsupported) {
    // Refused at start, not at the first session, which is where an older Node would fail.
    log.fatal(unsupported);
    process.exit(1);
  }
  let env;
  try {
    env = getEnv();
  } catch (error) {
    // A server that cannot read its configuration must not keep serving 500s: stop, non-zero, so
    // the operator (or the container platform) sees it. The message names each variable, never its value.
    log.fatal(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  tuneHeap(env.HEAP_GROWING_PERCENT);
  // Per-address limits need the TCP peer, which route handlers cannot see otherwise.
  recordPeerAddresses();
  const platform = getPlatform();
  log.info({ db: platform.db.kind, cache: platform.cache.kind, llm: env.llmMode }, "heartline starting");

  try {
    const report = await seedExampleScripts(platform.db.prisma, path.resolve(process.cwd(), "scripts"));
    log.info(
      {
        created: report.created.length,
        updated: report.updated.length,
        unchanged: report.unchanged.length,
        rejected: report.rejected,
      },
      "example scripts seeded",
    );
  } catch (error) {
    // The app can still serve what is already stored; the operator sees why seeding failed.
    log.error({ err: error }, "seeding example scripts failed");
  }

  try {
    const admin = await ensureFirstAdmin(platform.db.prisma, env);
    log.info({ status: admin.status }, admin.message);
  } catch (error) {
    log.error({ err: error instanceof Error ? error.message : String(error) }, "creating the first admin failed");
  }

  if (env.RETENTION_DAYS) scheduleRetention(env.RETENTION_DAYS);

  // With NEXT_MANUAL_SIG_HANDLE (npm start, the container) Next leaves signals to us: finish the
  // turns that are running, then close the pools and the embedded database cleanly.
  if (process.env.NEXT_MANUAL_SIG_HANDLE) handleShutdownSignals(env.SHUTDOWN_GRACE_SECONDS * 1000);
}

/**
 * On SIGTERM or SIGINT: refuse new turns (503 with Retry-After), let running turns finish and be
 * stored and responses finish, for at most `graceMs`; then close storage and exit. A second
 * signal exits at once.
 */
function handleShutdownSignals(graceMs: number): void {
  const log = getLogger();
  watchHttpResponses();
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, "second signal: exiting without waiting");
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, runningTurns: runningTurns(), openResponses: openResponses(), graceSeconds: graceMs / 1000 }, "shutting down: finishing running turns");
    const left = await drain(graceMs);
    if (left.turns > 0 || left.responses > 0) log.warn(left, "turns or responses still running at the end of the shutdown grace");
    else log.info("running turns finished; closing storage");
    await closePlatform().catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", (signal) => void shutdown(signal));
  process.on("SIGINT", (signal) => void shutdown(signal));
}

/**
 * V8 lets the heap grow to about four times what survived the last full collection before it
 * collects again, and on a large machine it has room to: a server under chat load then sits at
 * 550–750 MB although under 100 MB is live. A growth of 50 % keeps it near 340 MB for about 10 %
 * more CPU (bench/chat.bench.ts), with no hard cap that could crash the process on a big import.
 * The factor is read at every collection, so setting it at start takes effect, on Node 24 as on 20
 * (Node 24, 1,000 sessions, no young-generation cap: 550 MB resident with 0, 395 MB with 50).
 * 0 keeps V8's own.
 *
 * This is the old generation only. The young one is sized when the process starts, and setting
 * --max-semi-space-size here changes nothing, so `npm start` and the container pass
 * --max-semi-space-size=16 in NODE_OPTIONS: Node 24 would otherwise let it grow to 128 MB (32 MB
 * on Node 20), about 85 MB more resident memory under load, for a few % more turns/s.
 */
function tuneHeap(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}

const DAY_MS = 24 * 3600 * 1000;

/** Purges ended sessions older than the retention period now and once a day. */
function scheduleRetention(days: number): void {
  const purge = async () => {
    try {
      const count = await purgeEndedSessions(getPlatform().db.prisma, days);
      getLogger().info({ purged: count, retentionDays: days }, "retention purge");
    } catch (error) {
      getLogger().error({ err: error instanceof Error ? error.message : String(error) }, "retention purge failed");
    }
  };
  void purge();
  setInterval(() => void purge(), DAY_MS).unref();
}
