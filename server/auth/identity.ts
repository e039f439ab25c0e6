import { randomUUID } from "node:crypto";
import { issueSignedToken, verifySignedToken } from "./signed-token";
import { readUserToken, USER_COOKIE, type UserSessionClaims } from "./user-session";

/** The anonymous client identity cookie: signed, httpOnly, SameSite=Lax. Clients never need an account. */
export const CLIENT_COOKIE = "hl_client";

export interface CallerIdentity {
  /** The anonymous client (from the signed cookie), if any. */
  clientId: string | null;
  /**
   * A signed-in counsellor/author, if any: the claims of a valid, unexpired sign-in cookie. Not yet
   * checked against the database; `authorProcedure` does that (the user must still exist, with the
   * same password) before anything privileged runs.
   */
  user: UserSessionClaims | null;
}

export function parseCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}

export function issueClientToken(clientId: string, secret: string): string {
  return issueSignedToken({ sub: clientId, typ: "client" }, secret);
}

export function readClientId(cookieHeader: string | null | undefined, secret: string): string | null {
  const data = verifySignedToken(parseCookies(cookieHeader).get(CLIENT_COOKIE), secret);
  return data?.typ === "client" && typeof data.sub === "string" ? data.sub : null;
}

export function identityFromHeaders(headers: Headers, secret: string, now: number = Date.now()): CallerIdentity {
  const cookies = headers.get("cookie");
  return {
    clientId: readClientId(cookies, secret),
    user: readUserToken(parseCookies(cookies).get(USER_COOKIE), secret, now),
  };
}

/** How long a client identity lasts in the browser: a year, renewed when a new one is issued. */
const CLIENT_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;

export function newClientId(): string {
  return `c_${randomUUID().replaceAll("-", "")}`;
}

/** The Set-Cookie value for a client identity: httpOnly, SameSite=Lax, Secure in production. */
export function clientCookie(clientId: string, secret: string, secure: boolean): string {
  const parts = [
    `${CLIENT_COOKIE}=${encodeURIComponent(issueClientToken(clientId, secret))}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${CLIENT_COOKIE_MAX_AGE_SECONDS}`,
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}
