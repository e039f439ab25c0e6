/**
 * Malformed, oversized, mistyped and unknown input on every route and procedure: each answer is a
 * 4xx with a message a person can read, never a 500 or a hang.
 */
import { expect, test, type APIResponse } from "@playwright/test";
import { E2E_METRICS_TOKEN } from "../support/e2e-env";

async function expectClientError(response: APIResponse, status?: number) {
  expect(response.status(), await response.text()).toBeGreaterThanOrEqual(400);
  expect(response.status()).toBeLessThan(500);
  if (status) expect(response.status()).toBe(status);
  const body = await response.text();
  expect(body.length).toBeGreaterThan(0);
  expect(body).not.toMatch(/at \w+ \(|node_modules|prisma\./i);
}

const trpcPost = (procedure: string) => `/api/trpc/${procedure}`;
const trpcGet = (procedure: string, input: unknown) => `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

test("tRPC procedures answer bad input with 4xx", async ({ request }) => {
  const headers = { "content-type": "application/json" };
  await expectClientError(await request.post(trpcPost("session.start"), { headers, data: "{not json" }));
  await expectClientError(await request.post(trpcPost("session.start"), { headers, data: { json: { scriptId: 42 } } }), 400);
  await expectClientError(await request.post(trpcPost("session.start"), { headers, data: { json: {} } }), 400);
  await expectClientError(await request.post(trpcPost("session.start"), { headers, data: { json: { scriptId: "does-not-exist" } } }), 404);
  await expectClientError(await request.get(trpcGet("session.get", { sessionId: "nope" })), 404);
  await expectClientError(await request.get(trpcGet("session.messages", { sessionId: "nope", limit: -3 })), 400);
  await expectClientError(await request.get(trpcGet("session.get", "just a string")), 400);
  await expectClientError(await request.post(trpcPost("session.end"), { headers, data: { json: { sessionId: "x".repeat(10_000) } } }), 400);
  await expectClientError(await request.get(trpcGet("no.such.procedure", {})), 404);
  await expectClientError(await request.post(trpcPost("system.info"), { headers, data: { json: null } }));
  const huge = "x".repeat(4 * 1024 * 1024);
  await expectClientError(await request.post(trpcPost("session.start"), { headers, data: { json: { scriptId: huge } } }), 413);
});

test("the chat route answers bad input with 4xx", async ({ request }) => {
  // No identity yet.
  await expectClientError(await request.post("/api/chat", { data: { sessionId: "s", message: { id: "m", text: "hi" } } }), 401);

  // Get an identity (the first tRPC call that needs one sets the cookie) and a real session.
  const scripts = await request.get(trpcGet("session.scripts", undefined));
  expect(scripts.status()).toBe(200);
  const scriptId = (await scripts.json()).result.data.json[0].id as string;
  const started = await request.post(trpcPost("session.start"), { headers: { "content-type": "application/json" }, data: { json: { scriptId } } });
  expect(started.status()).toBe(200);
  const sessionId = (await started.json()).result.data.json.sessionId as string;

  const headers = { "content-type": "application/json" };
  await expectClientError(await request.post("/api/chat", { headers, data: "{oops" }), 400);
  await expectClientError(await request.post("/api/chat", { headers, data: { sessionId, message: { id: 5, text: [] } } }), 400);
  await expectClientError(await request.post("/api/chat", { headers, data: { sessionId: "unknown", message: { id: "m1", text: "hello" } } }), 404);
  await expectClientError(await request.post("/api/chat", { headers, data: { sessionId, message: { id: "m2", text: "x".repeat(4001) } } }), 413);
  await expectClientError(await request.post("/api/chat", { headers, data: { sessionId, message: { id: "m3", text: "x".repeat(200_000) } } }), 413);
  await expectClientError(await request.post("/api/chat", { headers, data: { sessionId, message: { id: "m4", text: "   " } } }), 400);
  await expectClientError(await request.get("/api/chat"), 405);
});

test("operational routes answer, and foreign origins cannot change anything", async ({ request }) => {
  expect((await request.get("/api/health")).status()).toBe(200);
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect((await ready.json()).migrations.pending).toEqual([]);
  // Production: metrics only with the token (playwright.config.ts sets one).
  expect((await request.get("/api/metrics")).status()).toBe(401);
  const metrics = await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(metrics.status()).toBe(200);
  expect(await metrics.text()).toContain("heartline_http_requests_total");

  const page = await request.get("/");
  expect(page.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  // Scripts run only with this response's nonce: no 'unsafe-inline', a new nonce each time, and
  // Next's own scripts carry it.
  const policy = page.headers()["content-security-policy"] ?? "";
  const scriptSrc = policy.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  expect(nonce).toBeTruthy();
  const html = await page.text();
  expect(html).toContain(`nonce="${nonce}"`);
  expect(html.match(/<script\b(?![^>]*\bnonce=)[^>]*>/g) ?? []).toEqual([]);
  const again = (await request.get("/chat")).headers()["content-security-policy"] ?? "";
  expect(again).toMatch(/'nonce-[^']+'/);
  expect(again).not.toContain(`'nonce-${nonce}'`);
  expect(page.headers()["x-content-type-options"]).toBe("nosniff");

  const foreign = await request.post(trpcPost("session.start"), {
    headers: { "content-type": "application/json", origin: "https://evil.example" },
    data: { json: { scriptId: "x" } },
  });
  expect(foreign.status()).toBe(403);
  // Without Origin, a browser's Sec-Fetch-Site still tells another site's page: refused, for chat
  // turns and client mutations alike; same-site and non-browser requests go on.
  for (const site of ["cross-site", "same-site"]) {
    const chat = await request.post("/api/chat", { headers: { "content-type": "application/json", "sec-fetch-site": site }, data: { sessionId: "s", message: { id: "m", text: "hi" } } });
    expect(chat.status(), site).toBe(403);
    const start = await request.post(trpcPost("session.start"), { headers: { "content-type": "application/json", "sec-fetch-site": site }, data: { json: { scriptId: "x" } } });
    expect(start.status(), site).toBe(403);
  }
  const sameSite = await request.post(trpcPost("session.start"), { headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" }, data: { json: { scriptId: "x" } } });
  expect(sameSite.status()).toBe(404);
  await expectClientError(await request.get("/api/does-not-exist"), 404);
});
