import { describe, expect, it } from "vitest";
import { coerceBoolean, coerceEnum, coerceList, coerceNumber, coerceToField, extractByPattern } from "./coerce";

describe("rule-based extraction", () => {
  it.each([
    ["7", 7],
    ["about 8 today", 8],
    ["maybe 6.5", 6.5],
    ["seven", 7],
    ["twenty five", 25],
    ["七", 7],
    ["大概七十分", 70],
    ["一百", 100],
    ["十五", 15],
    ["no idea", undefined],
  ])("number from %j", (text, expected) => {
    expect(coerceNumber(text)).toBe(expected);
  });

  it.each([
    ["yes", true],
    ["Yeah sure", true],
    ["ok let's do it", true],
    ["no", false],
    ["not really", false],
    ["I don't want to", false],
    ["是的", true],
    ["好的", true],
    ["可以", true],
    ["不要", false],
    ["不想", false],
    ["没有", false],
    ["not sure", undefined],
    ["不知道", undefined],
    ["the weather", undefined],
  ])("yes/no from %j", (text, expected) => {
    expect(coerceBoolean(text)).toBe(expected);
  });

  it("picks one allowed value by name or number, never guessing between two", () => {
    const values = ["a_little", "somewhat", "a_lot"];
    expect(coerceEnum("a lot really", values)).toBe("a_lot");
    expect(coerceEnum("Somewhat", values)).toBe("somewhat");
    expect(coerceEnum("2", values)).toBe("somewhat");
    expect(coerceEnum("somewhat, or a lot", values)).toBeUndefined();
    expect(coerceEnum("banana", values)).toBeUndefined();
  });

  it("splits lists in English and Chinese", () => {
    expect(coerceList("walking, music and friends")).toEqual(["walking", "music", "friends"]);
    expect(coerceList("散步、听音乐和朋友")).toEqual(["散步", "听音乐", "朋友"]);
  });

  it("uses the first capture group of a pattern, coerced to the type", () => {
    expect(extractByPattern("I'd say 6 out of 10", "(\\d+)\\s*out of", { type: "number" })).toBe(6);
    expect(extractByPattern("nothing here", "(\\d+)", { type: "number" })).toBeUndefined();
    expect(extractByPattern("text", "(unclosed", { type: "text" })).toBeUndefined();
  });

  it("takes text as given, trimmed of trailing full stops, and no objects without a model", () => {
    expect(coerceToField("  Sam.  ", { type: "text" })).toBe("Sam");
    expect(coerceToField("{}", { type: "object" })).toBeUndefined();
  });
});
