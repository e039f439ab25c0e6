import { randomUUID } from "node:crypto";

import { retryAfterSeconds, serializeValue, ttlSecondsToMs, validateKey, validateLockTtl, validateRateLimit } from "./internal";
import {
  CacheError,
  runWithLock,
  type Cache,
  type Lock,
  type LockOptions,
  type PingResult,
  type RateLimitOptions,
  type RateLimitResult,
  type SetOptions,
} from "./types";

/**
 * Most entries each store (values, rate-limit counters, locks) keeps, so a flood of distinct keys
 * cannot grow the process without bound.
 */
export const MEMORY_CACHE_MAX_ENTRIES = 10_000;

/**
 * When a store is full of live entries, this share of the oldest is dropped at once, so the O(n)
 * sweep for expired entries runs once per batch of inserts rather than on every insert.
 */
const EVICTION_BATCH_FRACTION = 0.1;

export interface MemoryCacheOptions {
  /** Clock in epoch milliseconds; injectable so tests can move time. */
  now?: () => number;
  /** Per-store bound; defaults to MEMORY_CACHE_MAX_ENTRIES. */
  maxEntries?: number;
}

interface Entry<V> {
  value: V;
  /** Epoch ms; undefined means no expiry. */
  expiresAt: number | undefined;
}

/**
 * A Map with lazy TTL expiry (no timers, so nothing keeps the process alive) and a size bound.
 * Map iteration order is insertion order, and `set` re-inserts, so the first keys are the oldest written.
 */
class BoundedStore<V> {
  private readonly map = new Map<string, Entry<V>>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): Entry<V> | undefined {
    const entry = this.map.get(key);
    if (entry && this.isExpired(entry, this.now())) {
      this.map.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Returns false when the store is full and `evictLive` is false (nothing was stored). */
  set(key: string, value: V, expiresAt: number | undefined, evictLive: boolean): boolean {
    this.map.delete(key);
    if (this.map.size >= this.maxEntries && !this.makeRoom(evictLive)) return false;
    this.map.set(key, { value, expiresAt });
    return true;
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  private isExpired(entry: Entry<V>, now: number): boolean {
    return entry.expiresAt !== undefined && entry.expiresAt <= now;
  }

  private makeRoom(evictLive: boolean): boolean {
    const now = this.now();
    for (const [key, entry] of this.map) {
      if (this.isExpired(entry, now)) this.map.delete(key);
    }
    if (this.map.size < this.maxEntries) return true;
    if (!evictLive) return false;
    let toDrop = Math.max(1, Math.floor(this.maxEntries * EVICTION_BATCH_FRACTION));
    for (const key of this.map.keys()) {
      if (toDrop-- <= 0) break;
      this.map.delete(key);
    }
    return true;
  }
}

interface WindowCount {
  bucket: number;
  count: number;
}

/** In-process cache: correct for a single instance only (locks and limits are not shared between processes). */
export class MemoryCache implements Cache {
  readonly kind = "memory" as const;

  private readonly now: () => number;
  /** Values are kept as JSON text so callers get copies, exactly as from Upstash. */
  private readonly values: BoundedStore<string>;
  private readonly counters: BoundedStore<WindowCount>;
  private readonly locks: BoundedStore<string>;

  constructor(options: MemoryCacheOptions = {}) {
    this.now = options.now ?? Date.now;
    const maxEntries = options.maxEntries ?? MEMORY_CACHE_MAX_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`memory cache: maxEntries must be a positive integer, got ${maxEntries}`);
    }
    this.values = new BoundedStore(maxEntries, this.now);
    this.counters = new BoundedStore(maxEntries, this.now);
    this.locks = new BoundedStore(maxEntries, this.now);
  }

  /** Entries held per store, for tests and diagnostics (may include expired entries not yet swept). */
  get sizes(): { values: number; counters: number; locks: number } {
    return { values: this.values.size, counters: this.counters.size, locks: this.locks.size };
  }

  async get<T = unknown>(key: string): Promise<T | null> {
    validateKey(this.kind, "get", key);
    const entry = this.values.get(key);
    return entry ? (JSON.parse(entry.value) as T) : null;
  }

  async set(key: string, value: unknown, options: SetOptions = {}): Promise<void> {
    validateKey(this.kind, "set", key);
    const json = serializeValue(this.kind, value);
    const ttlMs = ttlSecondsToMs(this.kind, options.ttlSeconds);
    this.values.set(key, json, ttlMs === undefined ? undefined : this.now() + ttlMs, true);
  }

  async delete(key: string): Promise<void> {
    validateKey(this.kind, "delete", key);
    this.values.delete(key);
  }

  async acquireLock(key: string, options: LockOptions): Promise<Lock | null> {
    validateKey(this.kind, "acquireLock", key);
    const ttlMs = validateLockTtl(this.kind, options.ttlMs);
    if (this.locks.get(key)) return null;
    const token = randomUUID();
    // Evicting a live lock would hand it to a second holder, so a full lock table is an error instead.
    if (!this.locks.set(key, token, this.now() + ttlMs, false)) {
      throw new CacheError(this.kind, "acquireLock", `lock table is full (${this.locks.size} live locks)`);
    }
    return {
      key,
      release: async () => {
        // Compare tokens: after expiry another holder may own the key, and its lock must survive.
        if (this.locks.get(key)?.value === token) this.locks.delete(key);
      },
    };
  }

  withLock<T>(key: string, options: LockOptions, fn: (lock: Lock) => Promise<T> | T): Promise<T> {
    return runWithLock(this, key, options, fn);
  }

  async rateLimit(key: string, options: RateLimitOptions): Promise<RateLimitResult> {
    validateKey(this.kind, "rateLimit", key);
    const windowMs = validateRateLimit(this.kind, options);
    const now = this.now();
    // Epoch-aligned fixed windows, the same buckets @upstash/ratelimit's fixedWindow uses.
    const bucket = Math.floor(now / windowMs);
    const resetAt = (bucket + 1) * windowMs;
    // The window length is part of the key, as the bucket number is in Upstash's key.
    const counterKey = `${windowMs}:${key}`;
    const previous = this.counters.get(counterKey)?.value;
    const cost = options.cost ?? 1;
    const count = Math.max(0, (previous && previous.bucket === bucket ? previous.count : 0) + cost);
    this.counters.set(counterKey, { bucket, count }, resetAt, true);
    const allowed = cost < 0 || count <= options.limit;
    return {
      allowed,
      remaining: Math.max(0, options.limit - count),
      retryAfterSeconds: allowed ? 0 : retryAfterSeconds(resetAt, now),
      resetAt,
    };
  }

  async ping(): Promise<PingResult> {
    return { ok: true, latencyMs: 0 };
  }
}
