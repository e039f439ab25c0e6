import { describe, expect, it } from "vitest";
import { RULES } from "./guardrail-rules";
import { openEnded, openEndedUnion, openMatchStart } from "./open-match";

const startOf = (pattern: RegExp, text: string) => openEnded(pattern).exec(text)?.index;
const union = (patterns: RegExp[], text: string) => Math.min(...openEndedUnion(patterns).map((p) => p.exec(text)?.index ?? text.length));

describe("openEnded", () => {
  const youHave = /\byou (?:really )?have (?:depression|anxiety)\b/gi;

  it("finds a match the end of the text cut short, at any point of it", () => {
    expect(startOf(youHave, "Well, y")).toBe(6);
    expect(startOf(youHave, "Well, you have dep")).toBe(6);
    expect(startOf(youHave, "Well, you really ")).toBe(6);
  });

  it("finds finished matches as the original does, case and all", () => {
    expect(startOf(youHave, "So YOU HAVE ANXIETY, then")).toBe(3);
  });

  it("finds nothing before the end where no continuation can match", () => {
    // Only the empty match at the very end: all of the text can be sent.
    expect(startOf(youHave, "Thank you for this")).toBe("Thank you for this".length);
    expect(startOf(youHave, "you hav a")).toBe("you hav a".length);
  });

  it("keeps quantifier bounds and classes", () => {
    const dose = /\b\d+\s?mg\b/g;
    expect(startOf(dose, "take 50 m")).toBe(5);
    expect(startOf(dose, "take 50 g")).toBe(9);
  });

  it("drops negative lookaheads, since they may fail on text not seen yet", () => {
    const anxiety = /anxiety(?! about)/g;
    expect(startOf(anxiety, "anxiety about")).toBe(0);
  });

  it("works on Unicode patterns", () => {
    const zh = /你(?:可能)?有抑郁症/gu;
    expect(startOf(zh, "我想你可")).toBe(2);
    expect(startOf(zh, "你好")).toBe(2);
  });

  it("joins patterns by their flags; the first match of the union is the earliest of any", () => {
    const patterns = [/\btake \d+ pills\b/gi, /\bhow to hurt\b/gi, /你有抑郁症/gu];
    expect(openEndedUnion(patterns)).toHaveLength(2);
    expect(union(patterns, "I wonder how to")).toBe(9);
    expect(union(patterns, "Then take 2 and how")).toBe(16);
    expect(union(patterns, "Then take 2")).toBe(5);
    expect(union(patterns, "我想你")).toBe(2);
  });

  it("refuses what it cannot open soundly", () => {
    expect(() => openEnded(/(a)\1/)).toThrow(/Backreference/);
  });
});

describe("openMatchStart", () => {
  const patterns = RULES.map((rule) => rule.pattern);
  const unions = openEndedUnion(patterns);
  const fromUnion = (text: string, from: number) =>
    Math.min(
      text.length,
      ...unions.map((pattern) => {
        pattern.lastIndex = from;
        return pattern.exec(text)?.index ?? text.length;
      }),
    );

  it("gives the union's first match, for every prefix of a text and places to start from", () => {
    const start = openMatchStart(patterns);
    const texts = [
      "Thank you for telling me. It sounds like you have depression, and you should take 50 mg.",
      "i promise you'll feel better; no one would miss you. this therapy will cure your anxiety",
      "听起来你有抑郁症，你可以每天吃两片药。我保证你会好起来的。",
      "It's 10:30 😀 you're clinically depressed? 你一定会好起来 these are signs of ptsd",
    ];
    for (const text of texts) {
      for (let end = 0; end <= text.length; end++) {
        const prefix = text.slice(0, end);
        for (let from = 0; from <= end; from += 7) expect(start(prefix, from)).toBe(fromUnion(prefix, from));
      }
    }
  });

  it("skips a language whose first characters are not in the text, and still finds the other", () => {
    const start = openMatchStart([/\bhow to (?:die|hurt yourself)\b/gi, /你有抑郁症/gu]);
    expect(start("I wonder how to", 0)).toBe(9);
    expect(start("I wonder how we", 0)).toBe(15);
    expect(start("我想你", 0)).toBe(2);
    expect(start("我想你们好", 0)).toBe(5);
  });

  it("searches every place when a pattern can match empty", () => {
    const start = openMatchStart([/x*y?/g, /abc/gi]);
    expect(start("zzz", 0)).toBe(0);
    expect(start("zzab", 1)).toBe(1);
  });
});
