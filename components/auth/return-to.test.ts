import { describe, expect, it } from "vitest";
import { safeReturnTo, signInUrl } from "./return-to";

/** Where a browser ends up when the page at `from` redirects to `location`. */
const landsOn = (location: string, from = "https://heartline.example/signin") => new URL(location, from).origin;

describe("safeReturnTo", () => {
  it("keeps paths on this site", () => {
    expect(safeReturnTo("/review")).toBe("/review");
    expect(safeReturnTo("/review/abc?risk=high#events")).toBe("/review/abc?risk=high#events");
    expect(safeReturnTo("/review/../studio")).toBe("/studio");
    expect(safeReturnTo("/studio/p1?next=//evil.example")).toBe("/studio/p1?next=//evil.example");
  });

  it("refuses other sites, odd input and the sign-in page itself", () => {
    for (const bad of ["//evil.example", "https://evil.example/review", "/\\evil.example", "javascript:alert(1)", "review", "/re\nview", "/signin", "", null, 42]) {
      expect(safeReturnTo(bad)).toBe("/review");
    }
    expect(safeReturnTo(undefined, "/")).toBe("/");
  });

  // Each of these is a path on this site as written, and another site's once dot segments are resolved.
  const nasty = [
    "/..//evil.example/x",
    "/.//x",
    "/%2e%2e//x",
    "/%2E%2E//evil.example",
    "/.%2e//evil.example",
    "/%2e//evil.example",
    "/a/..//evil.example",
    "/a/b/../..//evil.example",
    "/../..//evil.example",
    "/..//evil.example:443/x?y#z",
    "/..///evil.example",
    "/../\\evil.example",
    "/..\\/evil.example",
    "/..%2F/evil.example/../..//evil.example",
    "/\t/evil.example",
    "/ /evil.example".replace(" ", "\u0000"),
    "/\u007f/evil.example",
    "/..//%65vil.example",
    "///evil.example",
    "/\\/evil.example",
    "https:/evil.example",
    "http:evil.example",
    " //evil.example",
    "\\\\evil.example",
  ];

  it.each(nasty)("sends %j to the default page, never another site", (value) => {
    const result = safeReturnTo(value);
    expect(result).toBe("/review");
    expect(landsOn(result)).toBe("https://heartline.example");
  });

  it("only ever returns paths a browser resolves on this site", () => {
    // Every path of up to four pieces after the leading "/": whatever is accepted stays on this origin.
    const pieces = ["/", "..", ".", "%2e", "\\", "evil.example", "?", "#"];
    let values = ["/"];
    let checked = 0;
    for (let depth = 0; depth <= 4; depth++) {
      for (const value of values) {
        const result = safeReturnTo(value);
        expect(landsOn(result), `${JSON.stringify(value)} → ${result}`).toBe("https://heartline.example");
        expect(result.startsWith("//")).toBe(false);
        checked++;
      }
      values = values.flatMap((value) => pieces.map((piece) => value + piece));
    }
    expect(checked).toBe(1 + 8 + 64 + 512 + 4096);
  });

  it("builds a sign-in link", () => {
    expect(signInUrl("/review?risk=high")).toBe("/signin?returnTo=%2Freview%3Frisk%3Dhigh");
    expect(signInUrl("/..//evil.example/x")).toBe("/signin?returnTo=%2Freview");
  });
});
