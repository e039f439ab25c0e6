/**
 * `/api/metrics` in production is off until METRICS_TOKEN is set, and then needs it; in
 * development it is open.
 */
import { afterEach, describe, expect, it } from "vitest";
import { setPlatform } from "@/server/platform";
import { GET } from "@/app/api/metrics/route";
import { testPlatform } from "../support/test-platform";
import { setUpTestDatabase } from "../support/set-up-test-database";

const testDb = setUpTestDatabase();
const TOKEN = "metrics-token-0123456789abcdef";

afterEach(() => setPlatform(undefined));

const scrape = (authorization?: string) => GET(new Request("http://127.0.0.1/api/metrics", { headers: authorization ? { authorization } : {} }));

describe("/api/metrics", () => {
  it("is off in production without a token", async () => {
    setPlatform(testPlatform(testDb.db, { NODE_ENV: "production" }));
    const response = await scrape();
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "Metrics are off: set METRICS_TOKEN to turn them on.", code: "NOT_FOUND" });
  });

  it("needs the token once one is set", async () => {
    setPlatform(testPlatform(testDb.db, { NODE_ENV: "production", METRICS_TOKEN: TOKEN }));
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer not-the-token-at-all-000000")).status).toBe(401);
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("heartline_http_requests_total");
  });

  it("is open in development", async () => {
    setPlatform(testPlatform(testDb.db));
    expect((await scrape()).status).toBe(200);
  });
});
