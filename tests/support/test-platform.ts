import { parseEnv } from "@/server/env";
import { createCache } from "@/server/cache";
import type { Database } from "@/server/db/client";
import type { Platform } from "@/server/platform";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";

/** A platform around a test database: template mode, in-memory cache, fixed secret. */
export function testPlatform(db: Database, env: Record<string, string> = {}): Platform {
  return {
    env: parseEnv({ AUTH_SECRET: "integration-test-secret-0123456789abcdef", ...env }),
    db,
    cache: createCache({}),
    startedAt: Date.now(),
  };
}

export function callerFor(platform: Platform, headers: HeadersInit = {}) {
  return createCaller(createTRPCContext({ headers: new Headers(headers), platform }));
}
