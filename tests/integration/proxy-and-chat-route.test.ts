/**
 * The chat route is left out of the proxy (`proxy.ts`) and applies its rules itself
 * (`guardedRoute`): both must answer every request alike, and the proxy's matcher must leave out
 * that one route only.
 */
import { NextRequest } from "next/server";
import * as pageStaticInfo from "next/dist/build/analysis/get-page-static-info";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";
import { guardedRoute } from "@/server/security/api-guard";

const HOST = "heartline.example";
const METHODS = ["GET", "HEAD", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"];
const ORIGINS = [null, `http://${HOST}`, "https://evil.example", "null", "not a url"];
const SITES = [null, "same-origin", "same-site", "cross-site", "none"];

const HANDLED = 299;
const route = guardedRoute(() => new Response("handled", { status: HANDLED }));

const corsOf = (response: Response) =>
  Object.fromEntries([...response.headers].filter(([name]) => name.startsWith("access-control-") || name === "vary"));

describe("the chat route and the proxy", () => {
  it("answer every request alike: refused, answered, or passed on with the same headers", async () => {
    for (const method of METHODS) {
      for (const origin of ORIGINS) {
        for (const site of SITES) {
          const headers: Record<string, string> = { host: HOST };
          if (origin) headers.origin = origin;
          if (site) headers["sec-fetch-site"] = site;
          const url = `http://${HOST}/api/chat`;
          const proxied = proxy(new NextRequest(url, { method, headers }));
          const routed = await route(new Request(url, { method, headers }), undefined);
          const passed = proxied.headers.get("x-middleware-next") === "1";
          const what = `${method} origin=${origin} sec-fetch-site=${site}`;
          expect(routed.status, what).toBe(passed ? HANDLED : proxied.status);
          if (!passed) expect(await routed.text(), what).toBe(await proxied.text());
          expect(corsOf(routed), what).toEqual(corsOf(proxied));
          expect(routed.headers.get("content-security-policy")?.replace(/nonce-[^']+/, ""), what).toBe(
            proxied.headers.get("content-security-policy")?.replace(/nonce-[^']+/, ""),
          );
        }
      }
    }
  });

  it("leave the chat route out of the proxy, and no other path", () => {
    // Next's own reading of the matcher, as the build writes it into the functions manifest.
    const { getMiddlewareMatchers } = pageStaticInfo as unknown as { getMiddlewareMatchers: (matcher: unknown, nextConfig: object) => { regexp: string }[] };
    const [matcher] = getMiddlewareMatchers(config.matcher, {});
    const proxied = (path: string) => new RegExp(matcher!.regexp).test(path);
    expect(proxied("/api/chat")).toBe(false);
    for (const path of ["/", "/chat", "/api/chatter", "/api/chat/more", "/api/trpc/session.start", "/api/health", "/studio/p1", "/_next/data/b1/api/chat.json"]) {
      expect(proxied(path), path).toBe(true);
    }
    expect(proxied("/_next/static/chunks/a.js")).toBe(false);
  });
});
