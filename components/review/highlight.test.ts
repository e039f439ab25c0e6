import { describe, expect, it } from "vitest";
import { highlightSegments } from "./highlight";

describe("highlightSegments", () => {
  it("marks [start, end) and keeps the rest plain", () => {
    expect(highlightSegments("I want to kill myself now", [{ start: 10, end: 21, rule: "kill_self" }])).toEqual([
      { text: "I want to ", rules: [] },
      { text: "kill myself", rules: ["kill_self"] },
      { text: " now", rules: [] },
    ]);
  });

  it("handles overlapping, touching, out-of-range and empty spans", () => {
    const segments = highlightSegments("abcdefgh", [
      { start: 1, end: 4, rule: "a" },
      { start: 3, end: 6, rule: "b" },
      { start: 6, end: 7, rule: "b" },
      { start: 7, end: 99, rule: "c" },
      { start: 5, end: 5, rule: "empty" },
    ]);
    expect(segments).toEqual([
      { text: "a", rules: [] },
      { text: "bc", rules: ["a"] },
      { text: "d", rules: ["a", "b"] },
      { text: "efg", rules: ["b"] },
      { text: "h", rules: ["c"] },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe("abcdefgh");
    expect(highlightSegments("", [])).toEqual([]);
    expect(highlightSegments("plain", [])).toEqual([{ text: "plain", rules: [] }]);
  });
});
