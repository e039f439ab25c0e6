import { describe, expect, it } from "vitest";
import { CRISIS_LINES, crisisLinesFor, formatCrisisLine } from "./crisis-lines";

const ids = (query: Parameters<typeof crisisLinesFor>[0]) => crisisLinesFor(query).map((line) => line.id);

describe("crisis lines data", () => {
  it("has the required lines with names in both languages", () => {
    const byNumber = new Map(CRISIS_LINES.filter((line) => line.number).map((line) => [line.number, line]));
    expect(byNumber.get("988")?.how).toEqual(expect.arrayContaining(["call", "text"]));
    expect(byNumber.get("116 123")?.regions).toEqual(["GB", "IE"]);
    expect(byNumber.get("12356")?.regions).toEqual(["CN"]);
    expect(byNumber.get("400-161-9995")?.name.zh).toContain("希望24热线");
    expect(CRISIS_LINES.some((line) => line.regions.length === 0 && line.url === "https://findahelpline.com")).toBe(true);
    for (const line of CRISIS_LINES) {
      expect(line.name.en.length).toBeGreaterThan(0);
      expect(line.name.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(line.hours.en.length).toBeGreaterThan(0);
      expect(line.number ?? line.url ?? line.note).toBeDefined();
    }
    expect(new Set(CRISIS_LINES.map((line) => line.id)).size).toBe(CRISIS_LINES.length);
  });
});

describe("crisisLinesFor", () => {
  it("gives a region's crisis lines, then its emergency number, then the international fallback", () => {
    expect(ids({ region: "US" })).toEqual(["us-988", "us-emergency", "intl-findahelpline"]);
    expect(ids({ region: "gb" })).toEqual(["gb-ie-samaritans", "gb-ie-emergency", "intl-findahelpline"]);
    expect(ids({ region: "UK" })[0]).toBe("gb-ie-samaritans");
    expect(ids({ region: "IE" })[0]).toBe("gb-ie-samaritans");
    expect(ids({ region: "CN" })).toEqual(["cn-12356", "cn-hope24", "cn-emergency", "intl-findahelpline"]);
  });

  it("region wins over language", () => {
    expect(ids({ region: "US", lang: "zh" })[0]).toBe("us-988");
  });

  it("gives only the international fallback for a region without lines (other countries' numbers would not connect)", () => {
    expect(ids({ region: "FR" })).toEqual(["intl-emergency", "intl-findahelpline"]);
  });

  it("orders by language when the region is unknown: Chinese puts China first", () => {
    const zh = ids({ lang: "zh" });
    expect(zh.slice(0, 2)).toEqual(["cn-12356", "cn-hope24"]);
    expect(zh.at(-1)).toBe("intl-emergency");
    expect(zh).not.toContain("cn-emergency");
    const en = ids({ lang: "en" });
    expect(en[0]).toBe("us-988");
    expect(en.indexOf("gb-ie-samaritans")).toBeLessThan(en.indexOf("cn-12356"));
    expect(ids({})[0]).toBe("us-988");
  });

  it("uses the region subtag of the language tag", () => {
    expect(ids({ lang: "en-GB" })[0]).toBe("gb-ie-samaritans");
    expect(ids({ lang: "zh-TW" })[0]).toBe("tw-1925");
    expect(ids({ lang: "zh-Hant" })[0]).toBe("tw-1925");
    expect(ids({ lang: "zh-HK" })[0]).toBe("hk-sbhk");
  });

  it("accepts a deployment's own list", () => {
    const own = [{ ...CRISIS_LINES[0]!, id: "own", regions: ["NZ"] }];
    expect(crisisLinesFor({ region: "NZ" }, own).map((line) => line.id)).toEqual(["own"]);
  });
});

describe("formatCrisisLine", () => {
  const line = (id: string) => CRISIS_LINES.find((candidate) => candidate.id === id)!;
  it("formats in English and Chinese", () => {
    expect(formatCrisisLine(line("us-988"), "en")).toBe("988 Suicide & Crisis Lifeline: call or text 988, https://988lifeline.org (24 hours, every day)");
    expect(formatCrisisLine(line("cn-hope24"), "zh-CN")).toBe("希望24热线（全国生命危机干预热线）：拨打 400-161-9995（全天24小时）");
    expect(formatCrisisLine(line("intl-findahelpline"), "en")).toContain("visit https://findahelpline.com");
    expect(formatCrisisLine(line("intl-emergency"), "en")).toContain("112");
  });
});
