import { createHmac, timingSafeEqual } from "node:crypto";
import { processSlot } from "../process-registry";

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

/**
 * Tokens whose signature was found valid, by secret: every request carries its cookie again, and
 * the HMAC cost about a fiftieth of a chat turn's CPU. Only validly signed tokens (ones this
 * server issued) get in, so nothing a client makes up can fill it; bounded, oldest out.
 */
const SIGNED_MAX = 5_000;
const signedTokens = processSlot("signed-tokens", () => new Map<string, Set<string>>());

function hasValidSignature(token: string, dot: number, secret: string): boolean {
  const bySecret = signedTokens.get();
  if (bySecret.get(secret)?.has(token)) return true;
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = Buffer.from(sign(token.slice(0, dot), secret), "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  let tokens = bySecret.get(secret);
  if (!tokens) bySecret.set(secret, (tokens = new Set()));
  tokens.add(token);
  if (tokens.size > SIGNED_MAX) tokens.delete(tokens.values().next().value as string);
  return true;
}

/** Returns the token's data when the signature is valid, else null (tampered, truncated, other secret). */
export function verifySignedToken(token: string | undefined | null, secret: string): Record<string, unknown> | null {
  if (!token) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  if (!hasValidSignature(token, dot, secret)) return null;
  const payload = token.slice(0, dot);
  try {
    const data: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
