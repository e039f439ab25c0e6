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
  });
});
