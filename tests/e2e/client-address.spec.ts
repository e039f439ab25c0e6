/**
 * Per-address limits in a real server process (`next start` on the production build): the
 * address is the TCP peer's, taken from the socket, so a client that makes up a new
 * X-Forwarded-For for every request still meets the limit; with TRUST_PROXY naming the proxy
 * (here the loopback peer), the address it forwards is believed and clients count separately.
 * Sign-in allows 40 failed attempts per address in 15 minutes.
 */
import { expect, test } from "@playwright/test";
import { startAppServer, type AppServer } from "../support/app-server";

const PER_ADDRESS = 40;

/** Sends `count` sign-in attempts (unknown emails, so only the address is shared) as one batch, each from a made-up address. */
async function signInBatch(app: AppServer, count: number, start: number): Promise<number[]> {
  const calls = Array.from({ length: count }, (_, i) => start + i);
  const response = await fetch(`${app.baseURL}/api/trpc/${calls.map(() => "auth.signIn").join(",")}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": `198.18.${(start >> 8) & 255}.${start & 255}` },
    body: JSON.stringify(Object.fromEntries(calls.map((n, i) => [String(i), { json: { email: `nobody${n}@example.test`, password: "wrong password here" } }]))),
  });
  const results = (await response.json()) as { error?: { json: { data: { httpStatus: number } } } }[];
  return results.map((result) => result.error?.json.data.httpStatus ?? 200);
}

async function oneAttempt(app: AppServer, forwardedFor: string): Promise<Response> {
  return fetch(`${app.baseURL}/api/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
    body: JSON.stringify({ json: { email: "someone-else@example.test", password: "wrong password here" } }),
  });
}

test.describe("per-address limits", () => {
  test.describe.configure({ timeout: 120_000 });

  test("count the TCP peer, whatever X-Forwarded-For a client makes up", async () => {
    const app = await startAppServer();
    try {
      const statuses = [...(await signInBatch(app, 20, 0)), ...(await signInBatch(app, 20, 20))];
      expect(statuses).toEqual(Array<number>(PER_ADDRESS).fill(401));
      const refused = await oneAttempt(app, "203.0.113.99");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await app.dispose();
    }
  });

  test("believe the address a trusted proxy forwards (TRUST_PROXY)", async () => {
    const app = await startAppServer({ TRUST_PROXY: "loopback" });
    try {
      const statuses = [...(await signInBatch(app, 20, 0)), ...(await signInBatch(app, 20, 20))];
      expect(statuses).toEqual(Array<number>(PER_ADDRESS).fill(401));
      // The batches came from two forwarded addresses; a third one has its own count.
      expect((await oneAttempt(app, "203.0.113.99")).status).toBe(401);
    } finally {
      await app.dispose();
    }
  });
});
