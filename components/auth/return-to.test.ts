import { describe, expect, it } from "vitest";
import { safeReturnTo, signInUrl } from "./return-to";

describe("safeReturnTo", () => {
  it("keeps paths on this site", () => {
    expect(safeReturnTo("/review")).toBe("/review");
    expect(safeReturnTo("/review/abc?risk=high#events")).toBe("/review/abc?risk=high#events");
  });

  it("refuses other sites, odd input and the sign-in page itself", () => {
    for (const bad of ["//evil.example", "https://evil.example/review", "/\\evil.example", "javascript:alert(1)", "review", "/re\nview", "/signin", "", null, 42]) {
      expect(safeReturnTo(bad)).toBe("/review");
    }
    expect(safeReturnTo(undefined, "/")).toBe("/");
  });

  it("builds a sign-in link", () => {
    expect(signInUrl("/review?risk=high")).toBe("/signin?returnTo=%2Freview%3Frisk%3Dhigh");
  });
});
