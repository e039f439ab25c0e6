import { MemoryCache } from "./memory-cache";
import { UpstashCache } from "./upstash-cache";
import { CacheConfigError, type Cache } from "./types";

export * from "./types";
export { MemoryCache } from "./memory-cache";
export { UpstashCache } from "./upstash-cache";

export interface CacheConfig {
  /** UPSTASH_REDIS_REST_URL; empty or unset selects the in-memory cache. */
  upstashUrl?: string;
  /** UPSTASH_REDIS_REST_TOKEN; required when the URL is set. */
  upstashToken?: string;
}

/**
 * Upstash when a URL is configured, in-memory otherwise. The caller passes config in (from server/env.ts),
 * so this module never reads process.env.
 */
export function createCache(config: CacheConfig): Cache {
  const url = config.upstashUrl?.trim();
  const token = config.upstashToken?.trim();
  if (!url) return new MemoryCache();
  if (!token) {
    throw new CacheConfigError(
      "UPSTASH_REDIS_REST_URL is set but UPSTASH_REDIS_REST_TOKEN is missing: set both to use Upstash, or neither for the in-memory cache",
    );
  }
  if (!/^https?:\/\/[^\s/?#.]/.test(url)) {
    // Checked here so the message names the setting; the client would otherwise throw its own UrlError.
    throw new CacheConfigError(`UPSTASH_REDIS_REST_URL must be an http(s) URL, got "${url}"`);
  }
  return new UpstashCache({ url, token });
}
