import { describe, expect, it } from "vitest";
import { constantTruth } from "./analyse";
import { evaluateCondition } from "./evaluate";
import { parseCondition } from "./parse";

function check(text: string, values: Record<string, unknown> = {}): boolean {
  const result = parseCondition(text);
  if (!result.ok) throw new Error(result.message);
  return evaluateCondition(result.ast, (name) => values[name]);
}

describe("evaluateCondition", () => {
  it("compares numbers, text and booleans", () => {
    expect(check("score >= 10", { score: 12 })).toBe(true);
    expect(check("score >= 10", { score: 9 })).toBe(false);
    expect(check("mood == 'low'", { mood: "low" })).toBe(true);
    expect(check("mood == 'low'", { mood: "Low" })).toBe(false);
    expect(check("ready == true", { ready: true })).toBe(true);
    expect(check("'apple' < 'banana'")).toBe(true);
  });

  it("compares numeric text as numbers and boolean text as booleans", () => {
    expect(check("score >= 10", { score: "12" })).toBe(true);
    expect(check("score == 12", { score: " 12 " })).toBe(true);
    expect(check("ready == true", { ready: "TRUE" })).toBe(true);
    expect(check("score > 3", { score: "many" })).toBe(false);
  });

  it("treats an unset variable as unset: equal only to null, every other comparison false, != its negation", () => {
    expect(check("mood == 'low'")).toBe(false);
    expect(check("mood != 'low'")).toBe(true);
    expect(check("risk_level != 'high'")).toBe(true);
    expect(check("score > 1")).toBe(false);
    expect(check("score <= 1")).toBe(false);
    expect(check("mood in ['low']")).toBe(false);
    expect(check("mood not in ['low']")).toBe(false);
    expect(check("reply contains 'x'")).toBe(false);
    expect(check("mood == null")).toBe(true);
    expect(check("mood")).toBe(false);
    expect(check("not mood")).toBe(true);
  });

  it("short-circuits and/or and negates with not/!", () => {
    expect(check("a and b", { a: true, b: false })).toBe(false);
    expect(check("a or b", { a: false, b: 1 })).toBe(true);
    expect(check("!a", { a: "" })).toBe(true);
    expect(check("not (a and b)", { a: true, b: true })).toBe(false);
  });

  it("tests membership with in and contains, case-insensitively for text search", () => {
    expect(check("band in ['moderate', 'severe']", { band: "severe" })).toBe(true);
    expect(check("band not in ['moderate', 'severe']", { band: "mild" })).toBe(true);
    expect(check("2 in scores", { scores: [1, 2, 3] })).toBe(true);
    expect(check("topics contains 'sleep'", { topics: ["work", "sleep"] })).toBe(true);
    expect(check("reply contains 'Suicide'", { reply: "thinking about suicide" })).toBe(true);
    expect(check("reply not contains 'sleep'", { reply: "I slept well" })).toBe(true);
    expect(check("'sleep' in reply", { reply: "no sleep lately" })).toBe(true);
  });

  it("uses truthiness for bare variables", () => {
    expect(check("x", { x: 0 })).toBe(false);
    expect(check("x", { x: "  " })).toBe(false);
    expect(check("x", { x: [] })).toBe(false);
    expect(check("x", { x: ["a"] })).toBe(true);
    expect(check("x", { x: { a: 1 } })).toBe(true);
  });

  it("reads ${name} like name", () => {
    expect(check("${score} > 3", { score: 4 })).toBe(true);
  });
});

describe("constantTruth", () => {
  const truth = (text: string) => {
    const result = parseCondition(text);
    if (!result.ok) throw new Error(result.message);
    return constantTruth(result.ast);
  };

  it("finds conditions that never hold", () => {
    expect(truth("false")).toBe(false);
    expect(truth("1 == 2")).toBe(false);
    expect(truth("x == 1 and false")).toBe(false);
    expect(truth("not true")).toBe(false);
    expect(truth("'a' in []")).toBe(false);
  });

  it("finds conditions that always hold, and leaves variable ones undecided", () => {
    expect(truth("true or x")).toBe(true);
    expect(truth("2 > 1")).toBe(true);
    expect(truth("x == 1")).toBeUndefined();
    expect(truth("x or false")).toBeUndefined();
  });
});
