import { parseEnv } from "@/server/env";
import { createCache } from "@/server/cache";
import type { Database } from "@/server/db/client";
import { llmFactory, type Platform } from "@/server/platform";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";

/** A platform around a test database: template mode, in-memory cache, fixed secret. */
export function testPlatform(db: Database, env: Record<string, string> = {}): Platform {
  const parsed = parseEnv({ AUTH_SECRET: "integration-test-secret-0123456789abcdef", ...env });
  return { env: parsed, db, cache: createCache({}), llmFor: llmFactory(parsed), startedAt: Date.now() };
}

export function callerFor(platform: Platform, headers: HeadersInit = {}, resHeaders?: Headers) {
  return createCaller(createTRPCContext({ headers: new Headers(headers), platform, ...(resHeaders ? { resHeaders } : {}) }));
}
