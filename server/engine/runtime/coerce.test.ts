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

describe("rule-based extraction, as clients really answer", () => {
  it.each([
    ["Not right now", false],
    ["No problem", true],
    ["I don't mind", true],
    ["That's not right", false],
    ["It was okay, I'll think about another session", undefined],
    ["No, it's been more like six months", false],
    ["I have no idea", undefined],
    ["没问题", true],
    ["我没意见", true],
    ["没错", true],
    ["不对，其实有半年了", false],
    ["是的，没错", true],
    ["不想，我还是不继续了", false],
    ["还是算了", false],
    ["没有，从来没有", false],
    ["想试试", true],
    ["以前看过一次心理咨询", true],
    ["暫時沒有", false],
    ["當然可以", true],
    ["冇啊", false],
    ["唔係好記得有用", false],
    ["未去過", false],
    ["哪有时间啊", false],
    ["绝对不要", false],
    ["絕對沒有", false],
    ["对不起，不想", false],
    ["绝对可以", true],
    ["好像没有", false],
    ["好久没去了", false],
    ["想了想还是算了", false],
    ["要不算了", false],
    ["想不起来", undefined],
    ["好像有吧", true],
    ["规律个屁，天天熬夜", false],
    ["支持個鬼", false],
    ["好耐冇見過佢", false],
    ["none at the moment", false],
  ])("yes/no from %j", (text, expected) => {
    expect(coerceBoolean(text)).toBe(expected);
  });

  it.each(["sort of, some days", "kinda?", "有时候会", "谁知道呢", "未必吧"])("a hedge is neither yes nor no: %j", (text) => {
    expect(coerceBoolean(text)).toBeUndefined();
  });

  it("ignores clock times and percentages when looking for a rating", () => {
    expect(coerceNumber("Go to bed before 11pm, confidence 8.")).toBe(8);
    expect(coerceNumber("at 10:30, maybe a 6")).toBe(6);
    expect(coerceNumber("9点以前睡觉，信心7分")).toBe(7);
  });

  it("does not pick an allowed value the client negated", () => {
    expect(coerceEnum("I haven't tried it", ["tried", "not_tried"])).toBeUndefined();
    expect(coerceEnum("a few weeks, not a lot", ["a_little", "somewhat", "a_lot"])).toBeUndefined();
  });
});
