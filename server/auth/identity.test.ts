import { describe, expect, it } from "vitest";
import { CLIENT_COOKIE, identityFromHeaders, issueClientToken, readClientId } from "./identity";
import { issueUserToken, USER_COOKIE, userSessionExpiry } from "./user-session";

const secret = "s".repeat(40);

describe("client identity cookie", () => {
  it("reads back the client id it issued", () => {
    const token = issueClientToken("client_123", secret);
    expect(readClientId(`other=1; ${CLIENT_COOKIE}=${encodeURIComponent(token)}`, secret)).toBe("client_123");
  });

  it("rejects a tampered token, another secret, and junk", () => {
    const token = issueClientToken("client_123", secret);
    const [payload, signature] = token.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ sub: "client_999", typ: "client" })).toString("base64url");
    expect(readClientId(`${CLIENT_COOKIE}=${forgedPayload}.${signature}`, secret)).toBeNull();
    expect(readClientId(`${CLIENT_COOKIE}=${payload}.AAAA`, secret)).toBeNull();
    expect(readClientId(`${CLIENT_COOKIE}=${token}`, "t".repeat(40))).toBeNull();
    expect(readClientId(`${CLIENT_COOKIE}=%%%garbage`, secret)).toBeNull();
    expect(readClientId(undefined, secret)).toBeNull();
  });
});

describe("user sign-in cookie", () => {
  it("fills identity.user from a valid, unexpired token only", () => {
    const now = Date.UTC(2030, 0, 1);
    const { token, expiresAt } = issueUserToken({ id: "u1", role: "admin", passwordHash: "scrypt$x" }, { id: "us_1", expiresAt: userSessionExpiry(now) }, secret, now);
    const headers = new Headers({ cookie: `${USER_COOKIE}=${encodeURIComponent(token)}` });
    expect(identityFromHeaders(headers, secret, now + 1000).user).toMatchObject({ id: "u1", sessionId: "us_1", role: "admin", expiresAt });
    expect(identityFromHeaders(headers, secret, expiresAt * 1000).user).toBeNull();
    expect(identityFromHeaders(headers, "t".repeat(40), now).user).toBeNull();
    const clientOnly = new Headers({ cookie: `${USER_COOKIE}=${encodeURIComponent(issueClientToken("u1", secret))}` });
    expect(identityFromHeaders(clientOnly, secret, now).user).toBeNull();
  });
});

describe("signed tokens seen before", () => {
  it("read the same as the first time, and a changed one is checked again", () => {
    const token = issueClientToken("c_seen", "secret-one-0123456789abcdefghijklmnop");
    for (let i = 0; i < 3; i++) expect(readClientId(`hl_client=${token}`, "secret-one-0123456789abcdefghijklmnop")).toBe("c_seen");
    // Known under one secret says nothing under another.
    expect(readClientId(`hl_client=${token}`, "secret-two-0123456789abcdefghijklmnop")).toBeNull();
    const [payload, signature] = token.split(".");
    const other = Buffer.from(JSON.stringify({ sub: "c_other", typ: "client" })).toString("base64url");
    expect(readClientId(`hl_client=${other}.${signature}`, "secret-one-0123456789abcdefghijklmnop")).toBeNull();
    expect(readClientId(`hl_client=${payload}.${signature}x`, "secret-one-0123456789abcdefghijklmnop")).toBeNull();
    expect(readClientId(`hl_client=${token}`, "secret-one-0123456789abcdefghijklmnop")).toBe("c_seen");
  });
});
