import { describe, expect, it } from "vitest";
import type { ClassifierVerdict, RiskThresholds } from "./classifier/model";
import { combineRiskVerdicts, detectRisk, rulesInContext, type RuleReading } from "./detect-risk";
import { detectRiskByRules } from "./rule-detector";

const thresholds: RiskThresholds = { high: 0.7, imminent: 0.5, overrule: 0.95, veto: 0.05 };
const model = { thresholds };
const verdict = (level: ClassifierVerdict["level"], pHigh: number, pConcern = 0): ClassifierVerdict => ({ level, pHigh, pImminent: level === "imminent" ? pHigh : 0, pConcern });
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
});

describe("risk across two messages", () => {
  it("reads the previous client message and this one together, keeping only this message's spans", () => {
    const previous = "I've been saving up my sleeping pills for weeks.";
    const reply = "I've decided, I'm ready now";
    const alone = detectRiskByRules(reply);
    const together = rulesInContext(reply, { context: { client: previous } });
    expect(together.level).toBe("imminent");
    expect(alone.level).not.toBe("imminent");
    for (const span of together.evidence) expect(reply.slice(span.start, span.end)).toBe(span.text);
  });

  it("does not repeat the previous message's own risk on a calm reply", () => {
    const together = rulesInContext("thanks, talking helped a bit", { context: { client: "I want to kill myself" } });
    expect(together.level).toBe("none");
  });

  it("gives none for an empty or blank message", () => {
    expect(detectRisk("   ")).toEqual({ level: "none", category: "none", evidence: [] });
  });
});
