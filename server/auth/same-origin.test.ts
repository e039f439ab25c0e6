import { describe, expect, it } from "vitest";
import { checkSameOrigin } from "./same-origin";

const check = (headers: Record<string, string>) => checkSameOrigin(new Headers(headers)).ok;

describe("checkSameOrigin", () => {
  it("allows same-origin browser requests and clients without browser headers", () => {
    expect(check({ host: "app.example", origin: "https://app.example", "content-type": "application/json" })).toBe(true);
    expect(check({ host: "app.example:443", origin: "https://app.example" })).toBe(true);
    expect(check({ host: "127.0.0.1:3100", origin: "http://127.0.0.1:3100", "content-type": "application/json; charset=utf-8" })).toBe(true);
    expect(check({ host: "internal:3000", "x-forwarded-host": "app.example", origin: "https://app.example" })).toBe(true);
    expect(check({ host: "app.example", "sec-fetch-site": "same-origin" })).toBe(true);
    expect(check({ host: "app.example" })).toBe(true);
  });

  it("refuses other origins, opaque origins, cross-site fetches and non-JSON bodies", () => {
    expect(check({ host: "app.example", origin: "https://evil.example" })).toBe(false);
    expect(check({ host: "app.example", origin: "https://app.example.evil.example" })).toBe(false);
    expect(check({ host: "app.example:3000", origin: "http://app.example:3001" })).toBe(false);
    expect(check({ host: "app.example", origin: "null" })).toBe(false);
    expect(check({ host: "app.example", origin: "not a url" })).toBe(false);
    expect(check({ origin: "https://app.example" })).toBe(false);
    expect(check({ host: "app.example", "sec-fetch-site": "cross-site" })).toBe(false);
    expect(check({ host: "app.example", "sec-fetch-site": "same-site" })).toBe(false);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx"]) {
      expect(check({ host: "app.example", origin: "https://app.example", "content-type": type })).toBe(false);
    }
  });
});
