import { getEnv, type Env } from "./env";
import { openDatabase, type Database } from "./db/client";
import { resolveDatabaseTarget } from "./db/target";
import { createCache } from "./cache";
import type { Cache } from "./cache/types";

/**
 * The process-wide infrastructure (validated env, database, cache), created once on first use.
 * Kept on globalThis so Next's dev hot reload does not open a second PGlite on the same folder.
 */
export interface Platform {
  env: Env;
  db: Database;
  cache: Cache;
  startedAt: number;
}

const holder = globalThis as typeof globalThis & { __heartlinePlatform?: Platform };

export function getPlatform(): Platform {
  if (!holder.__heartlinePlatform) {
    const env = getEnv();
    holder.__heartlinePlatform = {
      env,
      db: openDatabase(resolveDatabaseTarget(env)),
      cache: createCache({ upstashUrl: env.UPSTASH_REDIS_REST_URL, upstashToken: env.UPSTASH_REDIS_REST_TOKEN }),
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
