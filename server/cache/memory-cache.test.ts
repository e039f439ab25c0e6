import { describe, expect, it, vi } from "vitest";

import { MEMORY_CACHE_MAX_ENTRIES, MemoryCache } from "./memory-cache";
import { CacheError, LockBusyError } from "./types";

/** A clock the test moves by hand; starts mid-window so window maths is visible. */
function fakeClock(start = Date.UTC(2030, 0, 1, 12, 0, 0, 250)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("MemoryCache values", () => {
  it("expires a value exactly at its ttl, not before", async () => {
    const clock = fakeClock();
    const cache = new MemoryCache({ now: clock.now });
    await cache.set("k", { a: 1 }, { ttlSeconds: 2 });
    clock.advance(1_999);
    expect(await cache.get("k")).toStrictEqual({ a: 1 });
    clock.advance(1);
    expect(await cache.get("k")).toBeNull();
    expect(cache.sizes.values).toBe(0); // removed lazily on read
  });

  it("keeps values without ttl indefinitely and a later set clears the ttl", async () => {
    const clock = fakeClock();
    const cache = new MemoryCache({ now: clock.now });
    await cache.set("k", "short", { ttlSeconds: 1 });
    await cache.set("k", "long");
    clock.advance(365 * 24 * 3600 * 1000);
    expect(await cache.get("k")).toBe("long");
  });

  it("returns copies, so callers cannot mutate what is stored", async () => {
    const cache = new MemoryCache();
    const value = { list: [1] };
    await cache.set("k", value);
    value.list.push(2);
    const read = await cache.get<{ list: number[] }>("k");
    read?.list.push(3);
    expect(await cache.get("k")).toStrictEqual({ list: [1] });
  });

  it("rejects bad input with errors naming the memory cache", async () => {
    const cache = new MemoryCache();
    await expect(cache.set("k", undefined)).rejects.toThrow(/^memory cache: set failed: value is not JSON-serialisable/);
    await expect(cache.set("k", 1n)).rejects.toThrow(/^memory cache: set failed/);
    await expect(cache.set("k", 1, { ttlSeconds: -1 })).rejects.toThrow(/ttlSeconds must be a positive number/);
    await expect(cache.get("")).rejects.toThrow(/^memory cache: get failed: key must be a non-empty string/);
  });
});

describe("MemoryCache locks", () => {
  it("is exclusive, and only the owner's release frees it", async () => {
    const cache = new MemoryCache({ now: fakeClock().now });
    const lock = await cache.acquireLock("job", { ttlMs: 1_000 });
    expect(lock).not.toBeNull();
    expect(await cache.acquireLock("job", { ttlMs: 1_000 })).toBeNull();
    await lock?.release();
    expect(await cache.acquireLock("job", { ttlMs: 1_000 })).not.toBeNull();
  });

  it("expires at ttlMs; the stale holder's release leaves the new holder's lock alone", async () => {
    const clock = fakeClock();
    const cache = new MemoryCache({ now: clock.now });
    const stale = await cache.acquireLock("job", { ttlMs: 500 });
    clock.advance(499);
    expect(await cache.acquireLock("job", { ttlMs: 500 })).toBeNull();
    clock.advance(1);
    const current = await cache.acquireLock("job", { ttlMs: 500 });
    expect(current).not.toBeNull();
    await stale?.release();
    expect(await cache.acquireLock("job", { ttlMs: 500 })).toBeNull();
    await current?.release();
    expect(await cache.acquireLock("job", { ttlMs: 500 })).not.toBeNull();
  });

  it("withLock releases after success and failure, and throws LockBusyError when held", async () => {
    const cache = new MemoryCache();
    expect(await cache.withLock("job", { ttlMs: 1_000 }, () => 7)).toBe(7);
    await expect(
      cache.withLock("job", { ttlMs: 1_000 }, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const held = await cache.acquireLock("job", { ttlMs: 1_000 });
    const busy = cache.withLock("job", { ttlMs: 1_000 }, () => 1);
    await expect(busy).rejects.toBeInstanceOf(LockBusyError);
    await expect(busy).rejects.toThrow('lock "job" is held by another holder');
    await held?.release();
  });

  it("withLock still returns the result when release fails, and warns", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const cache = new MemoryCache();
      const result = await cache.withLock("job", { ttlMs: 1_000 }, (lock) => {
        Object.assign(lock, { release: () => Promise.reject(new Error("release broke")) });
        return "done";
      });
      expect(result).toBe("done");
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/could not release lock "job"/);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("MemoryCache rate limit (fixed window)", () => {
  it("allows `limit` then refuses with retryAfter up to the window end", async () => {
    const clock = fakeClock(Date.UTC(2030, 0, 1, 12, 0, 15, 0)); // 15 s into a 60 s window
    const cache = new MemoryCache({ now: clock.now });
    const options = { limit: 2, windowSeconds: 60 };
    const windowEnd = Date.UTC(2030, 0, 1, 12, 1, 0, 0);
    expect(await cache.rateLimit("ip", options)).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0, resetAt: windowEnd });
    expect(await cache.rateLimit("ip", options)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0, resetAt: windowEnd });
    expect(await cache.rateLimit("ip", options)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 45, resetAt: windowEnd });
    clock.advance(44_500);
    // Rounded up: telling a client 0 s would invite an immediate, refused retry.
    expect((await cache.rateLimit("ip", options)).retryAfterSeconds).toBe(1);
  });

  it("starts counting again when the window resets", async () => {
    const clock = fakeClock(Date.UTC(2030, 0, 1, 12, 0, 59, 900));
    const cache = new MemoryCache({ now: clock.now });
    const options = { limit: 1, windowSeconds: 60 };
    expect((await cache.rateLimit("ip", options)).allowed).toBe(true);
    expect((await cache.rateLimit("ip", options)).allowed).toBe(false);
    clock.advance(100);
    const next = await cache.rateLimit("ip", options);
    expect(next).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0, resetAt: Date.UTC(2030, 0, 1, 12, 2, 0, 0) });
  });

  it("keeps separate counts per key and per window length", async () => {
    const cache = new MemoryCache({ now: fakeClock().now });
    expect((await cache.rateLimit("a", { limit: 1, windowSeconds: 60 })).allowed).toBe(true);
    expect((await cache.rateLimit("b", { limit: 1, windowSeconds: 60 })).allowed).toBe(true);
    expect((await cache.rateLimit("a", { limit: 1, windowSeconds: 3600 })).allowed).toBe(true);
    expect((await cache.rateLimit("a", { limit: 1, windowSeconds: 60 })).allowed).toBe(false);
  });

  it("rejects invalid limits", async () => {
    const cache = new MemoryCache();
    await expect(cache.rateLimit("a", { limit: 1.5, windowSeconds: 1 })).rejects.toBeInstanceOf(CacheError);
    await expect(cache.rateLimit("a", { limit: 1, windowSeconds: 0 })).rejects.toThrow(/windowSeconds must be a positive number/);
  });
});

describe("MemoryCache size bound", () => {
  it("holds MEMORY_CACHE_MAX_ENTRIES values by default, then evicts the oldest", async () => {
    const cache = new MemoryCache();
    for (let i = 0; i < MEMORY_CACHE_MAX_ENTRIES; i++) await cache.set(`k${i}`, i);
    expect(cache.sizes.values).toBe(MEMORY_CACHE_MAX_ENTRIES);
    await cache.set("one-more", true);
    expect(cache.sizes.values).toBeLessThanOrEqual(MEMORY_CACHE_MAX_ENTRIES);
    expect(await cache.get("k0")).toBeNull();
    expect(await cache.get(`k${MEMORY_CACHE_MAX_ENTRIES - 1}`)).toBe(MEMORY_CACHE_MAX_ENTRIES - 1);
    expect(await cache.get("one-more")).toBe(true);
  });

  it("drops expired entries before live ones", async () => {
    const clock = fakeClock();
    const cache = new MemoryCache({ now: clock.now, maxEntries: 3 });
    await cache.set("live-1", 1);
    await cache.set("expiring", 2, { ttlSeconds: 1 });
    await cache.set("live-2", 3);
    clock.advance(1_000);
    await cache.set("new", 4);
    expect(cache.sizes.values).toBe(3);
    expect(await cache.get("live-1")).toBe(1);
    expect(await cache.get("live-2")).toBe(3);
    expect(await cache.get("new")).toBe(4);
  });

  it("evicts the oldest-written live values when full, never growing past the bound", async () => {
    const cache = new MemoryCache({ maxEntries: 10 });
    for (let i = 0; i < 10; i++) await cache.set(`k${i}`, i);
    await cache.set("k0", "rewritten"); // now the newest
    await cache.set("k10", 10);
    expect(cache.sizes.values).toBeLessThanOrEqual(10);
    expect(await cache.get("k1")).toBeNull();
    expect(await cache.get("k0")).toBe("rewritten");
    expect(await cache.get("k10")).toBe(10);
    for (let i = 11; i < 1_000; i++) await cache.set(`k${i}`, i);
    expect(cache.sizes.values).toBeLessThanOrEqual(10);
  });

  it("bounds rate-limit counters too", async () => {
    const cache = new MemoryCache({ maxEntries: 5 });
    for (let i = 0; i < 100; i++) await cache.rateLimit(`ip-${i}`, { limit: 1, windowSeconds: 60 });
    expect(cache.sizes.counters).toBeLessThanOrEqual(5);
  });

  it("never evicts a live lock: a full lock table is an error, expired locks make room", async () => {
    const clock = fakeClock();
    const cache = new MemoryCache({ now: clock.now, maxEntries: 2 });
    await cache.acquireLock("a", { ttlMs: 1_000 });
    await cache.acquireLock("b", { ttlMs: 5_000 });
    await expect(cache.acquireLock("c", { ttlMs: 1_000 })).rejects.toThrow(/^memory cache: acquireLock failed: lock table is full/);
    expect(await cache.acquireLock("a", { ttlMs: 1_000 })).toBeNull();
    clock.advance(1_000);
    expect(await cache.acquireLock("c", { ttlMs: 1_000 })).not.toBeNull();
    expect(await cache.acquireLock("b", { ttlMs: 1_000 })).toBeNull();
  });
});

describe("MemoryCache misc", () => {
  it("is kind memory and always pings ok", async () => {
    const cache = new MemoryCache();
    expect(cache.kind).toBe("memory");
    expect(await cache.ping()).toEqual({ ok: true, latencyMs: 0 });
  });

  it("refuses a nonsensical bound", () => {
    expect(() => new MemoryCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
