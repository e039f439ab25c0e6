import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./content-security-policy";

describe("the Content-Security-Policy", () => {
  it("lets scripts run only with the request's nonce, never inline without it", () => {
    const policy = contentSecurityPolicy("abc123==", false);
    const scripts = policy.split("; ").find((directive) => directive.startsWith("script-src")) ?? "";
    expect(scripts).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(scripts).not.toContain("unsafe-inline");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(contentSecurityPolicy("abc123==", true)).toContain("'unsafe-eval'");
  });

  it("makes a new 128-bit nonce each time, in the form Next reads", () => {
    // Past several refills of the pooled random bytes.
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
