import { NextResponse, type NextRequest } from "next/server";
import { apiVerdict, freshPolicy, REFUSED_ORIGIN } from "./server/security/api-guard";

/**
 * Every page and API response gets the Content-Security-Policy with a fresh nonce; the request
 * carries the same policy on to Next, which puts the nonce on its scripts. API requests follow the
 * cross-origin rules of `server/security/api-guard.ts`.
 */
export function proxy(request: NextRequest) {
  const policy = freshPolicy();
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = request.nextUrl.pathname.startsWith("/api/") ? guardApi(request, headers) : NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

/** Cross-origin rules of the API (server/security/api-guard.ts). */
function guardApi(request: NextRequest, headers: Headers): NextResponse {
  const verdict = apiVerdict(request.method, request.headers);
  if (verdict.kind === "refuse") return NextResponse.json(REFUSED_ORIGIN, { status: 403 });
  if (verdict.kind === "preflight") return new NextResponse(null, { status: 204, headers: verdict.cors });
  const response = NextResponse.next({ request: { headers } });
  if (verdict.cors) for (const [name, value] of Object.entries(verdict.cors)) response.headers.set(name, value);
  return response;
}

// Everything but the build's static files (whose responses run nothing) and the chat route, which
// applies the same rules itself (`guardedRoute`): the proxy step cost about a tenth of a turn's CPU.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|api/chat$).*)"] };
