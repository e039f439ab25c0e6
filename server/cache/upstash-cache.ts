import { randomUUID } from "node:crypto";

import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";

import {
  errorMessage,
  retryAfterSeconds,
  serializeValue,
  ttlSecondsToMs,
  validateKey,
  validateLockTtl,
  validateRateLimit,
} from "./internal";
import {
  CacheError,
  runWithLock,
  type Cache,
  type CacheOperation,
  type Lock,
  type LockOptions,
  type PingResult,
  type RateLimitOptions,
  type RateLimitResult,
  type SetOptions,
} from "./types";

export const UPSTASH_KEY_PREFIX = "heartline:";
/** Budget for one command including its retries; @upstash/redis itself has no timeout, so a hung endpoint would hang callers. */
export const UPSTASH_DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
/** Retries of network failures (the client's default of 5 with exponential backoff takes ~4 s to give up). */
export const UPSTASH_DEFAULT_RETRIES = 2;

/** Deletes the key only if it still holds our token, so an expired holder cannot free someone else's lock. */
const RELEASE_LOCK_SCRIPT = `if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("DEL", KEYS[1])
end
return 0`;

export interface UpstashCacheOptions {
  url: string;
  token: string;
  /** Prepended to every key; tests use a unique one per run. Defaults to "heartline:". */
  keyPrefix?: string;
  requestTimeoutMs?: number;
  retries?: number;
}

export class UpstashCache implements Cache {
  readonly kind = "upstash" as const;

  private readonly redis: Redis;
  private readonly keyPrefix: string;
  private readonly releaseScript: ReturnType<Redis["createScript"]>;
  /** One limiter per (limit, window): @upstash/ratelimit fixes both at construction. Few distinct pairs exist in code. */
  private readonly limiters = new Map<string, Ratelimit>();

  constructor(options: UpstashCacheOptions) {
    this.keyPrefix = options.keyPrefix ?? UPSTASH_KEY_PREFIX;
    const timeoutMs = options.requestTimeoutMs ?? UPSTASH_DEFAULT_REQUEST_TIMEOUT_MS;
    this.redis = new Redis({
      url: options.url,
      token: options.token,
      // Values are JSON we write ourselves; the client's automatic parsing would turn the string "123" into a number.
      automaticDeserialization: false,
      enableTelemetry: false,
      // On by default in this client: it batches same-tick commands into one /pipeline request, with
      // reads and writes in separate batches that may overtake each other. One request per command
      // keeps ordering and failures per call; the load here does not need batching.
      enableAutoPipelining: false,
      retry: { retries: options.retries ?? UPSTASH_DEFAULT_RETRIES, backoff: (attempt) => 50 * 2 ** attempt },
      // A function, so each command gets a fresh deadline; with a fixed signal the client would
      // resolve a fake "Aborted" result instead of rejecting.
      signal: () => AbortSignal.timeout(timeoutMs),
    });
    this.releaseScript = this.redis.createScript(RELEASE_LOCK_SCRIPT);
  }

  async get<T = unknown>(key: string): Promise<T | null> {
    validateKey(this.kind, "get", key);
    const raw = await this.run("get", () => this.redis.get<string>(this.keyPrefix + key));
    if (raw === null || raw === undefined) return null;
    try {
      return JSON.parse(raw) as T;
    } catch (error) {
      throw new CacheError(this.kind, "get", "stored value is not JSON", { cause: error });
    }
  }

  async set(key: string, value: unknown, options: SetOptions = {}): Promise<void> {
    validateKey(this.kind, "set", key);
    const json = serializeValue(this.kind, value);
    const ttlMs = ttlSecondsToMs(this.kind, options.ttlSeconds);
    const fullKey = this.keyPrefix + key;
    await this.run("set", () =>
      ttlMs === undefined ? this.redis.set(fullKey, json) : this.redis.set(fullKey, json, { px: ttlMs }),
    );
  }

  async delete(key: string): Promise<void> {
    validateKey(this.kind, "delete", key);
    await this.run("delete", () => this.redis.del(this.keyPrefix + key));
  }

  async acquireLock(key: string, options: LockOptions): Promise<Lock | null> {
    validateKey(this.kind, "acquireLock", key);
    const ttlMs = validateLockTtl(this.kind, options.ttlMs);
    const fullKey = `${this.keyPrefix}lock:${key}`;
    const token = randomUUID();
    const reply = await this.run("acquireLock", () => this.redis.set(fullKey, token, { nx: true, px: ttlMs }));
    if (reply !== "OK") return null;
    return {
      key,
      release: async () => {
        await this.run("releaseLock", () => this.releaseScript.exec([fullKey], [token]));
      },
    };
  }

  withLock<T>(key: string, options: LockOptions, fn: (lock: Lock) => Promise<T> | T): Promise<T> {
    return runWithLock(this, key, options, fn);
  }

  async rateLimit(key: string, options: RateLimitOptions): Promise<RateLimitResult> {
    validateKey(this.kind, "rateLimit", key);
    const windowMs = validateRateLimit(this.kind, options);
    const limiter = this.limiter(options.limit, windowMs);
    const cost = options.cost ?? 1;
    const response = await this.run("rateLimit", () => limiter.limit(key, { rate: cost }));
    const allowed = cost < 0 || response.success;
    return {
      allowed,
      remaining: response.remaining,
      retryAfterSeconds: allowed ? 0 : retryAfterSeconds(response.reset, Date.now()),
      resetAt: response.reset,
    };
  }

  async ping(): Promise<PingResult> {
    const started = performance.now();
    try {
      await this.redis.ping();
      return { ok: true, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return {
        ok: false,
        latencyMs: Math.round(performance.now() - started),
        error: `upstash cache: ping failed: ${cleanMessage(error)}`,
      };
    }
  }

  private limiter(limit: number, windowMs: number): Ratelimit {
    const id = `${limit}/${windowMs}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: this.redis,
        limiter: Ratelimit.fixedWindow(limit, `${windowMs} ms`),
        // Keys become heartline:ratelimit:<key>:<bucket>.
        prefix: `${this.keyPrefix}ratelimit`,
        // The default 5 s timeout lets requests through when Redis is slow; we want failures to surface.
        timeout: 0,
        // Its in-process block list is unbounded and per instance; Redis stays the only source of truth.
        ephemeralCache: false,
        analytics: false,
        enableTelemetry: false,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  private async run<T>(operation: CacheOperation, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof CacheError) throw error;
      throw new CacheError(this.kind, operation, cleanMessage(error), { cause: error });
    }
  }
}

/** @upstash/redis appends ", command was: [...]" with the full command, values included: keep user data out of logs. */
function cleanMessage(error: unknown): string {
  const message = errorMessage(error);
  const cut = message.indexOf(", command was:");
  return cut === -1 ? message : message.slice(0, cut);
}
