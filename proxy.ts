import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "./server/security/content-security-policy";

/**
 * Cross-origin rules for the API: the browser app is same-origin; other origins are allowed only
 * when listed in ALLOWED_ORIGINS (comma-separated). A state-changing request from any other
 * origin is refused outright, so a cookie can never be used by a foreign page (CSRF).
 */
const allowedOrigins = new Set(
  (process.env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean),
);

const SAFE_METHODS = new Set(["GET", "HEAD"]);

function sameOrigin(request: NextRequest, origin: string): boolean {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Without `Origin`, a browser still says where a request came from in `Sec-Fetch-Site`: anything
 * but this site (or a typed URL) is another site's page. Non-browser clients send neither and
 * carry no victim's cookies.
 */
function fromAnotherSite(request: NextRequest): boolean {
  const site = request.headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}

function corsHeaders(origin: string): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "content-type, x-request-id, authorization",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
}

const development = process.env.NODE_ENV !== "production";

/**
 * Every page and API response gets the Content-Security-Policy with a fresh nonce; the request
 * carries the same policy on to Next, which puts the nonce on its scripts.
 */
export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(newNonce(), development);
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = request.nextUrl.pathname.startsWith("/api/") ? guardApi(request, headers) : NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

/** Cross-origin rules of the API (see the top of this file). */
function guardApi(request: NextRequest, headers: Headers): NextResponse {
  const next = () => NextResponse.next({ request: { headers } });
  const origin = request.headers.get("origin");
  if (!origin) {
    if (!SAFE_METHODS.has(request.method) && request.method !== "OPTIONS" && fromAnotherSite(request)) {
      return NextResponse.json({ error: "This origin may not call the Heartline API." }, { status: 403 });
    }
    return next();
  }
  if (sameOrigin(request, origin)) return next();
  const allowed = allowedOrigins.has(origin);
  if (request.method === "OPTIONS") {
    return allowed
      ? new NextResponse(null, { status: 204, headers: corsHeaders(origin) })
      : NextResponse.json({ error: "This origin may not call the Heartline API." }, { status: 403 });
  }
  if (!allowed && !SAFE_METHODS.has(request.method)) {
    return NextResponse.json({ error: "This origin may not call the Heartline API." }, { status: 403 });
  }
  const response = next();
  if (allowed) for (const [name, value] of Object.entries(corsHeaders(origin))) response.headers.set(name, value);
  return response;
}

// Everything but the build's static files (whose responses run nothing).
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
