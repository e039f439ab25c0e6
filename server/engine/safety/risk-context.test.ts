import { describe, expect, it } from "vitest";
import { clauseAround, isNegated, messageFacts, quoteOpenBefore, resolveSubject, scopeOf, sentenceAround } from "./risk-context";

const at = (text: string, needle: string) => {
  const start = text.indexOf(needle);
  return { start, end: start + needle.length };
};

describe("windows", () => {
  it("finds the sentence and the clause around an index", () => {
    const text = "I'm fine. But I want to die, honestly and I mean it";
    const { start } = at(text, "want");
    expect(text.slice(sentenceAround(text, start).start, sentenceAround(text, start).end)).toBe(" But I want to die, honestly and I mean it");
    const clause = clauseAround(text, start);
    expect(text.slice(clause.start, clause.end)).toBe(" I want to die");
  });

  it("splits Chinese on fullwidth punctuation (folded) and conjunctions", () => {
    const text = "以前想过死,但是现在好多了。";
    const clause = clauseAround(text, 2);
    expect(text.slice(clause.start, clause.end)).toBe("以前想过死");
  });
});

describe("isNegated", () => {
  const negated = (text: string, needle: string) => isNegated(text, at(text, needle).start, 0);
  it("sees a negation cue with only filler words before the match", () => {
    expect(negated("I would never kill myself", "kill")).toBe(true);
    expect(negated("I'm not really going to hurt myself", "hurt")).toBe(true);
    expect(negated("我不想死", "想死")).toBe(true);
    expect(negated("我从来没想过自杀", "自杀")).toBe(true);
  });
  it("does not reach across other words or clauses", () => {
    expect(negated("I can't tell anyone I want to die", "want")).toBe(false);
    expect(negated("I'm not okay, I want to die", "want")).toBe(false);
    expect(negated("I can't stop thinking about killing myself", "killing")).toBe(false);
    expect(negated("我不敢自杀", "自杀")).toBe(false);
  });
});

describe("resolveSubject", () => {
  const subject = (text: string, needle: string) => resolveSubject(text, 0, at(text, needle).start);
  it("takes the nearest person before the match", () => {
    expect(subject("my friend said she wants to die", "wants")).toBe("other");
    expect(subject("my friend is fine, I want to die", "want")).toBe("self");
    expect(subject("I told my mom I want to die", "want to")).toBe("self");
    expect(subject("he told me to kill myself", "kill")).toBe("other");
    expect(subject("want to die", "want")).toBe("unknown");
    expect(subject("我朋友说她想死", "想死")).toBe("other");
    expect(subject("我跟朋友说我想死", "想死")).toBe("self");
    expect(subject("朋友跟我说想死", "想死")).toBe("other");
  });
});

describe("quoteOpenBefore", () => {
  it("finds an open quotation but not apostrophes", () => {
    const text = "she said 'I want to die' and I don't";
    expect(quoteOpenBefore(text, 0, at(text, "want").start)).toBe(text.indexOf("'"));
    expect(quoteOpenBefore(text, 0, text.indexOf("don't") + 4)).toBeUndefined();
    const zh = "她说「我想死」";
    expect(quoteOpenBefore(zh, 0, zh.indexOf("想死"))).toBe(zh.indexOf("「"));
  });
});

describe("scopeOf", () => {
  const scope = (text: string, needle: string, kind: "speaker" | "topic" | "victim" = "speaker") => scopeOf(text, messageFacts(text), at(text, needle), kind);
  it("reads negation, media, reports, general questions and the past", () => {
    expect(scope("I'm not suicidal", "suicidal", "topic")).toBe("negated");
    expect(scope("in the movie he wants to die", "wants")).toBe("fiction");
    expect(scope("my sister wants to die", "wants")).toBe("reported");
    expect(scope("what are the warning signs of suicide", "suicide", "topic")).toBe("general");
    expect(scope("I used to want to die", "want to")).toBe("past");
    expect(scope("I wanted to die for years. I'm much better now", "wanted")).toBe("past");
    expect(scope("I'm much better now but last night I wanted to die again", "wanted")).toBe("current");
    expect(scope("I want to die", "want")).toBe("current");
  });
  it("does not take 睡过去 (fall asleep) for 过去 (the past)", () => {
    expect(scope("好想一觉睡过去不要醒", "不要醒")).toBe("current");
  });
});
