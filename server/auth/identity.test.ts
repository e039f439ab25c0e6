import { describe, expect, it } from "vitest";
import { CLIENT_COOKIE, issueClientToken, readClientId } from "./identity";

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
