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
import { classifyWith, CONCERN_CUTOFF, type ClassifierVerdict, type RiskThresholds } from "./classifier/model";
import { foldText, mainLanguage, normaliseForMatching } from "../text/normalise";
import type { MessageContext } from "./classifier/features";
import { riskModel } from "./classifier/shipped-model";
import { detectRiskByRules, ruleFindings, type RuleAssessment } from "./rule-detector";
import { type DetectRiskOptions, type RiskAssessment, type RiskCategory, type RiskLevel, isAtLeast, levelRank, maxLevel } from "./risk-types";

/** The cut-offs of the message's language. */
export interface LanguageCutoffs {
  thresholds: RiskThresholds;
}

/** A rule match the classifier may veto: at medium or high (an explicit plan or attempt always stands). */
const isVetoable = (rules: RuleReading): boolean => isAtLeast(rules.level, "medium") && rules.level !== "imminent";

/**
 * The rules' level once the classifier had its say (see `RiskThresholds.veto`): a match at medium
 * or high it reads as no crisis becomes medium when it reads a passive wish, else low. The match
 * is in the message's own words, so they must read as no crisis alone as well as in context: an
 * ordinary question before "我想自杀" (what brought you here today?) must not veto it, however
 * often such questions are followed by ordinary answers.
 */
export function vetoedRuleLevel(rules: RuleReading, verdict: ClassifierVerdict, cutoffs: LanguageCutoffs): RiskLevel {
  if (!isVetoable(rules)) return rules.level;
  if (Math.max(verdict.pHigh, verdict.pHighAlone ?? 0) >= cutoffs.thresholds.veto) return rules.level;
  return verdict.pConcern >= CONCERN_CUTOFF ? "medium" : "low";
}

/**
 * The classifier's level once the rules' judgement is respected. Where they set risk words aside as
 * a hard negative, or the someone-else model reads another person's emergency (whose crisis it then
 * is), it needs the stricter `overrule` probability. A reply too short to mean anything
 * alone ("goodbye", "tonight", "I'm ready"), with no risk words and nothing around it that speaks of
 * risk, it leaves alone: the corpus teaches it that such words end crisis conversations, and in an
 * ordinary one they end ordinary ones.
 */
export function classifierLevel(rules: RuleReading, verdict: ClassifierVerdict, cutoffs: LanguageCutoffs): RiskLevel {
  if (isAtLeast(rules.level, "medium")) return verdict.level;
  if (rules.contextDependent) return "none";
  if (!rules.discounted && !someoneElseUrgent(verdict, cutoffs)) return verdict.level;
  return verdict.pHigh >= cutoffs.thresholds.overrule ? verdict.level : "none";
}

/** The someone-else model reads another person in danger now. */
const someoneElseUrgent = (verdict: ClassifierVerdict, cutoffs: LanguageCutoffs): boolean => verdict.pSomeoneElse >= cutoffs.thresholds.someoneElse;

function categoryFor(level: RiskLevel, rules: RuleReading): RiskCategory {
  if (rules.category !== "none" && isAtLeast(rules.level, "medium")) return level === "imminent" && rules.category === "suicidal_ideation" ? "suicide_plan" : rules.category;
  return level === "imminent" ? "suicide_plan" : "suicidal_ideation";
}

/** Rules over the previous client message and this one together, kept only when joining them adds risk. */
function rulesAcrossMessages(text: string, previous: string, before: RuleAssessment, options: DetectRiskOptions, alone: RuleAssessment): RuleAssessment {
  const separator = "\n";
  const joined = detectRiskByRules(`${previous}${separator}${text}`, options);
  if (levelRank(joined.level) <= levelRank(maxLevel(alone.level, before.level))) return alone;
  const offset = previous.length + separator.length;
  const evidence = joined.evidence
    .filter((item) => item.start >= offset)
    .map((item) => ({ ...item, start: item.start - offset, end: item.end - offset }));
  return { ...joined, evidence, discounted: alone.discounted };
}

/** The detector's level: the higher of the rules' (after a veto) and the classifier's (after the rules' hard negatives). */
export function combinedLevel(rules: RuleReading, verdict: ClassifierVerdict, cutoffs: LanguageCutoffs): RiskLevel {
  return maxLevel(vetoedRuleLevel(rules, verdict, cutoffs), classifierLevel(rules, verdict, cutoffs));
}

export function combineRiskVerdicts(text: string, rules: RuleReading, verdict: ClassifierVerdict, cutoffs: LanguageCutoffs): RiskAssessment {
  const fromClassifier = classifierLevel(rules, verdict, cutoffs);
  const fromRules = vetoedRuleLevel(rules, verdict, cutoffs);
  const classifier = { pHigh: verdict.pHigh, pImminent: verdict.pImminent, pSomeoneElse: verdict.pSomeoneElse };
  // A reply of a few words is no one's emergency ("on and off", "I'm fine.", "call my sister"):
  // with so little to go on, the someone-else model errs.
  const someoneElse = !isShortReply(text) && someoneElseUrgent(verdict, cutoffs) ? { someoneElseUrgent: true as const } : {};
  if (levelRank(fromClassifier) <= levelRank(fromRules)) return { level: fromRules, category: rules.category, evidence: rules.evidence, classifier, ...someoneElse };
  return {
    level: fromClassifier,
    category: categoryFor(fromClassifier, rules),
    evidence: [...rules.evidence, { start: 0, end: text.length, text, rule: "classifier" }].sort((a, b) => a.start - b.start || a.end - b.end),
    classifier,
    ...someoneElse,
  };
}

/** The rules' verdict on a message in its conversation. */
export interface RuleReading extends RuleAssessment {
  /** A short reply with no risk words of its own, after a bot message and client message with none either. */
  contextDependent: boolean;
  /** The rules' verdict on the client's previous turn read alone, when there is one. */
  previousTurn?: RuleAssessment;
}

const CJK_CHAR = /[\u3400-\u9fff\uf900-\ufaff]/gu;
const LATIN_WORD = /[a-z']+/giu;

/** A few words, or a few Chinese characters: too little to carry risk without its context. */
function isShortReply(text: string): boolean {
  const folded = foldText(text);
  return (folded.match(LATIN_WORD)?.length ?? 0) <= 3 && (folded.match(CJK_CHAR)?.length ?? 0) <= 4;
}

/**
 * What a bot's question about risk talks of: the words of safety questions, screening items and the
 * protocol ("are you having thoughts of ending your life?", "do you have a plan?", "are you safe?",
 * "你现在有伤害自己的想法吗"). Broad on purpose: it only lets the classifier judge a short reply.
 */
const RISK_TOPIC =
  /\b(?:suicid\w*|kill(?:ing)?\s+(?:your|my)sel(?:f|ves)|end(?:ing)?\s+(?:your|my)\s+(?:own\s+)?life|take\s+your\s+(?:own\s+)?life|(?:hurt|harm)(?:ing)?\s+yourself|self[-\s]?harm\w*|better\s+off\s+dead|die|dying|dead|death|overdos\w*|plan|pills?|tablets|means|safe(?:ty)?|weapons?|guns?|rope|bridge|jump\w*|cut(?:ting)?|danger\w*|crisis|do\s+it|act\s+on\s+(?:them|it|these|those)|thoughts?\s+of)\b|自杀|轻生|伤害自己|结束.{0,4}生命|想死|不想活|死|计划|药|安全|跳|割|刀|绳|危险/iu;

function contextSpeaksOfRisk(context: MessageContext | undefined, previousTurn: RuleAssessment | undefined): boolean {
  if (context?.bot && RISK_TOPIC.test(normaliseForMatching(context.bot))) return true;
  return Boolean(previousTurn && isAtLeast(previousTurn.level, "medium"));
}

/** The rules' verdict on a message, across the previous client message when there is one. */
export function rulesInContext(text: string, options: DetectRiskOptions = {}): RuleReading {
  const { context, ...ruleOptions } = options;
  const alone = detectRiskByRules(text, ruleOptions);
  const previousTurn = context?.client ? detectRiskByRules(context.client, ruleOptions) : undefined;
  const rules = context?.client && previousTurn ? rulesAcrossMessages(text, context.client, previousTurn, ruleOptions, alone) : alone;
  const contextDependent = rules.evidence.length === 0 && isShortReply(text) && !contextSpeaksOfRisk(context, previousTurn);
  return { ...rules, contextDependent, ...(previousTurn ? { previousTurn } : {}) };
}

/**
 * A short reply the rules left to its context (`contextDependent`) is judged by the classifier after
 * all when the client's previous turn, read alone, is a crisis to the classifier: "all of them"
 * after "took the tablets an hour ago", "周六" after the day was chosen. The rules' own look at that
 * turn sees only what they were written for. `previousCrisis` is that turn's P(high or above).
 */
export function withPreviousTurn(rules: RuleReading, previousCrisis: number | undefined, cutoffs: LanguageCutoffs): RuleReading {
  return rules.contextDependent && previousCrisis !== undefined && previousCrisis >= cutoffs.thresholds.high ? { ...rules, contextDependent: false } : rules;
}

export function detectRisk(text: string, options: DetectRiskOptions = {}): RiskAssessment {
  if (text.trim().length === 0) return { level: "none", category: "none", evidence: [] };
  const { context } = options;
  const model = riskModel();
  const lang = mainLanguage(text, options.lang);
  const cutoffs = { thresholds: model.thresholds[lang] };
  const ruled = rulesInContext(text, options);
  // The previous turn is read alone, with the rules' findings on it, as training reads it.
  const previousCrisis =
    ruled.contextDependent && context?.client && ruled.previousTurn
      ? classifyWith(model, context.client, lang, undefined, ruleFindings(ruled.previousTurn), { readConcern: false }).pHigh
      : undefined;
  const rules = withPreviousTurn(ruled, previousCrisis, cutoffs);
  const verdict = classifyWith(model, text, lang, context, ruleFindings(rules), { readConcern: isVetoable(rules) });
  return combineRiskVerdicts(text, rules, verdict, cutoffs);
}
