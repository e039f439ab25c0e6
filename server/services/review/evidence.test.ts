import { describe, expect, it } from "vitest";
import { placeSpan, readEvidence } from "./evidence";

describe("evidence", () => {
  it("keeps well-formed spans only", () => {
    expect(
      readEvidence([
        { start: 2, end: 5, text: "abc", rule: "r" },
        { start: 5, end: 5, text: "", rule: "empty" },
        { start: -1, end: 2 },
        { start: "1", end: 2 },
        null,
        "x",
        { start: 0, end: 1 },
      ]),
    ).toEqual([
      { start: 2, end: 5, text: "abc", rule: "r" },
      { start: 0, end: 1, text: "", rule: "" },
    ]);
    expect(readEvidence({ start: 1 })).toEqual([]);
  });

  it("places a span at its offsets when they match, else where its text is, else nowhere", () => {
    const text = "I want to kill myself";
    expect(placeSpan(text, { start: 10, end: 21, text: "kill myself", rule: "r" })).toEqual({ start: 10, end: 21 });
    expect(placeSpan(text, { start: 0, end: 11, text: "kill myself", rule: "r" })).toEqual({ start: 10, end: 21 });
    expect(placeSpan(text, { start: 30, end: 40, text: "", rule: "r" })).toBeNull();
    expect(placeSpan(text, { start: 0, end: 3, text: "absent", rule: "r" })).toBeNull();
  });
});
