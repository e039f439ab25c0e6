import { describe, expect, it } from "vitest";
import { buildOutcomes, readItemAnswers, type StoredAdministration } from "./trajectory";

const day = (n: number) => new Date(Date.UTC(2031, 0, 1 + n, 10));
let counter = 0;
function stored(instrument: string, items: unknown, dayNumber: number, sessionId = `s${dayNumber}`): StoredAdministration {
  return { id: `v${++counter}`, sessionId, instrument, items, recordedAt: day(dayNumber) };
}

describe("buildOutcomes", () => {
  it("orders each instrument's scores by time and compares the latest with the first", () => {
    const outcomes = buildOutcomes([
      stored("phq9", [1, 1, 1, 1, 1, 1, 0, 0, 0], 14), // 6, mild
      stored("phq9", [3, 3, 3, 2, 2, 2, 2, 2, 0], 0), // 19, moderately severe
      stored("phq9", [2, 2, 2, 2, 2, 1, 1, 1, 0], 7), // 13, moderate
    ]);
    expect(outcomes.unreadable).toBe(0);
    const [phq9] = outcomes.instruments;
    expect(phq9?.instrument).toBe("phq9");
    expect(phq9?.points.map((p) => [p.total, p.band])).toEqual([
      [19, "moderately_severe"],
      [13, "moderate"],
      [6, "mild"],
    ]);
    expect(phq9?.baseline?.total).toBe(19);
    expect(phq9?.latest).toMatchObject({ total: 6, band: "mild", bandLabel: { en: "Mild" } });
    expect(phq9?.change).toEqual({ points: -13, verdict: "reliable_improvement", threshold: 6 });
    // Each later score is judged against the first: 19 → 13 is exactly 6 points.
    expect(phq9?.points.map((p) => p.change?.verdict ?? null)).toEqual([null, "reliable_improvement", "reliable_improvement"]);
    expect(phq9?.maxTotal).toBe(27);
    expect(phq9?.reliableChangeThreshold).toBe(6);
  });

  it("marks GAD-7 deterioration at 4 points and not at 3", () => {
    const worse = buildOutcomes([stored("gad7", [1, 1, 1, 0, 0, 0, 0], 0), stored("gad7", [1, 1, 1, 1, 1, 1, 1], 7)]).instruments[0];
    expect(worse?.change).toEqual({ points: 4, verdict: "reliable_deterioration", threshold: 4 });
    const same = buildOutcomes([stored("gad7", [1, 1, 1, 0, 0, 0, 0], 0), stored("gad7", [1, 1, 1, 1, 1, 1, 0], 7)]).instruments[0];
    expect(same?.change).toEqual({ points: 3, verdict: "no_reliable_change", threshold: 4 });
  });

  it("keeps instruments apart, in a fixed order, each with its own bands", () => {
    const outcomes = buildOutcomes([stored("gad2", [1, 2], 0), stored("gad7", [2, 2, 2, 2, 2, 2, 2], 0), stored("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 0], 1)]);
    expect(outcomes.instruments.map((i) => i.instrument)).toEqual(["phq9", "gad7", "gad2"]);
    expect(outcomes.instruments[1]?.bands.map((b) => [b.id, b.min, b.max])).toEqual([
      ["minimal", 0, 4],
      ["mild", 5, 9],
      ["moderate", 10, 14],
      ["severe", 15, 21],
    ]);
    // A single score: no change to report.
    expect(outcomes.instruments[0]?.change).toBeNull();
    // The screens have no reliable change value.
    const gad2 = buildOutcomes([stored("gad2", [3, 3], 0), stored("gad2", [0, 0], 1)]).instruments[0];
    expect(gad2?.change).toEqual({ points: -6, verdict: "not_defined", threshold: null });
    expect(gad2?.reliableChangeThreshold).toBeNull();
  });

  it("flags PHQ-9 item 9 above 0, whatever the total", () => {
    const phq9 = buildOutcomes([stored("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1], 0), stored("phq9", [3, 3, 3, 3, 3, 3, 3, 3, 0], 1), stored("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 3], 2)]).instruments[0];
    expect(phq9?.points.map((p) => p.selfHarmItem)).toEqual([1, null, 3]);
    expect(phq9?.points.map((p) => p.selfHarmSkipped)).toEqual([false, false, false]);
    expect(phq9?.selfHarmFlags).toBe(2);
    expect(phq9?.points[0]?.band).toBe("minimal");
  });

  it("shows a score with skipped items as a lower bound that neither starts nor ends a comparison", () => {
    const phq9 = buildOutcomes([
      stored("phq9", [3, 3, null, 3, 3, 3, 3, 3, 0], 0), // incomplete: at least 21
      stored("phq9", [3, 3, 3, 3, 2, 2, 2, 2, 0], 1), // 20: the baseline
      stored("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 0], 2), // 8
      stored("phq9", [null, null, null, 0, 0, 0, 0, 0, 0], 3), // incomplete, after the latest complete one
    ]).instruments[0];
    expect(phq9?.points.map((p) => [p.total, p.complete, p.skippedItems])).toEqual([
      [21, false, 1],
      [20, true, 0],
      [8, true, 0],
      [0, false, 3],
    ]);
    expect(phq9?.baseline?.total).toBe(20);
    expect(phq9?.latest?.total).toBe(8);
    expect(phq9?.change).toMatchObject({ points: -12, verdict: "reliable_improvement" });
    expect(phq9?.points.map((p) => p.change?.points ?? null)).toEqual([null, null, -12, null]);
    const skippedNine = buildOutcomes([stored("phq9", [1, 1, 1, 1, 1, 1, 1, 1, null], 0)]).instruments[0]?.points[0];
    expect(skippedNine).toMatchObject({ selfHarmItem: null, selfHarmSkipped: true, complete: false });
  });

  it("counts an administration with every item skipped, and values it cannot read, without scoring them", () => {
    const outcomes = buildOutcomes([
      stored("phq9", Array.from({ length: 9 }, () => null), 0),
      stored("phq9", [1, 2, 3], 1), // too few items
      stored("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 4], 2), // not an answer
      stored("mood", [1, 1], 3), // not an instrument
      stored("gad2", "[1,1]", 4), // not a list
      stored("phq9", [2, 2, 2, 2, 2, 2, 2, 2, 0], 5),
    ]);
    expect(outcomes.unreadable).toBe(4);
    expect(outcomes.instruments).toHaveLength(1);
    expect(outcomes.instruments[0]).toMatchObject({ allSkipped: 1, points: [{ total: 16 }] });
  });

  it("has nothing to show for no scores", () => {
    expect(buildOutcomes([])).toEqual({ instruments: [], unreadable: 0 });
  });
});

describe("readItemAnswers", () => {
  it("reads one answer 0–3 or null per item", () => {
    expect(readItemAnswers("gad2", [0, null])).toEqual([0, null]);
    expect(readItemAnswers("gad2", [0, 1.5])).toBeNull();
    expect(readItemAnswers("gad2", [0, "1"])).toBeNull();
    expect(readItemAnswers("gad2", [0, 1, 2])).toBeNull();
    expect(readItemAnswers("gad2", { 0: 1, 1: 1 })).toBeNull();
  });
});
