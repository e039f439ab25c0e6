import { describe, expect, it } from "vitest";
import { getInstrument, INSTRUMENT_IDS } from "./instruments";
import { interpretAnswer } from "./interpret";
import { renderItemQuestion, renderOptions, renderReask } from "./render";

describe("renderItemQuestion", () => {
  it("shows the stem, the item and the numbered options for the first item", () => {
    expect(renderItemQuestion("phq9", 0, "en", { includeStem: true })).toBe(
      "Over the last 2 weeks, how often have you been bothered by any of the following problems?\n\n" +
        "Little interest or pleasure in doing things\n\n" +
        "0 Not at all · 1 Several days · 2 More than half the days · 3 Nearly every day",
    );
    expect(renderItemQuestion("gad7", 0, "zh", { includeStem: true })).toBe(
      "在过去两周里，你有多少时间受到以下任何问题所困扰？\n\n" +
        "感觉紧张、焦虑或急切\n\n" +
        "0 完全不会 · 1 好几天 · 2 一半以上的天数 · 3 几乎每天",
    );
  });

  it("leaves the stem out of later items", () => {
    const text = renderItemQuestion("phq9", 8, "en", { includeStem: false });
    expect(text).toBe(
      "Thoughts that you would be better off dead or of hurting yourself in some way\n\n" +
        "0 Not at all · 1 Several days · 2 More than half the days · 3 Nearly every day",
    );
    expect(text).not.toContain("Over the last 2 weeks");
  });

  it("contains every item's wording unchanged, in both languages", () => {
    for (const id of INSTRUMENT_IDS) {
      const instrument = getInstrument(id);
      instrument.items.forEach((item, index) => {
        for (const lang of ["en", "zh"] as const) {
          const text = renderItemQuestion(id, index, lang, { includeStem: index === 0 });
          expect(text).toContain(item[lang]);
          expect(text).toContain(renderOptions(lang));
          expect(text.includes(instrument.stem[lang])).toBe(index === 0);
        }
      });
    }
  });

  it("numbers the options so that replying with the number is understood", () => {
    const options = renderOptions("zh").split(" · ");
    expect(options).toHaveLength(4);
    options.forEach((option, index) => {
      const [digit] = option.split(" ");
      expect(interpretAnswer(digit ?? "", "zh")).toEqual({ score: index });
      // and the label alone, as the client might copy it
      expect(interpretAnswer(option.slice(2), "zh")).toEqual({ score: index });
    });
    renderOptions("en")
      .split(" · ")
      .forEach((option, index) => expect(interpretAnswer(option.slice(2), "en")).toEqual({ score: index }));
  });

  it("rejects an item index outside the instrument", () => {
    expect(() => renderItemQuestion("gad2", 2, "en", { includeStem: false })).toThrow(RangeError);
  });
});

describe("renderReask", () => {
  it("asks gently for one of the four options and lists them again", () => {
    const en = renderReask("phq9", 3, "en");
    expect(en).toBe(
      "I'm not sure which option fits your answer best. Could you choose one of these four? Replying with the number is fine.\n\n" +
        "0 Not at all · 1 Several days · 2 More than half the days · 3 Nearly every day",
    );
    const zh = renderReask("gad7", 1, "zh");
    expect(zh).toContain("四个选项");
    expect(zh.endsWith("0 完全不会 · 1 好几天 · 2 一半以上的天数 · 3 几乎每天")).toBe(true);
  });

  it("is one fixed text for every item, so it can never paraphrase an item", () => {
    for (const id of INSTRUMENT_IDS) {
      getInstrument(id).items.forEach((item, index) => {
        for (const lang of ["en", "zh"] as const) {
          const text = renderReask(id, index, lang);
          expect(text).not.toContain(item[lang]);
          expect(text).toBe(renderReask("phq9", 0, lang)); // the same fixed text for every item
        }
      });
    }
  });

  it("rejects an item index outside the instrument", () => {
    expect(() => renderReask("phq2", 5, "zh")).toThrow(RangeError);
  });
});
