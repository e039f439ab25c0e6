import { describe, expect, it } from "vitest";
import { allMatches } from "./matches";

const viaMatchAll = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => [m.index, ...m]);
const viaAllMatches = (text: string, pattern: RegExp) => allMatches(text, pattern).map((m) => [m.index, ...m]);

describe("allMatches", () => {
  it("finds what matchAll finds, groups and all", () => {
    const cases: [string, RegExp][] = [
      ["take 20 mg, then 5 mg", /(\d+)\s?(mg)/g],
      ["Yes. YES, yes", /\byes\b/gi],
      ["你好，你有抑郁症吗？你", /你(有)?/gu],
      ["nothing here", /\d+/g],
    ];
    for (const [text, pattern] of cases) expect(viaAllMatches(text, pattern)).toEqual(viaMatchAll(text, pattern));
  });

  it("steps past empty matches as matchAll does, whole code points with the u flag", () => {
    expect(viaAllMatches("a😀b", /x*/gu)).toEqual(viaMatchAll("a😀b", /x*/gu));
    expect(viaAllMatches("a😀b", /x*/g)).toEqual(viaMatchAll("a😀b", /x*/g));
    expect(allMatches("a😀b", /x*/gu)).toHaveLength(4);
  });

  it("starts where the pattern's lastIndex stands and leaves it there, as matchAll does", () => {
    const pattern = /a/g;
    pattern.lastIndex = 2;
    expect(viaAllMatches("aaaa", pattern)).toEqual(viaMatchAll("aaaa", pattern));
    expect(pattern.lastIndex).toBe(2);
  });

  it("refuses a pattern that is not global, as matchAll does", () => {
    expect(() => allMatches("a", /a/)).toThrow(TypeError);
  });
});
