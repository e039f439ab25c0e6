import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Compact signed tokens for cookies: `<payload>.<signature>`, payload base64url JSON, HMAC-SHA256.
 * Not encrypted: put only identifiers in them, never health data.
 */

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

export function issueSignedToken(data: Record<string, unknown>, secret: string): string {
  const payload = Buffer.from(JSON.stringify(data), "utf8").toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

/** Returns the token's data when the signature is valid, else null (tampered, truncated, other secret). */
export function verifySignedToken(token: string | undefined | null, secret: string): Record<string, unknown> | null {
  if (!token) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = Buffer.from(sign(payload, secret), "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const data: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
