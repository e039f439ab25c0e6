/**
 * Cross-origin rules for the API: the browser app is same-origin; other origins are allowed only
 * when listed in ALLOWED_ORIGINS (comma-separated). A state-changing request from any other
 * origin is refused outright, so a cookie can never be used by a foreign page (CSRF).
 *
 * `proxy.ts` applies these rules to every API route but the chat route, which applies them itself
 * (`guardedRoute`): Next's proxy step cost about a tenth of a chat turn's CPU.
 */
import { contentSecurityPolicy, newNonce } from "./content-security-policy";

const allowedOrigins = new Set(
  (process.env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean),
);

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** The body of the 403 a refused origin gets. */
export const REFUSED_ORIGIN = { error: "This origin may not call the Heartline API." } as const;

function sameOrigin(headers: Headers, origin: string): boolean {
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
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
function fromAnotherSite(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}

export function corsHeaders(origin: string): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "content-type, x-request-id, authorization",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
}

/**
 * What the rules say about one API request: refuse it (403), answer its preflight (204 with the
 * CORS headers), or let it through, with the CORS headers to add to its response when its origin
 * is an allowed other one.
 */
export type ApiVerdict = { kind: "refuse" } | { kind: "preflight"; cors: Record<string, string> } | { kind: "pass"; cors: Record<string, string> | null };

const PASS: ApiVerdict = { kind: "pass", cors: null };
const REFUSE: ApiVerdict = { kind: "refuse" };

/** `allowed`: the other origins allowed (ALLOWED_ORIGINS unless given). */
export function apiVerdict(method: string, headers: Headers, allowed: ReadonlySet<string> = allowedOrigins): ApiVerdict {
  const origin = headers.get("origin");
  if (!origin) {
    if (!SAFE_METHODS.has(method) && method !== "OPTIONS" && fromAnotherSite(headers)) return REFUSE;
    return PASS;
  }
  if (sameOrigin(headers, origin)) return PASS;
  const listed = allowed.has(origin);
  if (method === "OPTIONS") return listed ? { kind: "preflight", cors: corsHeaders(origin) } : REFUSE;
  if (!listed && !SAFE_METHODS.has(method)) return REFUSE;
  return { kind: "pass", cors: listed ? corsHeaders(origin) : null };
}

const development = process.env.NODE_ENV !== "production";

/** The Content-Security-Policy every page and API response gets, with a fresh nonce. */
export function freshPolicy(): string {
  return contentSecurityPolicy(newNonce(), development);
}

type RouteHandler<C> = (req: Request, context: C) => Promise<Response> | Response;

/**
 * A route handler with what `proxy.ts` does for the other API routes, for a route the proxy
 * skips: the cross-origin rules (a refused request never reaches the handler), the CORS headers of
 * an allowed other origin, and the Content-Security-Policy on every response.
 */
export function guardedRoute<C = unknown>(handler: RouteHandler<C>, allowed: ReadonlySet<string> = allowedOrigins): (req: Request, context: C) => Promise<Response> {
  return async (req, context) => {
    const policy = freshPolicy();
    const verdict = apiVerdict(req.method, req.headers, allowed);
    let response: Response;
    if (verdict.kind === "refuse") response = Response.json(REFUSED_ORIGIN, { status: 403 });
    else if (verdict.kind === "preflight") response = new Response(null, { status: 204, headers: verdict.cors });
    else {
      response = await handler(req, context);
      if (verdict.cors) for (const [name, value] of Object.entries(verdict.cors)) response.headers.set(name, value);
    }
    response.headers.set("Content-Security-Policy", policy);
    return response;
  };
}
