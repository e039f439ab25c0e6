import { describe, expect, it } from "vitest";
import { crisisLinesForUi, dialNumbers, firstPhoneLine } from "./crisis-lines";

describe("crisis lines in the chat", () => {
  it("dials each number a line lists on its own", () => {
    expect(dialNumbers("116 123")).toEqual([{ shown: "116 123", dial: "116123" }]);
    expect(dialNumbers("120 / 110").map((n) => n.dial)).toEqual(["120", "110"]);
    expect(dialNumbers("999 or 112").map((n) => n.dial)).toEqual(["999", "112"]);
    expect(dialNumbers("400-161-9995")).toEqual([{ shown: "400-161-9995", dial: "4001619995" }]);
  });

  it("offers the most relevant local line first: the browser's region, else the language's", () => {
    expect(firstPhoneLine(crisisLinesForUi("en"))?.number).toBe("988");
    expect(firstPhoneLine(crisisLinesForUi("en-GB"))?.number).toBe("116 123");
    expect(firstPhoneLine(crisisLinesForUi("zh"))?.number).toBe("12356");
    // The other regions' lines stay on offer after the region's own; the worldwide directory last.
    const british = crisisLinesForUi("en-GB").map((line) => line.id);
    expect(british.slice(0, 2)).toEqual(["gb-ie-samaritans", "us-988"]);
    expect(british).toContain("cn-12356");
    expect(british.at(-1)).toBe("intl-findahelpline");
    expect(new Set(british).size).toBe(british.length);
  });
});
