import { describe, expect, it } from "vitest";
import type { InstrumentId } from "./instruments";
import { scoreInstrument } from "./score";

/** Answers for `count` items adding up to `total`, filled with 3s from the first item. */
function answersTotalling(total: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => Math.max(0, Math.min(3, total - index * 3)));
}

const ITEM_COUNT: Record<InstrumentId, number> = { phq9: 9, gad7: 7, phq2: 2, gad2: 2 };

describe("scoreInstrument bands", () => {
  it.each([
    ["phq9", 0, "minimal"],
    ["phq9", 4, "minimal"],
    ["phq9", 5, "mild"],
    ["phq9", 9, "mild"],
    ["phq9", 10, "moderate"],
    ["phq9", 14, "moderate"],
    ["phq9", 15, "moderately_severe"],
    ["phq9", 19, "moderately_severe"],
    ["phq9", 20, "severe"],
    ["phq9", 27, "severe"],
    ["gad7", 0, "minimal"],
    ["gad7", 4, "minimal"],
    ["gad7", 5, "mild"],
    ["gad7", 9, "mild"],
    ["gad7", 10, "moderate"],
    ["gad7", 14, "moderate"],
    ["gad7", 15, "severe"],
    ["gad7", 21, "severe"],
    ["phq2", 0, "negative"],
    ["phq2", 2, "negative"],
    ["phq2", 3, "positive"],
    ["phq2", 6, "positive"],
    ["gad2", 0, "negative"],
    ["gad2", 2, "negative"],
    ["gad2", 3, "positive"],
    ["gad2", 6, "positive"],
  ] as const)("%s total %i is %s", (instrument, total, band) => {
    const result = scoreInstrument(instrument, answersTotalling(total, ITEM_COUNT[instrument]));
    expect(result.total).toBe(total);
    expect(result.band).toBe(band);
    expect(result.complete).toBe(true);
  });

  it("sums the items as answered", () => {
    expect(scoreInstrument("phq9", [1, 0, 2, 3, 1, 0, 0, 2, 0]).total).toBe(9);
    expect(scoreInstrument("gad7", [3, 3, 2, 1, 0, 1, 2]).total).toBe(12);
    expect(scoreInstrument("gad2", [1, 2])).toMatchObject({ total: 3, band: "positive" });
  });

  it("gives display labels in both languages", () => {
    expect(scoreInstrument("phq9", answersTotalling(16, 9)).bandLabel).toEqual({ en: "Moderately severe", zh: "中重度" });
    expect(scoreInstrument("gad7", answersTotalling(0, 7)).bandLabel).toEqual({ en: "Minimal", zh: "极轻微" });
    expect(scoreInstrument("phq2", [2, 2]).bandLabel).toEqual({ en: "Positive screen", zh: "筛查阳性" });
    expect(scoreInstrument("gad2", [0, 1]).bandLabel).toEqual({ en: "Negative screen", zh: "筛查阴性" });
  });
});

describe("scoreInstrument self-harm flag", () => {
  it("flags PHQ-9 item 9 above 0 with its score, even when the total is minimal", () => {
    const result = scoreInstrument("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(result.band).toBe("minimal");
    expect(result.flags.selfHarmItem).toBe(1);
    expect(scoreInstrument("phq9", [3, 3, 3, 3, 3, 3, 3, 3, 3]).flags.selfHarmItem).toBe(3);
  });

  it("does not flag item 9 answered 0, or a high score on other items", () => {
    expect(scoreInstrument("phq9", [3, 3, 3, 3, 3, 3, 3, 3, 0]).flags).toEqual({});
  });

  it("never flags GAD-7 or the two-item screens", () => {
    expect(scoreInstrument("gad7", [3, 3, 3, 3, 3, 3, 3]).flags).toEqual({});
    expect(scoreInstrument("phq2", [3, 3]).flags).toEqual({});
  });
});

describe("scoreInstrument partial and invalid input", () => {
  it("reports an incomplete set of answers as incomplete", () => {
    const result = scoreInstrument("phq9", [3, 3]);
    expect(result).toMatchObject({ total: 6, band: "mild", complete: false });
    expect(result.flags).toEqual({});
    expect(scoreInstrument("gad7", []).complete).toBe(false);
  });

  it("refuses answers that are not 0–3 or too many answers", () => {
    expect(() => scoreInstrument("phq9", [0, 4])).toThrow(RangeError);
    expect(() => scoreInstrument("phq9", [-1])).toThrow(RangeError);
    expect(() => scoreInstrument("gad7", [1.5])).toThrow(RangeError);
    expect(() => scoreInstrument("gad7", [Number.NaN])).toThrow(RangeError);
    expect(() => scoreInstrument("phq2", [0, 0, 0])).toThrow(RangeError);
  });
});
