/** Helpers shared by the implementations (not part of the public cache API). */
import { CacheError, type CacheKind, type CacheOperation, type RateLimitOptions } from "./types";

/** Input checks shared by both implementations, so bad arguments fail the same way everywhere. */
export function validateKey(kind: CacheKind, operation: CacheOperation, key: string): void {
  if (typeof key !== "string" || key.length === 0) {
    throw new CacheError(kind, operation, "key must be a non-empty string");
  }
}

export function ttlSecondsToMs(kind: CacheKind, ttlSeconds: number | undefined): number | undefined {
  if (ttlSeconds === undefined) return undefined;
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new CacheError(kind, "set", `ttlSeconds must be a positive number, got ${ttlSeconds}`);
  }
  return Math.max(1, Math.ceil(ttlSeconds * 1000));
}

export function validateLockTtl(kind: CacheKind, ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new CacheError(kind, "acquireLock", `ttlMs must be a positive number, got ${ttlMs}`);
  }
  return Math.ceil(ttlMs);
}

/** Returns the window length in milliseconds. */
export function validateRateLimit(kind: CacheKind, options: RateLimitOptions): number {
  const { limit, windowSeconds, cost = 1 } = options;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new CacheError(kind, "rateLimit", `limit must be a positive integer, got ${limit}`);
  }
  if (!Number.isInteger(cost) || cost === 0) {
    throw new CacheError(kind, "rateLimit", `cost must be a whole number other than 0, got ${cost}`);
  }
  if (!Number.isFinite(windowSeconds) || windowSeconds <= 0) {
    throw new CacheError(kind, "rateLimit", `windowSeconds must be a positive number, got ${windowSeconds}`);
  }
  return Math.max(1, Math.round(windowSeconds * 1000));
}

export function serializeValue(kind: CacheKind, value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new CacheError(kind, "set", `value is not JSON-serialisable: ${errorMessage(error)}`, { cause: error });
  }
  if (json === undefined) {
    throw new CacheError(kind, "set", `value is not JSON-serialisable (${typeof value})`);
  }
  return json;
}

/** Whole seconds until `resetAt`, at least 1, so a client told to wait never retries too early. */
export function retryAfterSeconds(resetAt: number, now: number): number {
  return Math.max(1, Math.ceil((resetAt - now) / 1000));
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    // fetch() reports "fetch failed" and hides the useful part (ECONNREFUSED, timeout) in `cause`.
    const cause: unknown = error.cause;
    if (cause instanceof Error && cause.message && !error.message.includes(cause.message)) {
      const code = (cause as NodeJS.ErrnoException).code;
      return `${error.message} (${code ? `${code}: ` : ""}${cause.message})`;
    }
    return error.message;
  }
  return String(error);
}
