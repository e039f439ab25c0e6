import { describe, expect, it } from "vitest";
import { classifyChange, reliableChangeThreshold } from "./change";

describe("reliable change", () => {
  it.each([
    // PHQ-9: 6 points either way is reliable, 5 is not.
    ["phq9", 18, 12, -6, "reliable_improvement"],
    ["phq9", 18, 13, -5, "no_reliable_change"],
    ["phq9", 20, 4, -16, "reliable_improvement"],
    ["phq9", 8, 14, 6, "reliable_deterioration"],
    ["phq9", 8, 13, 5, "no_reliable_change"],
    ["phq9", 10, 10, 0, "no_reliable_change"],
    // GAD-7: 4 points either way is reliable, 3 is not.
    ["gad7", 15, 11, -4, "reliable_improvement"],
    ["gad7", 15, 12, -3, "no_reliable_change"],
    ["gad7", 5, 9, 4, "reliable_deterioration"],
    ["gad7", 5, 8, 3, "no_reliable_change"],
  ] as const)("%s from %i to %i is %i points, %s", (instrument, baseline, later, points, verdict) => {
    expect(classifyChange(instrument, baseline, later)).toMatchObject({ points, verdict });
  });

  it("judges no change on the two-item screens, which have no reliable change value", () => {
    expect(classifyChange("phq2", 6, 0)).toEqual({ points: -6, verdict: "not_defined", threshold: null });
    expect(classifyChange("gad2", 0, 6)).toEqual({ points: 6, verdict: "not_defined", threshold: null });
    expect(reliableChangeThreshold("phq2")).toBeNull();
  });

  it("names the threshold it applied", () => {
    expect(classifyChange("phq9", 12, 3).threshold).toBe(6);
    expect(classifyChange("gad7", 12, 3).threshold).toBe(4);
  });

  it("refuses totals that are not whole numbers", () => {
    expect(() => classifyChange("phq9", 12.5, 3)).toThrow(/phq9 baseline total/);
    expect(() => classifyChange("gad7", 3, -1)).toThrow(/gad7 later total/);
  });
});
