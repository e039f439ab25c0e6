import { describe, expect, it } from "vitest";
import { buildOutcomes, type StoredAdministration } from "@/server/services/outcomes/trajectory";
import { renderChartSvg } from "@/components/charts/render-svg";
import { outcomeChartOption, outcomeChartTable } from "./outcome-chart";

const day = (n: number) => new Date(Date.UTC(2031, 2, 1 + n, 9));
const phq9 = (items: (number | null)[], n: number): StoredAdministration => ({ id: `v${n}`, sessionId: `s${n}`, instrument: "phq9", items, recordedAt: day(n) });

// 19 → 13 (reliable improvement, exactly 6) → ≥ 6 with one item skipped → 8 with item 9 at 2.
const outcome = buildOutcomes([
  phq9([3, 3, 3, 2, 2, 2, 2, 2, 0], 0),
  phq9([2, 2, 2, 2, 2, 1, 1, 1, 0], 7),
  phq9([1, 1, 1, 1, 1, 1, null, 0, 0], 14),
  phq9([1, 1, 1, 1, 1, 1, 0, 0, 2], 21),
]).instruments[0]!;
const sessionNumber = new Map([
  ["s0", 1],
  ["s7", 2],
  ["s14", 3],
  ["s21", 4],
]);

type Series = { data: { value: [number, number]; symbol: string; label: { formatter: string } }[]; markArea: { data: [{ name: string; yAxis: number }, { yAxis: number }][] }; markPoint: { data: { name: string; coord: [number, number] }[] } };

describe("the outcome chart", () => {
  const option = outcomeChartOption(outcome);
  const series = (option.series as unknown as Series[])[0]!;

  it("plots every score at its time, an open point and ≥ for a lower bound", () => {
    expect(series.data.map((d) => d.value)).toEqual([
      [day(0).getTime(), 19],
      [day(7).getTime(), 13],
      [day(14).getTime(), 6],
      [day(21).getTime(), 8],
    ]);
    expect(series.data.map((d) => d.label.formatter)).toEqual(["19", "13", "≥6", "8"]);
    expect(series.data.map((d) => d.symbol)).toEqual(["circle", "circle", "emptyCircle", "circle"]);
  });

  it("shades the PHQ-9 bands from 0 to 27 with their names", () => {
    expect(series.markArea.data.map(([from, to]) => [from.name, from.yAxis, to.yAxis])).toEqual([
      ["Minimal", 0, 5],
      ["Mild", 5, 10],
      ["Moderate", 10, 15],
      ["Moderately severe", 15, 20],
      ["Severe", 20, 27],
    ]);
    expect(option.yAxis).toMatchObject({ min: 0, max: 27 });
  });

  it("marks reliable change at the scores that reach it, and item 9 above 0", () => {
    expect(series.markPoint.data.map((m) => [m.name, m.coord])).toEqual([
      ["Reliable improvement", [day(7).getTime(), 13]],
      ["Reliable improvement", [day(21).getTime(), 8]],
      ["Item 9: 2", [day(21).getTime(), 8]],
    ]);
  });

  it("draws the scores, the band names and the marks as text in the SVG", () => {
    const texts = [...renderChartSvg(option).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const text of ["19", "13", "≥6", "8", "Minimal", "Mild", "Moderate", "Moderately severe", "Severe", "Reliable improvement", "Item 9: 2"]) {
      expect(texts).toContain(text);
    }
    expect(texts).not.toContain("Reliable deterioration");
  });

  it("gives the same figures as a table", () => {
    const table = outcomeChartTable(outcome, sessionNumber);
    expect(table.columns.map((c) => c.label)).toEqual(["Date", "Session", "Score", "Band", "Since first score", "Reliable change", "Item 9"]);
    expect(table.rows).toEqual([
      { date: "2031-03-01", session: "#1", score: 19, band: "Moderately severe", change: "first score", reliable: null, item9: 0 },
      { date: "2031-03-08", session: "#2", score: 13, band: "Moderate", change: "−6 points", reliable: "Reliable improvement", item9: 0 },
      { date: "2031-03-15", session: "#3", score: "≥ 6 (1 skipped)", band: "Mild", change: null, reliable: null, item9: 0 },
      { date: "2031-03-22", session: "#4", score: 8, band: "Mild", change: "−11 points", reliable: "Reliable improvement", item9: 2 },
    ]);
  });

  it("has no item 9 column for GAD-7", () => {
    const gad7 = buildOutcomes([{ id: "g", sessionId: "s0", instrument: "gad7", items: [1, 1, 1, 1, 1, 1, 1], recordedAt: day(0) }]).instruments[0]!;
    expect(outcomeChartTable(gad7, sessionNumber).columns.map((c) => c.key)).not.toContain("item9");
    expect(outcomeChartOption(gad7).yAxis).toMatchObject({ max: 21 });
  });
});
