import { describe, expect, it } from "vitest";
import { INSTRUMENTS as SCRIPT_INSTRUMENTS } from "../script/schema";
import { ANSWER_OPTIONS, getInstrument, getItem, INSTRUMENT_IDS, type InstrumentId } from "./instruments";

describe("instrument data", () => {
  it("offers exactly the instruments the script schema accepts", () => {
    expect([...INSTRUMENT_IDS].sort()).toEqual([...SCRIPT_INSTRUMENTS].sort());
  });

  it.each([
    ["phq9", 9],
    ["gad7", 7],
    ["phq2", 2],
    ["gad2", 2],
  ] as const)("%s has %i items, each worded in English and Chinese", (id, count) => {
    const instrument = getInstrument(id);
    expect(instrument.items).toHaveLength(count);
    for (const item of instrument.items) {
      expect(item.en.trim()).not.toBe("");
      expect(item.zh).toMatch(/\p{Script=Han}/u);
    }
  });

  it("uses the standard stem and the four standard options in both languages", () => {
    for (const id of INSTRUMENT_IDS) {
      expect(getInstrument(id).stem).toEqual({
        en: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        zh: "在过去两周里，你有多少时间受到以下任何问题所困扰？",
      });
      expect(getInstrument(id).options).toBe(ANSWER_OPTIONS);
    }
    expect(ANSWER_OPTIONS.map((option) => [option.score, option.label.en, option.label.zh])).toEqual([
      [0, "Not at all", "完全不会"],
      [1, "Several days", "好几天"],
      [2, "More than half the days", "一半以上的天数"],
      [3, "Nearly every day", "几乎每天"],
    ]);
  });

  it("keeps the published wording of key items", () => {
    expect(getItem("phq9", 0)).toEqual({ en: "Little interest or pleasure in doing things", zh: "做事时提不起劲或没有兴趣" });
    expect(getItem("phq9", 8)).toEqual({
      en: "Thoughts that you would be better off dead or of hurting yourself in some way",
      zh: "有不如死掉或用某种方式伤害自己的念头",
    });
    expect(getItem("gad7", 0)).toEqual({ en: "Feeling nervous, anxious or on edge", zh: "感觉紧张、焦虑或急切" });
    expect(getItem("gad7", 6)).toEqual({
      en: "Feeling afraid as if something awful might happen",
      zh: "感到似乎将有可怕的事情发生而害怕",
    });
  });

  it("makes PHQ-2 and GAD-2 the first two items of PHQ-9 and GAD-7, word for word", () => {
    expect(getInstrument("phq2").items).toEqual(getInstrument("phq9").items.slice(0, 2));
    expect(getInstrument("gad2").items).toEqual(getInstrument("gad7").items.slice(0, 2));
  });

  it("has bands that cover every possible total exactly once", () => {
    for (const id of INSTRUMENT_IDS) {
      const { bands, items } = getInstrument(id);
      expect(bands[0]?.min).toBe(0);
      expect(bands.at(-1)?.max).toBe(items.length * 3);
      bands.slice(1).forEach((band, index) => expect(band.min).toBe((bands[index]?.max ?? NaN) + 1));
    }
  });

  it("cannot be changed at runtime", () => {
    const item = getInstrument("phq9").items[0];
    expect(() => Object.assign(item ?? {}, { en: "changed" })).toThrow(TypeError);
    expect(getItem("phq9", 0).en).toBe("Little interest or pleasure in doing things");
  });

  it("rejects unknown instruments and item indexes", () => {
    expect(() => getInstrument("bdi" as InstrumentId)).toThrow(RangeError);
    expect(() => getItem("phq2", 2)).toThrow(RangeError);
    expect(() => getItem("phq9", -1)).toThrow(RangeError);
    expect(() => getItem("gad7", 1.5)).toThrow(RangeError);
  });
});
