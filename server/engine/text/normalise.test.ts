import { describe, expect, it } from "vitest";
import { foldText, normaliseForMatching, scriptsPresent } from "./normalise";

describe("normaliseForMatching", () => {
  it("keeps the length, so offsets map one to one", () => {
    for (const text of ["我已經想好怎麼死了！", "I’m ＯＫ，really", "😭 emoji 🙃 and 𠀀 astral", ""]) {
      expect(normaliseForMatching(text)).toHaveLength(text.length);
    }
  });

  it("folds fullwidth ASCII, apostrophe variants and common Traditional characters", () => {
    expect(normaliseForMatching("I’m ＯＫ，真的！")).toBe("I'm OK,真的!");
    expect(normaliseForMatching("我想自殺，不想活了")).toBe("我想自杀,不想活了");
    expect(normaliseForMatching("遺書寫好了")).toBe("遗书写好了");
  });

  it("returns the same string when nothing changes", () => {
    const text = "plain text 普通文本";
    expect(normaliseForMatching(text)).toBe(text);
  });
});

describe("scriptsPresent", () => {
  it("reports which scripts a message contains", () => {
    expect(scriptsPresent("hello")).toEqual({ en: true, zh: false });
    expect(scriptsPresent("你好")).toEqual({ en: false, zh: true });
    expect(scriptsPresent("我真的 want to")).toEqual({ en: true, zh: true });
    expect(scriptsPresent("123 !!")).toEqual({ en: false, zh: false });
  });
});

describe("foldText", () => {
  it("drops invisible characters, lowercases, folds width, Traditional and spaces", () => {
    expect(foldText("ki\u200bll  MY\u00adself")).toBe("kill myself");
    expect(foldText("你患有抑鬱症。好幾天")).toBe("你患有抑郁症。好几天");
    expect(foldText("  Ｉ’M\tfine ")).toBe("i'm fine");
  });

  it("maps Hong Kong and Taiwan characters outside the crisis vocabulary too", () => {
    expect(foldText("唔想再生存，好攰，藥都攢好了")).toBe("唔想再生存,好攰,药都攒好了");
    expect(foldText("臺灣的醫師說我憂鬱")).toBe("台湾的医师说我忧郁");
  });
});
