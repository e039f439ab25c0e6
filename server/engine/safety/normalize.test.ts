import { describe, expect, it } from "vitest";
import { normalizeForMatching, scriptsPresent } from "./normalize";

describe("normalizeForMatching", () => {
  it("keeps the length, so offsets map one to one", () => {
    for (const text of ["我已經想好怎麼死了！", "I’m ＯＫ，really", "😭 emoji 🙃 and 𠀀 astral", ""]) {
      expect(normalizeForMatching(text)).toHaveLength(text.length);
    }
  });

  it("folds fullwidth ASCII, apostrophe variants and common Traditional characters", () => {
    expect(normalizeForMatching("I’m ＯＫ，真的！")).toBe("I'm OK,真的!");
    expect(normalizeForMatching("我想自殺，不想活了")).toBe("我想自杀,不想活了");
    expect(normalizeForMatching("遺書寫好了")).toBe("遗书写好了");
  });

  it("returns the same string when nothing changes", () => {
    const text = "plain text 普通文本";
    expect(normalizeForMatching(text)).toBe(text);
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
