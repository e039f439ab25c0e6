import { describe, expect, it } from "vitest";
import type { CorpusMessage } from "./corpus";
import { conversationsOf, evaluateConversations } from "./risk-evaluation";
import type { RiskLevel } from "./risk-types";

const line = (text: string, label: RiskLevel, client?: string, writer = "w-test"): CorpusMessage => ({
  text,
  lang: "en",
  label,
  category: label === "none" ? "none" : "suicidal_ideation",
  kind: client === undefined ? "direct" : "context_reply",
  writer,
  ...(client === undefined ? {} : { context: { bot: "How are you?", client } }),
});

describe("conversationsOf", () => {
  it("joins a line to the one before when its context names that line, and starts again otherwise", () => {
    const lines = [line("I have the pills", "imminent"), line("ok", "high", "I have the pills"), line("hello", "none"), line("fine", "none", "something else"), line("ok", "none", "fine", "w-other")];
    expect(conversationsOf(lines).map((conversation) => conversation.map((message) => message.text))).toEqual([["I have the pills", "ok"], ["hello"], ["fine"], ["ok"]]);
  });
});

describe("evaluateConversations", () => {
  // A detector that sees only the explicit turn: the risk carried into "ok" is out of its view.
  const detect = (message: CorpusMessage): RiskLevel => (message.text.includes("pills") ? "imminent" : message.text === "whatever" ? "medium" : "none");

  it("counts a crisis turn caught when an earlier turn of its conversation opened the protocol, and not before", () => {
    const lines = [line("so tired", "medium"), line("I have the pills", "imminent", "so tired"), line("ok", "high", "I have the pills"), line("ok then", "high")];
    const result = evaluateConversations(lines, detect);
    expect(result.turns.detectedPositives).toBe(1);
    expect(result.crisisTurnsCaughtInConversation).toBe(2);
    expect(result.recallInConversation).toBeCloseTo(2 / 3);
    expect(result.crisisConversations).toBe(2);
    expect(result.caughtByFirstCrisis).toBe(1);
    expect(result.caughtAtAll).toBe(1);
  });

  it("does not credit an alarm that comes after the crisis turns", () => {
    const result = evaluateConversations([line("ok", "high"), line("the pills are gone now", "none", "ok")], detect);
    expect(result.crisisTurnsCaughtInConversation).toBe(0);
    expect(result.caughtAtAll).toBe(0);
  });

  it("counts safe conversations, and those in which any turn raised an alarm", () => {
    const result = evaluateConversations([line("hi", "none"), line("whatever", "low", "hi"), line("hello", "none"), line("sad", "medium")], detect);
    expect(result.safeConversations).toBe(2);
    expect(result.alarmedSafeConversations).toBe(1);
  });
});
