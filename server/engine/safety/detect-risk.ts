/**
 * The always-on risk detector: the rules (./rule-detector.ts: explicit patterns, evidence spans,
 * negation, idioms, someone else, the past) beside a trained classifier (./classifier/) that reads
 * what the rules were never written for. Pure and synchronous.
 *
 * - The classifier may raise the rules' level. It lowers a rule match only where it is very sure
 *   the match is a hard negative (below `veto`), and never an imminent one.
 * - Where the rules saw risk words and set them aside (negated, fiction, someone else, past, idiom),
 *   the classifier needs a stricter probability to overrule them: hard negatives hold for both.
 * - With context, the rules also read the previous client message and this one together, so risk
 *   split over two messages ("I've saved my pills" … "I think I'm ready") is caught; the classifier
 *   reads the bot's last message, so "yes" to "are you thinking of ending your life?" is high.
 */
import { classifyWith, type ClassifierVerdict, type RiskModel } from "./classifier/model";
import { riskModel } from "./classifier/shipped-model";
import { detectRiskByRules, ruleFindings, type RuleAssessment } from "./rule-detector";
import { type DetectRiskOptions, type RiskAssessment, type RiskCategory, type RiskLevel, isAtLeast, levelRank, maxLevel } from "./risk-types";

/** The rules' level once the classifier had its say on a hard negative (see `RiskThresholds.veto`). */
export function vetoedRuleLevel(rules: RuleAssessment, verdict: ClassifierVerdict, model: Pick<RiskModel, "thresholds">): RiskLevel {
  if (rules.level === "imminent" || !isAtLeast(rules.level, "medium")) return rules.level;
  return verdict.pMedium < model.thresholds.veto ? "low" : rules.level;
}

/** The classifier's level once the rules' hard-negative judgement is respected. */
export function classifierLevel(rules: RuleAssessment, verdict: ClassifierVerdict, model: Pick<RiskModel, "thresholds">): RiskLevel {
  if (!rules.discounted || isAtLeast(rules.level, "medium")) return verdict.level;
  return verdict.pHigh >= model.thresholds.overrule ? verdict.level : "none";
}

function categoryFor(level: RiskLevel, rules: RuleAssessment): RiskCategory {
  if (rules.category !== "none" && isAtLeast(rules.level, "medium")) return level === "imminent" && rules.category === "suicidal_ideation" ? "suicide_plan" : rules.category;
  return level === "imminent" ? "suicide_plan" : "suicidal_ideation";
}

/** Rules over the previous client message and this one together, kept only when joining them adds risk. */
function rulesAcrossMessages(text: string, previous: string, options: DetectRiskOptions, alone: RuleAssessment): RuleAssessment {
  const separator = "\n";
  const joined = detectRiskByRules(`${previous}${separator}${text}`, options);
  const before = detectRiskByRules(previous, options);
  if (levelRank(joined.level) <= levelRank(maxLevel(alone.level, before.level))) return alone;
  const offset = previous.length + separator.length;
  const evidence = joined.evidence
    .filter((item) => item.start >= offset)
    .map((item) => ({ ...item, start: item.start - offset, end: item.end - offset }));
  return { ...joined, evidence, discounted: alone.discounted };
}

/** The detector's level: the higher of the rules' (after a veto) and the classifier's (after the rules' hard negatives). */
export function combinedLevel(rules: RuleAssessment, verdict: ClassifierVerdict, model: Pick<RiskModel, "thresholds">): RiskLevel {
  return maxLevel(vetoedRuleLevel(rules, verdict, model), classifierLevel(rules, verdict, model));
}

export function combineRiskVerdicts(text: string, rules: RuleAssessment, verdict: ClassifierVerdict, model: Pick<RiskModel, "thresholds">): RiskAssessment {
  const fromClassifier = classifierLevel(rules, verdict, model);
  const fromRules = vetoedRuleLevel(rules, verdict, model);
  const classifier = { pHigh: verdict.pHigh, pImminent: verdict.pImminent };
  if (levelRank(fromClassifier) <= levelRank(fromRules)) return { level: fromRules, category: rules.category, evidence: rules.evidence, classifier };
  return {
    level: fromClassifier,
    category: categoryFor(fromClassifier, rules),
    evidence: [...rules.evidence, { start: 0, end: text.length, text, rule: "classifier" }].sort((a, b) => a.start - b.start || a.end - b.end),
    classifier,
  };
}

/** The rules' verdict on a message, across the previous client message when there is one. */
export function rulesInContext(text: string, options: DetectRiskOptions = {}): RuleAssessment {
  const { context, ...ruleOptions } = options;
  const alone = detectRiskByRules(text, ruleOptions);
  return context?.client ? rulesAcrossMessages(text, context.client, ruleOptions, alone) : alone;
}

export function detectRisk(text: string, options: DetectRiskOptions = {}): RiskAssessment {
  if (text.trim().length === 0) return { level: "none", category: "none", evidence: [] };
  const { context } = options;
  const rules = rulesInContext(text, options);
  const model = riskModel();
  return combineRiskVerdicts(text, rules, classifyWith(model, text, context, ruleFindings(rules)), model);
}
