import type { Cache } from "../cache/types";
import type { Metrics } from "./metrics";

/** The same cache, counting failed operations for the metrics (callers still see the error). */
export function countedCache(cache: Cache, metrics: Metrics): Cache {
  const count = <T>(operation: string, run: () => Promise<T>): Promise<T> =>
    run().catch((error: unknown) => {
      metrics.cacheErrors.inc({ operation });
      throw error;
    });
  return {
    kind: cache.kind,
    get: (key) => count("get", () => cache.get(key)),
    set: (key, value, options) => count("set", () => cache.set(key, value, options)),
    delete: (key) => count("delete", () => cache.delete(key)),
    acquireLock: (key, options) => count("lock", () => cache.acquireLock(key, options)),
    withLock: (key, options, fn) => count("lock", () => cache.withLock(key, options, fn)),
    rateLimit: (key, options) => count("rate_limit", () => cache.rateLimit(key, options)),
    ping: async () => {
      const result = await cache.ping();
      if (!result.ok) metrics.cacheErrors.inc({ operation: "ping" });
      return result;
    },
  };
}
