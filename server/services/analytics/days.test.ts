import { describe, expect, it } from "vitest";
import { splitByUtcDay } from "./days";

const at = (iso: string) => new Date(iso);

describe("splitting a start-date range by UTC day", () => {
  it("is all whole days when both ends are at midnight, or missing", () => {
    expect(splitByUtcDay({})).toEqual({ days: {}, edges: [] });
    expect(splitByUtcDay({ from: at("2030-01-02T00:00:00Z"), to: at("2030-01-05T00:00:00Z") })).toEqual({ days: { first: "2030-01-02", end: "2030-01-05" }, edges: [] });
    expect(splitByUtcDay({ to: at("2030-01-05T00:00:00Z") })).toEqual({ days: { end: "2030-01-05" }, edges: [] });
  });

  it("leaves the parts of days at either end as edges", () => {
    const from = at("2030-01-01T10:30:00Z");
    const to = at("2030-01-04T06:00:00Z");
    expect(splitByUtcDay({ from, to })).toEqual({
      days: { first: "2030-01-02", end: "2030-01-04" },
      edges: [
        { from, to: at("2030-01-02T00:00:00Z") },
        { from: at("2030-01-04T00:00:00Z"), to },
      ],
    });
    expect(splitByUtcDay({ from })).toEqual({ days: { first: "2030-01-02" }, edges: [{ from, to: at("2030-01-02T00:00:00Z") }] });
  });

  it("has no whole day when the range is shorter than the days it touches", () => {
    const from = at("2030-01-01T10:00:00Z");
    const to = at("2030-01-02T09:00:00Z");
    expect(splitByUtcDay({ from, to })).toEqual({ days: null, edges: [{ from, to }] });
    expect(splitByUtcDay({ from: at("2030-01-01T10:00:00Z"), to: at("2030-01-01T12:00:00Z") }).days).toBeNull();
  });

  it("is empty when the range is", () => {
    expect(splitByUtcDay({ from: at("2030-01-03T00:00:00Z"), to: at("2030-01-02T00:00:00Z") })).toEqual({ days: null, edges: [] });
    expect(splitByUtcDay({ from: at("2030-01-02T05:00:00Z"), to: at("2030-01-02T05:00:00Z") })).toEqual({ days: null, edges: [] });
  });
});
