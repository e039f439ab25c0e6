/**
 * The cache port used by services: small key/value storage, short-lived locks and rate limits.
 * Two implementations: Upstash (shared across instances) and in-process memory (one instance).
 *
 * Nothing here may be relied on for correctness: values can vanish (eviction, expiry, outage)
 * and locks can expire while held. Session turns stay correct through the row's version check.
 */

export type CacheKind = "upstash" | "memory";

export type CacheOperation = "get" | "set" | "delete" | "acquireLock" | "releaseLock" | "rateLimit";

export interface SetOptions {
  /** Seconds until the value expires (fractions allowed; kept to millisecond precision). No TTL when omitted. */
  ttlSeconds?: number;
}

export interface LockOptions {
  /** How long the lock lives if never released, so a crashed holder cannot block others for ever. */
  ttlMs: number;
}

export interface Lock {
  readonly key: string;
  /** Deletes the lock only if this holder still owns it (its token); a no-op once it expired or was taken over. */
  release(): Promise<void>;
}

export interface RateLimitOptions {
  /** Requests allowed per window (a positive integer). */
  limit: number;
  /** Window length in seconds. */
  windowSeconds: number;
  /**
   * How many requests this call counts as (default 1): a batch of calls counts each. A negative
   * whole number gives requests back (an attempt that turned out not to count); it is never refused.
   */
  cost?: number;
}

/**
 * Fixed-window rate limit result: windows are aligned to the Unix epoch (`floor(now / window)`),
 * the same buckets @upstash/ratelimit's fixedWindow uses, so both implementations agree.
 */
export interface RateLimitResult {
  allowed: boolean;
  /** Requests still allowed in the current window (0 when refused). */
  remaining: number;
  /** 0 when allowed; otherwise whole seconds (at least 1) until the window resets, for a Retry-After header. */
  retryAfterSeconds: number;
  /** Epoch milliseconds at which the current window ends and the count starts again. */
  resetAt: number;
}

export interface PingResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface Cache {
  readonly kind: CacheKind;

  /**
   * The stored value (JSON round-tripped: a copy, Dates come back as strings), or null when missing or expired.
   * `T` is not checked at run time: validate values whose shape may change between deployments.
   */
  get<T = unknown>(key: string): Promise<T | null>;
  /** Stores any JSON-serialisable value, replacing the previous one and its TTL. `null` reads back as missing. */
  set(key: string, value: unknown, options?: SetOptions): Promise<void>;
  delete(key: string): Promise<void>;

  /** Resolves to the lock, or null when another holder has it. */
  acquireLock(key: string, options: LockOptions): Promise<Lock | null>;
  /**
   * Runs `fn` while holding the lock and releases it afterwards (also when `fn` throws).
   * Rejects with LockBusyError when the lock is held by someone else.
   */
  withLock<T>(key: string, options: LockOptions, fn: (lock: Lock) => Promise<T> | T): Promise<T>;

  /** Counts `options.cost` requests (default one) against `key` and says whether they may proceed. One (limit, window) pair per key. */
  rateLimit(key: string, options: RateLimitOptions): Promise<RateLimitResult>;

  /** Never throws: reports reachability for health checks. */
  ping(): Promise<PingResult>;
}

/** Thrown by cache operations that fail (backend unreachable, bad input); the message names the cache kind. */
export class CacheError extends Error {
  override readonly name = "CacheError";
  readonly kind: CacheKind;
  readonly operation: CacheOperation;

  constructor(kind: CacheKind, operation: CacheOperation, detail: string, options?: { cause?: unknown }) {
    super(`${kind} cache: ${operation} failed: ${detail}`, options);
    this.kind = kind;
    this.operation = operation;
  }
}

/** The cache configuration cannot work (e.g. an Upstash URL without a token). */
export class CacheConfigError extends Error {
  override readonly name = "CacheConfigError";
}

/** `withLock` could not take the lock because another holder has it. */
export class LockBusyError extends Error {
  override readonly name = "LockBusyError";
  readonly key: string;

  constructor(key: string) {
    super(`lock "${key}" is held by another holder`);
    this.key = key;
  }
}

/** Shared `withLock` logic, so both implementations behave the same. */
export async function runWithLock<T>(
  cache: Pick<Cache, "acquireLock">,
  key: string,
  options: LockOptions,
  fn: (lock: Lock) => Promise<T> | T,
): Promise<T> {
  const lock = await cache.acquireLock(key, options);
  if (!lock) throw new LockBusyError(key);
  let result: T;
  try {
    result = await fn(lock);
  } catch (error) {
    // The caller's error matters more than a failed release; the lock's TTL bounds the damage.
    await lock.release().catch(() => undefined);
    throw error;
  }
  try {
    await lock.release();
  } catch (error) {
    // The work is done: failing it now would invite a retry of completed work. The lock expires on
    // its own after ttlMs; say so loudly rather than swallow it.
    console.warn(`[cache] could not release lock "${key}"; it will expire after ${options.ttlMs} ms`, error);
  }
  return result;
}
