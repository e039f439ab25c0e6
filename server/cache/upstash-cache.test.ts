/**
 * The Upstash cache against a stubbed fetch: checks what goes over the wire and how failures
 * surface. Behaviour against a real Redis is covered in tests/integration/cache.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { UpstashCache } from "./upstash-cache";
import { CacheError } from "./types";

type Command = (string | number)[];
type Handler = (command: Command) => { status?: number; body: unknown };

let commands: Command[];
let handler: Handler;

/** Upstash answers with base64 strings when asked (the client asks by default). */
const b64 = (value: unknown): unknown =>
  typeof value === "string" ? Buffer.from(value).toString("base64") : Array.isArray(value) ? value.map(b64) : value;

beforeEach(() => {
  commands = [];
  handler = () => ({ body: { result: "OK" } });
  vi.stubGlobal("fetch", async (_url: string | URL | Request, init?: RequestInit) => {
    const command = JSON.parse(String(init?.body)) as Command;
    commands.push(command);
    const { status = 200, body } = handler(command);
    const encoded = status === 200 && body && typeof body === "object" && "result" in body ? { result: b64(body.result) } : body;
    return new Response(JSON.stringify(encoded), { status, headers: { "content-type": "application/json" } });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const newCache = () => new UpstashCache({ url: "https://example.upstash.io", token: "t", retries: 0 });

describe("UpstashCache wire format", () => {
  it("stores JSON under heartline: with a millisecond TTL", async () => {
    const cache = newCache();
    await cache.set("session:1", { step: "intro" }, { ttlSeconds: 1.5 });
    await cache.set("plain", "123");
    expect(commands).toEqual([
      ["set", "heartline:session:1", '{"step":"intro"}', "px", 1500],
      ["set", "heartline:plain", '"123"'],
    ]);
  });

  it("parses what it reads, keeping JSON strings as strings", async () => {
    const cache = newCache();
    handler = () => ({ body: { result: '"123"' } });
    expect(await cache.get("k")).toBe("123");
    handler = () => ({ body: { result: null } });
    expect(await cache.get("k")).toBeNull();
    handler = () => ({ body: { result: "not json" } });
    await expect(cache.get("k")).rejects.toThrow(/^upstash cache: get failed: stored value is not JSON/);
    expect(commands[0]).toEqual(["get", "heartline:k"]);
  });

  it("takes a lock with SET NX PX and releases it with a token-compare script", async () => {
    const cache = newCache();
    handler = (command) => {
      if (command[0] === "evalsha") return { status: 400, body: { error: "NOSCRIPT No matching script." } };
      if (command[0] === "eval") return { body: { result: 1 } };
      return { body: { result: "OK" } };
    };
    const lock = await cache.acquireLock("turn:42", { ttlMs: 3_000 });
    expect(lock?.key).toBe("turn:42");
    const [set] = commands;
    expect(set?.slice(0, 2)).toEqual(["set", "heartline:lock:turn:42"]);
    expect(set?.slice(3)).toEqual(["nx", "px", 3000]);
    const token = set?.[2];
    expect(token).toMatch(/^[0-9a-f-]{36}$/);

    await lock?.release();
    const evalCommand = commands.find((c) => c[0] === "eval");
    expect(evalCommand?.[1]).toMatch(/redis\.call\("GET", KEYS\[1\]\) == ARGV\[1\]/);
    expect(evalCommand?.slice(2)).toEqual([1, "heartline:lock:turn:42", token]);
  });

  it("returns null when the lock is held (SET NX answers nil)", async () => {
    const cache = newCache();
    handler = () => ({ body: { result: null } });
    expect(await cache.acquireLock("turn:42", { ttlMs: 3_000 })).toBeNull();
  });

  it("rate limits with @upstash/ratelimit's fixed window under heartline:ratelimit:", async () => {
    const cache = newCache();
    const used = [1, 2, 3];
    handler = () => ({ body: { result: [used.shift() ?? 3, 2] } });
    const windowMs = 60_000;
    const first = await cache.rateLimit("ip:1", { limit: 2, windowSeconds: 60 });
    const bucket = Math.floor(Date.now() / windowMs);
    expect(first).toMatchObject({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
    expect(first.resetAt % windowMs).toBe(0);
    expect((await cache.rateLimit("ip:1", { limit: 2, windowSeconds: 60 })).remaining).toBe(0);
    const refused = await cache.rateLimit("ip:1", { limit: 2, windowSeconds: 60 });
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    const [evalsha] = commands;
    expect(evalsha?.[0]).toBe("evalsha");
    expect(String(evalsha?.[3])).toMatch(new RegExp(`^heartline:ratelimit:ip:1:(${bucket}|${bucket + 1})$`));
  });
});

describe("UpstashCache failures", () => {
  it("rejects with an error naming upstash and the operation, without the command's values", async () => {
    const cache = newCache();
    handler = () => ({ status: 400, body: { error: "ERR something broke" } });
    const failure = cache.set("k", { secret: "what the client said" });
    await expect(failure).rejects.toBeInstanceOf(CacheError);
    await expect(failure).rejects.toThrow("upstash cache: set failed: ERR something broke");
    await expect(failure).rejects.not.toThrow(/what the client said/);
  });

  it("retries network failures the configured number of times, then rejects", async () => {
    let attempts = 0;
    vi.stubGlobal("fetch", async () => {
      attempts++;
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    });
    const cache = new UpstashCache({ url: "https://example.upstash.io", token: "t", retries: 2 });
    await expect(cache.delete("k")).rejects.toThrow(
      "upstash cache: delete failed: fetch failed (ECONNREFUSED: connect ECONNREFUSED)",
    );
    expect(attempts).toBe(3);
  });

  it("ping reports ok:false instead of throwing", async () => {
    const cache = newCache();
    handler = () => ({ status: 401, body: { error: "Unauthorized" } });
    const ping = await cache.ping();
    expect(ping).toMatchObject({ ok: false, error: "upstash cache: ping failed: Unauthorized" });
    expect(ping.latencyMs).toBeGreaterThanOrEqual(0);
    handler = () => ({ body: { result: "PONG" } });
    expect((await cache.ping()).ok).toBe(true);
  });

  it("validates input before sending anything", async () => {
    const cache = newCache();
    await expect(cache.set("k", undefined)).rejects.toThrow(/^upstash cache: set failed: value is not JSON-serialisable/);
    await expect(cache.acquireLock("k", { ttlMs: -5 })).rejects.toThrow(/^upstash cache: acquireLock failed/);
    await expect(cache.rateLimit("k", { limit: 0, windowSeconds: 1 })).rejects.toThrow(/^upstash cache: rateLimit failed/);
    expect(commands).toEqual([]);
  });
});
