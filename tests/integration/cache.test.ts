/**
 * One behavioural contract, run against the in-memory cache and (when Redis is reachable) the
 * Upstash cache through a local Upstash-REST proxy, plus failure behaviour of an unreachable Upstash.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { Redis as UpstashRedis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import {
  CacheError,
  LockBusyError,
  MemoryCache,
  UpstashCache,
  createCache,
  type Cache,
  type CacheKind,
  type RateLimitOptions,
  type RateLimitResult,
} from "@/server/cache";
import { UPSTASH_DEFAULT_RETRIES } from "@/server/cache/upstash-cache";
import { startUpstashProxy, type UpstashProxy } from "@/tests/support/upstash-proxy";
import { describeWithService } from "../support/services";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
/** Unique per run, so parallel runs against one Redis never touch each other's keys. */
const RUN_PREFIX = `heartline:test:${process.pid}:${randomUUID().slice(0, 8)}:`;

interface Harness {
  kind: CacheKind;
  cache: Cache;
  now(): number;
  /** Lets time pass: a fake clock for memory, real time for Redis. */
  sleep(ms: number): Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function describeCacheContract(name: string, harness: () => Harness): void {
  describe(`cache contract: ${name}`, () => {
    let h: Harness;
    let cache: Cache;
    let counter = 0;
    const key = (label: string) => `${label}:${++counter}`;

    beforeAll(() => {
      h = harness();
      cache = h.cache;
    });

    it("reports its kind and answers ping", async () => {
      expect(cache.kind).toBe(h.kind);
      const ping = await cache.ping();
      expect(ping.ok).toBe(true);
      expect(ping.latencyMs).toBeGreaterThanOrEqual(0);
    });

    describe("get / set / delete", () => {
      it("returns null for a missing key", async () => {
        expect(await cache.get(key("missing"))).toBeNull();
      });

      it("round-trips JSON values exactly, returning copies", async () => {
        const values: unknown[] = [
          { a: 1, nested: { list: [1, "two", null, true] } },
          [1, 2, 3],
          42,
          0,
          false,
          "plain text",
          "123", // must stay a string, not be parsed into a number
          '{"looks":"like json"}',
          "emoji 💬 and ünïcödé",
        ];
        for (const value of values) {
          const k = key("json");
          await cache.set(k, value);
          expect(await cache.get(k)).toStrictEqual(value);
        }
        const k = key("copy");
        const original = { list: [1] };
        await cache.set(k, original);
        original.list.push(2);
        const read = await cache.get<{ list: number[] }>(k);
        expect(read).toStrictEqual({ list: [1] });
        read?.list.push(3);
        expect(await cache.get(k)).toStrictEqual({ list: [1] });
      });

      it("replaces and deletes values; deleting a missing key is fine", async () => {
        const k = key("replace");
        await cache.set(k, "first");
        await cache.set(k, "second");
        expect(await cache.get(k)).toBe("second");
        await cache.delete(k);
        expect(await cache.get(k)).toBeNull();
        await expect(cache.delete(key("never-set"))).resolves.toBeUndefined();
      });

      it("expires values after ttlSeconds", async () => {
        const k = key("ttl");
        await cache.set(k, { v: 1 }, { ttlSeconds: 0.3 });
        expect(await cache.get(k)).toStrictEqual({ v: 1 });
        await h.sleep(450);
        expect(await cache.get(k)).toBeNull();
      });

      it("a set without ttl replaces the previous ttl", async () => {
        const k = key("ttl-cleared");
        await cache.set(k, "short", { ttlSeconds: 0.2 });
        await cache.set(k, "forever");
        await h.sleep(350);
        expect(await cache.get(k)).toBe("forever");
      });

      it("rejects values that are not JSON, naming the cache kind", async () => {
        await expect(cache.set(key("bad"), undefined)).rejects.toThrow(new RegExp(`^${h.kind} cache: set failed`));
        await expect(cache.set(key("bad"), () => 1)).rejects.toBeInstanceOf(CacheError);
        await expect(cache.set(key("bad"), 10n)).rejects.toBeInstanceOf(CacheError);
        await expect(cache.set(key("bad"), 1, { ttlSeconds: 0 })).rejects.toBeInstanceOf(CacheError);
      });
    });

    describe("locks", () => {
      it("is exclusive until released", async () => {
        const k = key("lock");
        const first = await cache.acquireLock(k, { ttlMs: 10_000 });
        expect(first).not.toBeNull();
        expect(await cache.acquireLock(k, { ttlMs: 10_000 })).toBeNull();
        await first?.release();
        const second = await cache.acquireLock(k, { ttlMs: 10_000 });
        expect(second).not.toBeNull();
        await second?.release();
      });

      it("lets exactly one of many concurrent callers win", async () => {
        const k = key("lock-race");
        const locks = await Promise.all(Array.from({ length: 10 }, () => cache.acquireLock(k, { ttlMs: 10_000 })));
        expect(locks.filter((lock) => lock !== null)).toHaveLength(1);
        await Promise.all(locks.map((lock) => lock?.release()));
      });

      it("expires after ttlMs so a crashed holder cannot block for ever", async () => {
        const k = key("lock-expiry");
        expect(await cache.acquireLock(k, { ttlMs: 200 })).not.toBeNull();
        expect(await cache.acquireLock(k, { ttlMs: 200 })).toBeNull();
        await h.sleep(350);
        const next = await cache.acquireLock(k, { ttlMs: 10_000 });
        expect(next).not.toBeNull();
        await next?.release();
      });

      it("release by a holder whose lock expired does not free the new holder's lock", async () => {
        const k = key("lock-owner");
        const stale = await cache.acquireLock(k, { ttlMs: 200 });
        expect(stale).not.toBeNull();
        await h.sleep(350);
        const current = await cache.acquireLock(k, { ttlMs: 10_000 });
        expect(current).not.toBeNull();
        await stale?.release();
        expect(await cache.acquireLock(k, { ttlMs: 10_000 })).toBeNull();
        await current?.release();
        await current?.release(); // idempotent
        expect(await cache.acquireLock(k, { ttlMs: 10_000 })).not.toBeNull();
      });

      it("does not share names with values", async () => {
        const k = key("lock-vs-value");
        await cache.set(k, "value");
        const lock = await cache.acquireLock(k, { ttlMs: 10_000 });
        expect(lock).not.toBeNull();
        expect(await cache.get(k)).toBe("value");
        await lock?.release();
      });

      it("withLock runs the function, releases, and refuses with LockBusyError when held", async () => {
        const k = key("with-lock");
        await expect(cache.withLock(k, { ttlMs: 10_000 }, async (lock) => `ran under ${lock.key}`)).resolves.toBe(
          `ran under ${k}`,
        );
        const held = await cache.acquireLock(k, { ttlMs: 10_000 });
        const busy = cache.withLock(k, { ttlMs: 10_000 }, () => "should not run");
        await expect(busy).rejects.toBeInstanceOf(LockBusyError);
        await expect(busy).rejects.toMatchObject({ key: k });
        await held?.release();

        await expect(
          cache.withLock(k, { ttlMs: 10_000 }, () => {
            throw new Error("boom");
          }),
        ).rejects.toThrow("boom");
        const after = await cache.acquireLock(k, { ttlMs: 10_000 });
        expect(after).not.toBeNull(); // released despite the throw
        await after?.release();
      });

      it("rejects a non-positive ttl", async () => {
        await expect(cache.acquireLock(key("lock-bad"), { ttlMs: 0 })).rejects.toBeInstanceOf(CacheError);
      });
    });

    describe("rate limit (fixed window)", () => {
      /** Calls until one past the limit, all inside one window (windows are epoch-aligned; retry if we straddled a boundary). */
      async function exhaust(label: string, options: RateLimitOptions): Promise<{ k: string; results: RateLimitResult[] }> {
        for (let attempt = 0; attempt < 3; attempt++) {
          const k = key(label);
          const results: RateLimitResult[] = [];
          for (let i = 0; i <= options.limit; i++) results.push(await cache.rateLimit(k, options));
          if (new Set(results.map((r) => r.resetAt)).size === 1) return { k, results };
        }
        throw new Error("could not stay inside one window");
      }

      it("allows `limit` requests, then refuses with a sensible retryAfter", async () => {
        const before = h.now();
        const { results } = await exhaust("rl", { limit: 3, windowSeconds: 60 });
        expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
        expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
        expect(results.slice(0, 3).map((r) => r.retryAfterSeconds)).toEqual([0, 0, 0]);
        const refused = results[3];
        expect(refused?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(60);
        expect(refused?.resetAt).toBeGreaterThan(before);
        expect(refused?.resetAt).toBeLessThanOrEqual(h.now() + 60_000);
        expect(refused?.resetAt ?? 0).toBeGreaterThanOrEqual(h.now() + ((refused?.retryAfterSeconds ?? 0) - 1) * 1000);
      });

      it("counts keys independently", async () => {
        const options = { limit: 1, windowSeconds: 60 };
        const [a, b] = [key("rl-a"), key("rl-b")];
        expect((await cache.rateLimit(a, options)).allowed).toBe(true);
        expect((await cache.rateLimit(a, options)).allowed).toBe(false);
        expect((await cache.rateLimit(b, options)).allowed).toBe(true);
      });

      it("allows again once the window resets", async () => {
        const options = { limit: 2, windowSeconds: 1 };
        const { k, results } = await exhaust("rl-reset", options);
        const refused = results[2];
        expect(refused?.allowed).toBe(false);
        await h.sleep(Math.max(0, (refused?.resetAt ?? 0) - h.now()) + 50);
        const next = await cache.rateLimit(k, options);
        expect(next).toMatchObject({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
        expect(next.resetAt).toBeGreaterThan(refused?.resetAt ?? 0);
      });

      it("counts a call of cost N as N requests (each call of a batch)", async () => {
        for (let attempt = 0; attempt < 3; attempt++) {
          const k = key("rl-cost");
          const options = { limit: 10, windowSeconds: 60 };
          const results = [
            await cache.rateLimit(k, { ...options, cost: 4 }),
            await cache.rateLimit(k, { ...options, cost: 6 }),
            await cache.rateLimit(k, options),
          ];
          if (new Set(results.map((r) => r.resetAt)).size > 1) continue;
          expect(results.map((r) => [r.allowed, r.remaining])).toEqual([
            [true, 6],
            [true, 0],
            [false, 0],
          ]);
          return;
        }
        throw new Error("could not stay inside one window");
      });

      it("gives requests back with a negative cost (an attempt that did not count)", async () => {
        for (let attempt = 0; attempt < 3; attempt++) {
          const k = key("rl-refund");
          const options = { limit: 2, windowSeconds: 60 };
          const results = [
            await cache.rateLimit(k, options),
            await cache.rateLimit(k, options),
            await cache.rateLimit(k, { ...options, cost: -1 }),
            await cache.rateLimit(k, options),
            await cache.rateLimit(k, options),
          ];
          if (new Set(results.map((r) => r.resetAt)).size > 1) continue;
          expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, false]);
          return;
        }
        throw new Error("could not stay inside one window");
      });

      it("rejects invalid options", async () => {
        await expect(cache.rateLimit(key("rl-bad"), { limit: 1, windowSeconds: 1, cost: 0 })).rejects.toBeInstanceOf(CacheError);
        await expect(cache.rateLimit(key("rl-bad"), { limit: 1, windowSeconds: 1, cost: 1.5 })).rejects.toBeInstanceOf(CacheError);
        await expect(cache.rateLimit(key("rl-bad"), { limit: 0, windowSeconds: 1 })).rejects.toThrow(
          new RegExp(`^${h.kind} cache: rateLimit failed`),
        );
        await expect(cache.rateLimit(key("rl-bad"), { limit: 1, windowSeconds: -1 })).rejects.toBeInstanceOf(
          CacheError,
        );
      });
    });
  });
}

describeCacheContract("memory", () => {
  let time = Date.UTC(2030, 0, 1, 12, 0, 0, 123);
  return {
    kind: "memory",
    cache: new MemoryCache({ now: () => time }),
    now: () => time,
    sleep: async (ms) => {
      time += ms;
    },
  };
});

// Decided at load time so the Upstash half can be skipped as a whole (failed under CI=true), with the reason shown.
const proxyOrError: UpstashProxy | Error = await startUpstashProxy({ redisUrl: REDIS_URL, connectTimeoutMs: 1_500 }).catch(
  (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
);
const proxy = proxyOrError instanceof Error ? undefined : proxyOrError;
const skipReason =
  proxyOrError instanceof Error ? `${proxyOrError.message}; start redis-server or set REDIS_URL` : "";

afterAll(async () => {
  if (!proxy) return;
  // Remove this run's keys (values, locks and rate-limit counters all carry the run prefix).
  let cursor = "0";
  do {
    const [next, keys] = await proxy.redis.scan(cursor, "MATCH", `${RUN_PREFIX}*`, "COUNT", 500);
    if (keys.length > 0) await proxy.redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
  await proxy.close();
});

describeWithService("upstash cache via the local Upstash-REST proxy", proxy ? undefined : skipReason, () => {
  describeCacheContract("upstash", () => ({
    kind: "upstash",
    cache: new UpstashCache({ url: proxy?.url ?? "", token: proxy?.token ?? "", keyPrefix: RUN_PREFIX }),
    now: Date.now,
    sleep: realSleep,
  }));

  it("stores under the key prefix, as JSON", async () => {
    const cache = new UpstashCache({ url: proxy?.url ?? "", token: proxy?.token ?? "", keyPrefix: RUN_PREFIX });
    await cache.set("prefixed", { a: "b" }, { ttlSeconds: 60 });
    expect(await proxy?.redis.get(`${RUN_PREFIX}prefixed`)).toBe('{"a":"b"}');
    const ttl = (await proxy?.redis.pttl(`${RUN_PREFIX}prefixed`)) ?? 0;
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it("the default prefix is heartline:", async () => {
    const cache = createCache({ upstashUrl: proxy?.url, upstashToken: proxy?.token });
    expect(cache.kind).toBe("upstash");
    const k = `${RUN_PREFIX.slice("heartline:".length)}default-prefix`;
    await cache.set(k, 1);
    expect(await proxy?.redis.get(`heartline:${k}`)).toBe("1");
  });

  it("rejects a wrong token with a clear error", async () => {
    const cache = new UpstashCache({ url: proxy?.url ?? "", token: "wrong", keyPrefix: RUN_PREFIX });
    await expect(cache.get("x")).rejects.toThrow(/^upstash cache: get failed: Unauthorized/);
    const ping = await cache.ping();
    expect(ping.ok).toBe(false);
    expect(ping.error).toMatch(/Unauthorized/);
  });

  it("the proxy serves pipelines, transactions and plain (non-base64) responses", async () => {
    const raw = new UpstashRedis({ url: proxy?.url, token: proxy?.token, enableTelemetry: false, responseEncoding: false });
    const k = `${RUN_PREFIX}proxy`;
    const pipelined = await raw.pipeline().set(k, "héllo").get(k).incr(`${k}:n`).exec();
    expect(pipelined).toEqual(["OK", "héllo", 1]);
    const transaction = await raw.multi().incr(`${k}:n`).get(`${k}:n`).exec();
    expect(transaction).toEqual([2, 2]);
    await expect(raw.incr(k)).rejects.toThrow(/not an integer/);
    const base64 = new UpstashRedis({ url: proxy?.url, token: proxy?.token, enableTelemetry: false });
    expect(await base64.get(k)).toBe("héllo");
    expect(await base64.eval("return {1, ARGV[1], {2, 'x'}}", [], ["ü"])).toEqual([1, "ü", [2, "x"]]);
  });
});

describe("upstash cache that cannot reach its server", () => {
  let closedPortUrl: string;
  let hung: Server;
  let hungUrl: string;
  let hungRequests = 0;

  beforeAll(async () => {
    // A port that was just free: nothing listens there, so connections are refused at once.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    closedPortUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    // Accepts requests and never answers: the case only a request timeout catches.
    hung = createServer(() => {
      hungRequests++;
    });
    await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
    hungUrl = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    hung.closeAllConnections();
    await new Promise<void>((resolve) => hung.close(() => resolve()));
  });

  it("ping reports ok:false and every operation rejects after its few retries with an error naming upstash", async () => {
    const cache = createCache({ upstashUrl: closedPortUrl, upstashToken: "token" });
    expect(cache.kind).toBe("upstash");
    // Every attempt is one fetch: each operation gives up after the default retries, not the client's own 5.
    const fetches = vi.spyOn(globalThis, "fetch");
    const ping = await cache.ping();
    expect(ping.ok).toBe(false);
    expect(ping.error).toMatch(/^upstash cache: ping failed: .*ECONNREFUSED/);
    // Thunks, called one at a time: a rejection must never wait unobserved.
    const operations: [string, () => Promise<unknown>][] = [
      ["get", () => cache.get("k")],
      ["set", () => cache.set("k", 1)],
      ["delete", () => cache.delete("k")],
      ["acquireLock", () => cache.acquireLock("k", { ttlMs: 1_000 })],
      ["rateLimit", () => cache.rateLimit("k", { limit: 1, windowSeconds: 1 })],
      ["acquireLock", () => cache.withLock("k", { ttlMs: 1_000 }, () => "never")],
    ];
    try {
      for (const [operation, run] of operations) {
        fetches.mockClear();
        const promise = run();
        promise.catch(() => {});
        await expect(promise).rejects.toThrow(new RegExp(`^upstash cache: ${operation} failed: fetch failed`));
        await expect(promise).rejects.toBeInstanceOf(CacheError);
        expect(fetches.mock.calls.length, operation).toBe(UPSTASH_DEFAULT_RETRIES + 1);
      }
    } finally {
      fetches.mockRestore();
    }
  });

  it("a server that never answers is cut off by the request timeout", async () => {
    const cache = new UpstashCache({ url: hungUrl, token: "token", requestTimeoutMs: 300, retries: 0 });
    const before = hungRequests;
    await expect(cache.get("k")).rejects.toThrow(/^upstash cache: get failed: .*timeout/i);
    const ping = await cache.ping();
    expect(ping.ok).toBe(false);
    expect(ping.error).toMatch(/timeout/i);
    // One request each (no retries), each abandoned by the timeout rather than answered.
    expect(hungRequests - before).toBe(2);
  });
});
