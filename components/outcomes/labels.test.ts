import { describe, expect, it } from "vitest";
import { formatChange, formatDay } from "./labels";

describe("outcome labels", () => {
  it("says a change in words with a real minus sign", () => {
    expect(formatChange(-13)).toBe("−13 points");
    expect(formatChange(4)).toBe("+4 points");
    expect(formatChange(-1)).toBe("−1 point");
    expect(formatChange(0)).toBe("no change");
  });

  it("gives days in UTC", () => {
    expect(formatDay(new Date(Date.UTC(2031, 2, 1, 23, 59)))).toBe("2031-03-01");
    expect(formatDay("not a date")).toBe("—");
  });
});
