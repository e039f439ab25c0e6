import { describe, expect, it } from "vitest";
import type { ClassifierVerdict, RiskThresholds } from "./classifier/model";
import { combineRiskVerdicts, detectRisk, rulesInContext, withPreviousTurn, type RuleReading } from "./detect-risk";
import { detectRiskByRules } from "./rule-detector";
import { isAtLeast } from "./risk-types";

const thresholds: RiskThresholds = { high: 0.7, imminent: 0.5, overrule: 0.95, veto: 0.05, someoneElse: 0.5 };
const model = { thresholds };
const verdict = (level: ClassifierVerdict["level"], pHigh: number, pConcern = 0, pSomeoneElse = 0): ClassifierVerdict => ({ level, pHigh, pImminent: level === "imminent" ? pHigh : 0, pConcern, pSomeoneElse });
const rules = (assessment: Partial<RuleReading>): RuleReading => ({ level: "none", category: "none", evidence: [], discounted: false, contextDependent: false, ...assessment });

describe("combining the rules and the classifier", () => {
  it("lets the classifier raise the level, with the whole message as its evidence", () => {
    const text = "I won't be a problem for anyone much longer";
    const combined = combineRiskVerdicts(text, rules({}), verdict("high", 0.8), model);
    expect(combined.level).toBe("high");
    expect(combined.category).toBe("suicidal_ideation");
    expect(combined.evidence).toEqual([{ start: 0, end: text.length, text, rule: "classifier" }]);
    expect(combined.classifier?.pHigh).toBe(0.8);
  });

  it("keeps the rules' level, category and spans when the classifier says less", () => {
    const ruled = rulesInContext("I want to kill myself");
    const combined = combineRiskVerdicts("I want to kill myself", ruled, verdict("none", 0.3), model);
    expect(combined.level).toBe(ruled.level);
    expect(combined.evidence).toEqual(ruled.evidence);
  });

  it("needs a stricter probability to overrule what the rules set aside as a hard negative", () => {
    const setAside = rules({ discounted: true });
    expect(combineRiskVerdicts("I'm not going to kill myself", setAside, verdict("high", 0.9), model).level).toBe("none");
    expect(combineRiskVerdicts("I'm not going to kill myself, I'm going to do it tonight", setAside, verdict("high", 0.97), model).level).toBe("high");
  });

  it("reads someone else's emergency, and then needs the stricter probability to call it the client's own crisis", () => {
    const text = "my flatmate took all her sleeping tablets and won't wake up";
    const otherPerson = combineRiskVerdicts(text, rules({}), verdict("imminent", 0.9, 0, 0.6), model);
    expect(otherPerson).toMatchObject({ level: "none", someoneElseUrgent: true, classifier: { pSomeoneElse: 0.6 } });
    const ownToo = combineRiskVerdicts(text, rules({}), verdict("imminent", 0.97, 0, 0.6), model);
    expect(ownToo).toMatchObject({ level: "imminent", someoneElseUrgent: true });
    expect(combineRiskVerdicts(text, rules({}), verdict("imminent", 0.9, 0, 0.4), model)).toMatchObject({ level: "imminent" });
    expect(combineRiskVerdicts(text, rules({}), verdict("imminent", 0.9, 0, 0.4), model).someoneElseUrgent).toBeUndefined();
    // The rules' own reading of the client's risk stands either way.
    const ruled = rulesInContext("I want to kill myself");
    expect(combineRiskVerdicts("I want to kill myself", ruled, verdict("high", 0.9, 0, 0.6), model).level).toBe("high");
  });

  it("reads no one's emergency in a reply of a few words", () => {
    for (const text of ["on and off", "I'm fine.", "Call my sister", "没事"]) {
      expect(combineRiskVerdicts(text, rulesInContext(text), verdict("none", 0.1, 0, 0.99), model).someoneElseUrgent, text).toBeUndefined();
    }
  });

  it("leaves a short reply with nothing risky in or around it to the rules", () => {
    const ordinary = rulesInContext("goodbye", { context: { bot: "Thank you, Sam. Take care.", client: "fine" } });
    expect(ordinary.contextDependent).toBe(true);
    expect(combineRiskVerdicts("goodbye", ordinary, verdict("imminent", 0.99), model).level).toBe("none");
    const afterRisk = rulesInContext("goodbye", { context: { bot: "I'm here with you.", client: "I can't go on, I want to end my life" } });
    expect(afterRisk.contextDependent).toBe(false);
    expect(combineRiskVerdicts("goodbye", afterRisk, verdict("imminent", 0.99), model).level).toBe("imminent");
    const asked = rulesInContext("yes", { context: { bot: "Are you having thoughts of killing yourself?" } });
    expect(asked.contextDependent).toBe(false);
  });

  it("lets the classifier judge a short reply after all when the previous turn, read alone, is a crisis to it", () => {
    const leftToContext = rules({ contextDependent: true });
    expect(withPreviousTurn(leftToContext, undefined, model).contextDependent).toBe(true);
    expect(withPreviousTurn(leftToContext, 0.69, model).contextDependent).toBe(true);
    const judged = withPreviousTurn(leftToContext, 0.7, model);
    expect(judged.contextDependent).toBe(false);
    expect(combineRiskVerdicts("all of them", judged, verdict("imminent", 0.9), model).level).toBe("imminent");
    expect(combineRiskVerdicts("all of them", leftToContext, verdict("imminent", 0.9), model).level).toBe("none");
  });

  it("lets a very sure classifier keep a rule match on a hard negative low, but never an imminent one", () => {
    const high = rules({ level: "high", category: "suicidal_ideation", evidence: [{ start: 0, end: 4, text: "kill", rule: "en.kill" }] });
    expect(combineRiskVerdicts("kill it", high, verdict("none", 0.01), model).level).toBe("low");
    expect(combineRiskVerdicts("kill it", high, verdict("none", 0.2), model).level).toBe("high");
    // Sure it is no crisis, and reading a passive wish: the match becomes a medium check-in, not nothing.
    const passive = rules({ level: "medium", category: "suicidal_ideation", evidence: [{ start: 15, end: 24, text: "disappear", rule: "en.passive" }] });
    expect(combineRiskVerdicts("I wish I could disappear", passive, verdict("none", 0.01, 0.8), model).level).toBe("medium");
    expect(combineRiskVerdicts("I wish I could disappear", passive, verdict("none", 0.01, 0.1), model).level).toBe("low");
    expect(combineRiskVerdicts("kill it", high, verdict("none", 0.01, 0.8), model).level).toBe("medium");
    const imminent = rules({ level: "imminent", category: "suicide_plan" });
    expect(combineRiskVerdicts("tonight I jump", imminent, verdict("none", 0.01), model).level).toBe("imminent");
  });

  it("vetoes a rule match only when its own words read as no crisis too, not for the ordinary question before it", () => {
    const explicit = rules({ level: "high", category: "suicidal_ideation", evidence: [{ start: 0, end: 4, text: "我想自杀", rule: "zh.suicide" }] });
    // In context the classifier reads little (an intake question is mostly followed by ordinary answers); alone it is sure.
    expect(combineRiskVerdicts("我想自杀", explicit, { ...verdict("none", 0.01), pHighAlone: 0.99 }, model).level).toBe("high");
    expect(combineRiskVerdicts("我想自杀", explicit, { ...verdict("none", 0.01), pHighAlone: 0.01 }, model).level).toBe("low");
  });
});

describe("risk across two messages", () => {
  it("judges a short reply when the previous turn is a crisis only the classifier reads, and leaves it alone after an ordinary one", () => {
    const where = "Thanks for telling me. Where are you right now?";
    expect(detectRiskByRules("i can't do this anymore. i'm done", { lang: "en" }).level).toBe("none");
    expect(detectRisk("on the bridge", { lang: "en", context: { bot: where, client: "i can't do this anymore. i'm done" } }).level).toBe("imminent");
    expect(detectRisk("on the bridge", { lang: "en", context: { bot: where, client: "long shift, just knackered" } }).level).toBe("none");
    expect(detectRisk("on the bridge", { lang: "en", context: { bot: where } }).level).toBe("none");
    const whereZh = "我在这里陪着你。你现在在哪里？";
    expect(detectRiskByRules("我真的不想再撑下去了", { lang: "zh" }).level).toBe("none");
    expect(isAtLeast(detectRisk("楼顶", { lang: "zh", context: { bot: whereZh, client: "我真的不想再撑下去了" } }).level, "high")).toBe(true);
    expect(detectRisk("楼顶", { lang: "zh", context: { bot: whereZh, client: "刚下班，有点累" } }).level).toBe("none");
  });

  it("reads the previous client message and this one together, keeping only this message's spans", () => {
    const previous = "I've been saving up my sleeping pills for weeks.";
    const reply = "I've decided, I'm ready now";
    const alone = detectRiskByRules(reply);
    const together = rulesInContext(reply, { context: { client: previous } });
    expect(together.level).toBe("imminent");
    expect(alone.level).not.toBe("imminent");
    for (const span of together.evidence) expect(reply.slice(span.start, span.end)).toBe(span.text);
  });

  it("keeps an explicit statement high after an ordinary question, as it is alone", () => {
    for (const [text, bot, lang] of [
      ["我想自杀", "是什么让你决定今天来聊一聊的？", "zh"],
      ["I want to kill myself", "What brings you here today?", "en"],
      ["I've been planning to end my life", "How has your sleep been this week?", "en"],
    ] as const) {
      expect(isAtLeast(detectRisk(text, { lang }).level, "high")).toBe(true);
      expect(isAtLeast(detectRisk(text, { lang, context: { bot, client: "小林" } }).level, "high")).toBe(true);
    }
  });

  it("does not repeat the previous message's own risk on a calm reply", () => {
    const together = rulesInContext("thanks, talking helped a bit", { context: { client: "I want to kill myself" } });
    expect(together.level).toBe("none");
  });

  it("gives none for an empty or blank message", () => {
    expect(detectRisk("   ")).toEqual({ level: "none", category: "none", evidence: [] });
  });
});
