/** Reading a yes/no about safety: only a clear, specific yes confirms; "I'm fine" and "ok" do not. */
import { describe, expect, it } from "vitest";
import { explicitBoolean, readConfirmation } from "./confirmation";

describe("readConfirmation", () => {
  it.each([
    ["Yes.", "yes"],
    ["yeah", "yes"],
    ["I'm safe right now.", "yes"],
    ["I am safe now, I promise", "yes"],
    ["Yes, I will.", "yes"],
    ["ok, I will", "yes"],
    ["Yes, I'm fine", "yes"],
    ["I won't do anything tonight", "yes"],
    ["No.", "no"],
    ["I'm not safe", "no"],
    ["I don't feel safe", "no"],
    ["not really", "no"],
    ["I won't", "no"],
    ["no, I'm fine", "no"],
    ["ok", "agree"],
    ["Okay.", "agree"],
    ["sure", "agree"],
    ["I'm fine.", "fine"],
    ["Fine", "fine"],
    ["I’m okay", "fine"],
    ["ok, I'm fine", "fine"],
    ["I don't know", "unclear"],
    ["maybe", "unclear"],
    ["I'm at home", "unclear"],
    ["", "unclear"],
  ])("English %j is %s", (text, expected) => {
    expect(readConfirmation(text)).toBe(expected);
  });

  it.each([
    ["是的，我现在是安全的。", "yes"],
    ["我会的。", "yes"],
    ["好的，我会联系她", "yes"],
    ["没事，我是安全的", "yes"],
    ["我不会做傻事的", "yes"],
    ["愿意", "yes"],
    ["不愿意", "no"],
    ["不安全", "no"],
    ["不是很安全", "no"],
    ["没有", "no"],
    ["好的", "agree"],
    ["嗯", "agree"],
    ["我没事", "fine"],
    ["我没事。", "fine"],
    ["还好吧", "fine"],
    ["不知道", "unclear"],
    ["有点", "unclear"],
    ["我在家", "unclear"],
  ])("Chinese %j is %s", (text, expected) => {
    expect(readConfirmation(text)).toBe(expected);
  });

  it("gives a boolean only for a clear answer", () => {
    expect(explicitBoolean("Yes, I'm safe")).toBe(true);
    expect(explicitBoolean("不安全")).toBe(false);
    expect(explicitBoolean("I'm fine")).toBeUndefined();
    expect(explicitBoolean("ok")).toBeUndefined();
    expect(explicitBoolean("我没事")).toBeUndefined();
  });
});
