import { describe, expect, it } from "vitest";
import { apiVerdict, corsHeaders, guardedRoute } from "./api-guard";

const allowed = new Set(["https://partner.example"]);
const HOST = "heartline.example";

function headersOf(extra: Record<string, string>): Headers {
  return new Headers({ host: HOST, ...extra });
}

describe("the API's cross-origin rules", () => {
  it("let same-origin requests and requests without Origin through, without CORS headers", () => {
    for (const method of ["GET", "POST", "OPTIONS", "PUT"]) {
      expect(apiVerdict(method, headersOf({}), allowed)).toEqual({ kind: "pass", cors: null });
      expect(apiVerdict(method, headersOf({ origin: `https://${HOST}` }), allowed)).toEqual({ kind: "pass", cors: null });
      expect(apiVerdict(method, headersOf({ "sec-fetch-site": "same-origin" }), allowed)).toEqual({ kind: "pass", cors: null });
      expect(apiVerdict(method, headersOf({ "sec-fetch-site": "none" }), allowed)).toEqual({ kind: "pass", cors: null });
    }
    // Behind a proxy, the forwarded host is the one the browser saw.
    expect(apiVerdict("POST", new Headers({ host: "app:3000", "x-forwarded-host": HOST, origin: `https://${HOST}` }), allowed)).toEqual({ kind: "pass", cors: null });
  });

  it("refuse a state-changing request another site's page sends without Origin, but not a read or a preflight", () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) expect(apiVerdict(method, headersOf({ "sec-fetch-site": "cross-site" }), allowed)).toEqual({ kind: "refuse" });
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(apiVerdict(method, headersOf({ "sec-fetch-site": "cross-site" }), allowed)).toEqual({ kind: "pass", cors: null });
  });

  it("refuse a state-changing request or a preflight from an origin not listed, and let its reads through without CORS headers", () => {
    for (const origin of ["https://evil.example", "null", "not a url", `https://${HOST}:8443`]) {
      for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) expect(apiVerdict(method, headersOf({ origin }), allowed)).toEqual({ kind: "refuse" });
      for (const method of ["GET", "HEAD"]) expect(apiVerdict(method, headersOf({ origin }), allowed)).toEqual({ kind: "pass", cors: null });
    }
  });

  it("answer a listed origin's preflight, and give its requests the CORS headers", () => {
    const origin = "https://partner.example";
    expect(apiVerdict("OPTIONS", headersOf({ origin }), allowed)).toEqual({ kind: "preflight", cors: corsHeaders(origin) });
    for (const method of ["GET", "POST", "PUT"]) expect(apiVerdict(method, headersOf({ origin }), allowed)).toEqual({ kind: "pass", cors: corsHeaders(origin) });
    expect(corsHeaders(origin)).toEqual({
      "Access-Control-Allow-Origin": origin,
      "Access-Control-Allow-Credentials": "true",
      "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
      "Access-Control-Allow-Headers": "content-type, x-request-id, authorization",
      "Access-Control-Max-Age": "600",
      Vary: "Origin",
    });
  });
});

describe("a guarded route (the chat route, which the proxy skips)", () => {
  let calls = 0;
  const route = guardedRoute(() => {
    calls++;
    return Response.json({ ok: true }, { status: 201, headers: { "x-own": "kept" } });
  }, allowed);
  const call = (method: string, headers: Record<string, string>) => route(new Request(`https://${HOST}/api/chat`, { method, headers: { host: HOST, ...headers } }), undefined);
  const policyOf = (response: Response) => response.headers.get("content-security-policy") ?? "";

  it("refuses as the proxy does, with the policy, without running the handler", async () => {
    calls = 0;
    const refused = await call("POST", { origin: "https://evil.example" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: "This origin may not call the Heartline API." });
    expect(refused.headers.get("content-type")).toBe("application/json");
    expect(policyOf(refused)).toContain("frame-ancestors 'none'");
    expect((await call("POST", { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await call("OPTIONS", { origin: "https://evil.example" })).status).toBe(403);
    expect(calls).toBe(0);
  });

  it("answers a listed origin's preflight itself, with the CORS headers and the policy", async () => {
    calls = 0;
    const preflight = await call("OPTIONS", { origin: "https://partner.example" });
    expect(preflight.status).toBe(204);
    expect(await preflight.text()).toBe("");
    for (const [name, value] of Object.entries(corsHeaders("https://partner.example"))) expect(preflight.headers.get(name)).toBe(value);
    expect(policyOf(preflight)).toContain("script-src 'self' 'nonce-");
    expect(calls).toBe(0);
  });

  it("runs the handler otherwise and adds the policy (a fresh nonce each time), and a listed origin's CORS headers", async () => {
    calls = 0;
    const plain = await call("POST", {});
    expect(plain.status).toBe(201);
    expect(plain.headers.get("x-own")).toBe("kept");
    expect(plain.headers.get("access-control-allow-origin")).toBeNull();
    const again = await call("POST", { origin: `https://${HOST}` });
    expect(policyOf(again)).not.toBe(policyOf(plain));
    expect(policyOf(again).replace(/nonce-[^']+/, "")).toBe(policyOf(plain).replace(/nonce-[^']+/, ""));
    const partner = await call("POST", { origin: "https://partner.example" });
    expect(partner.headers.get("access-control-allow-origin")).toBe("https://partner.example");
    expect(partner.headers.get("vary")).toBe("Origin");
    expect(calls).toBe(3);
  });
});
