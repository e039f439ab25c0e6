import { createHmac } from "node:crypto";
import { issueSignedToken, verifySignedToken } from "./signed-token";

/**
 * The counsellor/author sign-in cookie: a signed token naming the user, the role and the
 * server-side session (a UserSession row), with an expiry. A signed-in call counts only while that
 * row exists, unexpired and not revoked: signing out, a password change and an admin revoke it, so
 * a copied cookie stops working at once. The token also carries a keyed fingerprint of the
 * password hash, checked on each privileged call.
 */
export const USER_COOKIE = "hl_user";

/** A signed-in session lasts 12 hours, then the counsellor signs in again. */
export const USER_SESSION_SECONDS = 12 * 3600;

export type UserRole = "admin" | "author";

export interface UserSessionClaims {
  id: string;
  /** The UserSession row this sign-in is. */
  sessionId: string;
  role: UserRole;
  /** Keyed fingerprint of the password hash at sign-in; a password change invalidates the cookie. */
  passwordVersion: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/** HMAC of the stored password hash under the server secret: useless to anyone without the secret. */
export function passwordVersion(passwordHash: string, secret: string): string {
  return createHmac("sha256", secret).update(`password-version:${passwordHash}`).digest("base64url").slice(0, 16);
}

/** When a sign-in made at `now` (ms) ends, in epoch seconds. */
export function userSessionExpiry(now: number = Date.now()): number {
  return Math.floor(now / 1000) + USER_SESSION_SECONDS;
}

export function issueUserToken(
  user: { id: string; role: UserRole; passwordHash: string },
  session: { id: string; expiresAt: number },
  secret: string,
  now: number = Date.now(),
): { token: string; expiresAt: number } {
  const issuedAt = Math.floor(now / 1000);
  const token = issueSignedToken(
    { typ: "user", sub: user.id, sid: session.id, role: user.role, pwv: passwordVersion(user.passwordHash, secret), iat: issuedAt, exp: session.expiresAt },
    secret,
  );
  return { token, expiresAt: session.expiresAt };
}

/** The claims of a valid, unexpired user token; null for anything else (tampered, expired, a client token). */
export function readUserToken(token: string | undefined | null, secret: string, now: number = Date.now()): UserSessionClaims | null {
  const data = verifySignedToken(token, secret);
  if (!data || data.typ !== "user") return null;
  const { sub, sid, role, pwv, exp } = data;
  if (typeof sub !== "string" || !sub || typeof sid !== "string" || !sid || typeof pwv !== "string" || typeof exp !== "number") return null;
  if (role !== "admin" && role !== "author") return null;
  if (exp * 1000 <= now) return null;
  return { id: sub, sessionId: sid, role, passwordVersion: pwv, expiresAt: exp };
}

/** The Set-Cookie value for a signed-in user: httpOnly, SameSite=Lax, Secure in production, 12 h. */
export function userCookie(token: string, secure: boolean, maxAgeSeconds: number = USER_SESSION_SECONDS): string {
  const parts = [`${USER_COOKIE}=${encodeURIComponent(token)}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/** The Set-Cookie value that signs the browser out. */
export function clearedUserCookie(secure: boolean): string {
  const parts = [`${USER_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", "Expires=Thu, 01 Jan 1970 00:00:00 GMT"];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}
