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

/**
 * The process-wide infrastructure (validated env, database, cache), created once on first use.
 * Kept on globalThis so Next's dev hot reload does not open a second PGlite on the same folder.
 */
export interface Platform {
  env: Env;
  db: Database;
  cache: Cache;
  /** The LLM port for one run; `onUsage` receives a record per model call. */
  llmFor(onUsage: (usage: LlmUsage) => void, options?: { templateFallback?: boolean }): LlmPort;
  startedAt: number;
}

/** One breaker per process: a model that keeps failing is not called again for a while. */
const modelBreaker = new CircuitBreaker();

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
    return port.mode === "model" ? resilientLlm(port, modelBreaker, { fallback: options.templateFallback ?? true }) : port;
  };
}

const holder = globalThis as typeof globalThis & { __heartlinePlatform?: Platform };

export function getPlatform(): Platform {
  if (!holder.__heartlinePlatform) {
    const env = getEnv();
    holder.__heartlinePlatform = {
      env,
      db: openDatabase(resolveDatabaseTarget(env)),
      cache: countedCache(createCache({ upstashUrl: env.UPSTASH_REDIS_REST_URL, upstashToken: env.UPSTASH_REDIS_REST_TOKEN }), getMetrics()),
      llmFor: llmFactory(env),
      startedAt: Date.now(),
    };
  }
  return holder.__heartlinePlatform;
}

/** Closes pools and the embedded database (graceful shutdown, tests). */
export async function closePlatform(): Promise<void> {
  const platform = holder.__heartlinePlatform;
  holder.__heartlinePlatform = undefined;
  await platform?.db.close();
}
