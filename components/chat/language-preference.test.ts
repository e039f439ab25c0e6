import { describe, expect, it } from "vitest";
import { acceptedLanguages, languageCookie, preferredLanguage, regionalTag } from "./language-preference";

describe("the UI language of a first visit", () => {
  it("reads Accept-Language by quality, then by order, without q=0 and *", () => {
    expect(acceptedLanguages("en;q=0.5, zh-CN, zh;q=0.9, fr;q=0, *")).toEqual(["zh-CN", "zh", "en"]);
    expect(acceptedLanguages("")).toEqual([]);
    expect(acceptedLanguages(null)).toEqual([]);
  });

  it("takes the remembered choice first, then the first browser language we have, else English", () => {
    expect(preferredLanguage({ cookie: "zh", acceptLanguage: "en-US" })).toBe("zh");
    expect(preferredLanguage({ cookie: "fr", acceptLanguage: "fr-FR, zh-TW;q=0.8, en;q=0.5" })).toBe("zh");
    expect(preferredLanguage({ acceptLanguage: "de-DE, en-GB;q=0.7" })).toBe("en");
    expect(preferredLanguage({ acceptLanguage: "de-DE" })).toBe("en");
    expect(preferredLanguage({})).toBe("en");
  });

  it("keeps the browser's region for crisis lines when it speaks the UI language", () => {
    expect(regionalTag("en", ["en-GB", "en"])).toBe("en-GB");
    expect(regionalTag("zh", ["en-GB", "zh-TW"])).toBe("zh-TW");
    expect(regionalTag("zh", ["en-GB"])).toBe("zh");
  });

  it("remembers the toggle for a year, site-wide", () => {
    expect(languageCookie("zh")).toBe("heartline-lang=zh; Path=/; Max-Age=31536000; SameSite=Lax");
  });
});
