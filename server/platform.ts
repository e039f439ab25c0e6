import { getEnv, type Env } from "./env";
import { openDatabase, type Database } from "./db/client";
import { resolveDatabaseTarget } from "./db/target";
import { createCache } from "./cache";
import type { Cache } from "./cache/types";
import { createLlm } from "./llm";
import { CircuitBreaker, resilientLlm } from "./llm/resilient";
import { getMetrics, recordLlmUsage } from "./observability/metrics";
import { countedCache } from "./observability/counted-cache";
import type { LlmPort, LlmUsage } from "./engine/llm/port";
import { processSlot } from "./process-registry";

/**
 * The process-wide infrastructure (validated env, database, cache), created once on first use.
 * Kept in the process registry, so every route chunk shares one pool (and Next's dev hot reload
 * does not open a second PGlite on the same folder).
 */
export interface Platform {
  env: Env;
  db: Database;
  cache: Cache;
  /** The LLM port for one run; `onUsage` receives a record per model call. */
  llmFor(onUsage: (usage: LlmUsage) => void, options?: { templateFallback?: boolean }): LlmPort;
  startedAt: number;
}

/** One breaker per process (not one per route chunk): a model that keeps failing is not called again for a while. */
const modelBreaker = processSlot("platform.model-breaker", () => new CircuitBreaker());

/** The model's circuit breaker as this process sees it (for the metrics). */
export function modelCircuitState(): CircuitBreaker["state"] {
  return modelBreaker.get().state;
}

export function llmFactory(env: Env): Platform["llmFor"] {
  return (onUsage, options = {}) => {
    const port = createLlm({
      mode: env.llmMode,
      apiKey: env.OPENAI_API_KEY,
      baseURL: env.OPENAI_BASE_URL,
      model: env.llmModel,
      onUsage: (usage) => {
        recordLlmUsage(usage);
        onUsage(usage);
      },
    });
    return port.mode === "model" ? resilientLlm(port, modelBreaker.get(), { fallback: options.templateFallback ?? true }) : port;
  };
}

const platformSlot = processSlot<Platform>("platform", () => {
  const env = getEnv();
  return {
    env,
    db: openDatabase(resolveDatabaseTarget(env)),
    cache: countedCache(createCache({ upstashUrl: env.UPSTASH_REDIS_REST_URL, upstashToken: env.UPSTASH_REDIS_REST_TOKEN }), getMetrics()),
    llmFor: llmFactory(env),
    startedAt: Date.now(),
  };
});

export function getPlatform(): Platform {
  return platformSlot.get();
}

/** Makes `platform` the process's platform (tests that call route handlers directly); `undefined` forgets it. */
export function setPlatform(platform: Platform | undefined): void {
  platformSlot.set(platform);
}

/** Closes pools and the embedded database (graceful shutdown, tests). */
export async function closePlatform(): Promise<void> {
  const platform = platformSlot.peek();
  platformSlot.set(undefined);
  await platform?.db.close();
}
