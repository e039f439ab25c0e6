/**
 * The tRPC route's own limits, through the route handler Next runs: a batch may hold at most
 * MAX_BATCH_CALLS calls (400 naming the limit), and every call of a batch counts against the
 * per-address mutation limit, so batching cannot multiply it. X-Forwarded-For is not believed
 * unless TRUST_PROXY says so.
 */
import { afterEach, describe, expect, it } from "vitest";
import { setPlatform, type Platform } from "@/server/platform";
import { MAX_BATCH_CALLS } from "@/server/api/batch-limit";
import { GET, POST } from "@/app/api/trpc/[trpc]/route";
import { MemoryCache } from "@/server/cache/memory-cache";
import { testPlatform } from "../support/test-platform";
import { setUpTestDatabase } from "../support/set-up-test-database";

const testDb = setUpTestDatabase();

afterEach(() => setPlatform(undefined));

/**
 * The limiter counts in epoch-aligned one-minute windows: on the real clock, a test's thirty batches
 * could straddle a minute's end and start a fresh count. Its cache reads a clock that stands still.
 */
const STILL_CLOCK = () => Date.UTC(2026, 0, 1, 0, 0, 5);

function usePlatform(env: Record<string, string> = {}): Platform {
  const platform = { ...testPlatform(testDb.db, env), cache: new MemoryCache({ now: STILL_CLOCK }) };
  setPlatform(platform);
  return platform;
}

/** A batched POST of `count` calls of `procedure` (sign-out: a mutation that needs nothing). */
function batch(count: number, headers: Record<string, string> = {}, procedure = "auth.signOut"): Request {
  const body = Object.fromEntries(Array.from({ length: count }, (_, i) => [String(i), {}]));
  return new Request(`http://127.0.0.1/api/trpc/${Array<string>(count).fill(procedure).join(",")}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

describe("tRPC batches", () => {
  it(`refuses a batch of more than ${MAX_BATCH_CALLS} calls with a 400 that names the limit, reads and writes alike`, async () => {
    usePlatform();
    const tooMany = await POST(batch(MAX_BATCH_CALLS + 1), undefined);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toEqual({
      error: `A batch may hold at most ${MAX_BATCH_CALLS} calls; this one holds ${MAX_BATCH_CALLS + 1}. Send them in smaller batches.`,
      code: "BAD_REQUEST",
    });

    const reads = Array<string>(MAX_BATCH_CALLS + 5).fill("auth.me").join(",");
    const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: MAX_BATCH_CALLS + 5 }, (_, i) => [String(i), {}]))));
    const readBatch = await GET(new Request(`http://127.0.0.1/api/trpc/${reads}?batch=1&input=${input}`), undefined);
    expect(readBatch.status).toBe(400);

    const allowed = await POST(batch(MAX_BATCH_CALLS), undefined);
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as unknown[]).length).toBe(MAX_BATCH_CALLS);
  });

  it("counts every call of a batch against the per-address limit, whatever X-Forwarded-For a client sends", async () => {
    usePlatform();
    // 600 mutations a minute per address: 30 full batches use all of it.
    for (let i = 0; i < 30; i++) {
      const response = await POST(batch(MAX_BATCH_CALLS, { "x-forwarded-for": `198.18.0.${i}` }), undefined);
      expect(response.status, `batch ${i + 1}`).toBe(200);
    }
    const refused = await POST(batch(1, { "x-forwarded-for": "198.18.1.1" }), undefined);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({ error: "Too many requests. Please wait a moment.", code: "TOO_MANY_REQUESTS" });
  });

  it("believes X-Forwarded-For only when TRUST_PROXY is set", async () => {
    usePlatform({ TRUST_PROXY: "1" });
    for (let i = 0; i < 30; i++) expect((await POST(batch(MAX_BATCH_CALLS, { "x-forwarded-for": "198.18.2.1" }), undefined)).status).toBe(200);
    expect((await POST(batch(1, { "x-forwarded-for": "198.18.2.1" }), undefined)).status).toBe(429);
    // Another client behind the same proxy has its own count.
    expect((await POST(batch(1, { "x-forwarded-for": "198.18.2.2" }), undefined)).status).toBe(200);
  });
});
