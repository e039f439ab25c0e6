/**
 * The rule half of the risk detector: explicit patterns with evidence spans. Pure and synchronous:
 * the same text and options always give the same assessment. ./detect-risk.ts combines it with the
 * trained classifier.
 *
 * 1. Every rule of every language whose script appears in the text is run over a normalised,
 *    same-length copy (offsets stay valid for the original).
 * 2. Risk matches that overlap an idiom mask are dropped ("die of embarrassment").
 * 3. Each remaining match gets a scope from the clause around it (./risk-context.ts): negated
 *    or fiction → none; someone else, a general question, or the past → low at most.
 * 4. Boosters raise current, first-person matches: a time ("tonight") in the same clause +1;
 *    a dangerous place or a stated decision anywhere → imminent; means together with another
 *    suicidal signal → imminent; a weapon near abuse +1 (abuse stops at high); a joke marker
 *    lowers threats against others. Each kind of booster raises a match at most once.
 * 5. The highest level wins; ties go to the more urgent category.
 */
import { messageFacts, scopeOf, clauseAround, sentenceAround, type Scope } from "./risk-context";
import { RISK_RULES, type BoostKind, type RiskRule } from "./risk-rules";
import { normaliseForMatching, scriptsPresent } from "../text/normalise";
import {
  type DetectRiskOptions,
  type RiskAssessment,
  type RiskCategory,
  type RiskEvidence,
  type RiskLanguage,
  type RiskLevel,
  isAtLeast,
  levelRank,
  minLevel,
  raiseLevel,
} from "./risk-types";

interface CompiledRule extends RiskRule {
  regex: RegExp;
}

function compile(rule: RiskRule): CompiledRule {
  const flags = rule.pattern.flags.includes("i") ? "gi" : "g";
  return { ...rule, regex: new RegExp(rule.pattern.source, flags) };
}

const RULES_BY_LANGUAGE: Readonly<Record<RiskLanguage, readonly CompiledRule[]>> = {
  en: RISK_RULES.filter((rule) => rule.lang === "en").map(compile),
  zh: RISK_RULES.filter((rule) => rule.lang === "zh").map(compile),
};

/** Ties at the same level go to the category that needs the most urgent response. */
const CATEGORY_URGENCY: readonly RiskCategory[] = [
  "suicide_plan",
  "medical_emergency",
  "means",
  "suicidal_ideation",
  "self_harm",
  "harm_to_others",
  "abuse",
  "none",
];

interface Hit {
  rule: CompiledRule;
  start: number;
  end: number;
  level: RiskLevel;
  category: RiskCategory;
  scope: Scope;
}

interface Match {
  rule: CompiledRule;
  start: number;
  end: number;
}

function findMatches(text: string, rules: readonly CompiledRule[], into: Match[]): void {
  for (const rule of rules) {
    const regex = rule.regex;
    regex.lastIndex = 0;
    for (let found = regex.exec(text); found !== null; found = regex.exec(text)) {
      if (found[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      into.push({ rule, start: found.index, end: found.index + found[0].length });
    }
  }
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

function effectiveLevel(level: RiskLevel, scope: Scope): RiskLevel {
  switch (scope) {
    case "current":
      return level;
    case "negated":
    case "fiction":
      return "none";
    default:
      return minLevel(level, "low");
  }
}

/** Crisis keywords a script adds (e.g. older `crisis_keywords`), compiled once per distinct list. */
const EXTRA_KEYWORD_CACHE = new Map<string, CompiledRule[]>();
const EXTRA_KEYWORD_CACHE_LIMIT = 64;

function extraKeywordRules(keywords: readonly string[]): CompiledRule[] {
  const cleaned = [...new Set(keywords.map((keyword) => keyword.trim()).filter((keyword) => keyword.length > 0))].sort();
  if (cleaned.length === 0) return [];
  const key = cleaned.join("\u0000");
  const cached = EXTRA_KEYWORD_CACHE.get(key);
  if (cached) return cached;
  const rules = cleaned.map((keyword): CompiledRule => {
    const normalised = normaliseForMatching(keyword);
    const escaped = normalised.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
    const source = `${/^\w/.test(normalised) ? "\\b" : ""}${escaped}${/\w$/.test(normalised) ? "\\b" : ""}`;
    const rule: RiskRule = {
      id: `extra:${keyword}`,
      lang: /[\u3400-\u9fff]/.test(normalised) ? "zh" : "en",
      kind: "risk",
      category: "suicidal_ideation",
      level: "high",
      subject: "topic",
      pattern: new RegExp(source, "i"),
    };
    return compile(rule);
  });
  if (EXTRA_KEYWORD_CACHE.size >= EXTRA_KEYWORD_CACHE_LIMIT) EXTRA_KEYWORD_CACHE.clear();
  EXTRA_KEYWORD_CACHE.set(key, rules);
  return rules;
}

const SUICIDAL: ReadonlySet<RiskCategory> = new Set(["suicidal_ideation", "suicide_plan", "means"]);

interface BoostEvidence {
  booster: Match;
  level: RiskLevel;
  category: RiskCategory;
}

/** Raises (or, for jokes, lowers) current first-person hits in place; returns evidence for the boosters used. */
function applyBoosters(text: string, hits: Hit[], boosters: readonly Match[]): BoostEvidence[] {
  const used: BoostEvidence[] = [];
  const current = hits.filter((hit) => hit.scope === "current" && hit.rule.subject !== "other" && hit.level !== "none");
  const byKind = (kind: BoostKind): Match[] => boosters.filter((booster) => booster.rule.boost === kind);
  const note = (booster: Match, hit: Hit, category: RiskCategory): void => {
    used.push({ booster, level: hit.level, category });
  };

  // A joke marker turns a threat against someone into banter ("I'll kill my brother lol").
  if (byKind("joke").length > 0) {
    for (const hit of current) if (hit.category === "harm_to_others") hit.level = minLevel(hit.level, "low");
  }

  const timed = new Set<Hit>();
  for (const booster of byKind("timing")) {
    const clause = clauseAround(text, booster.start);
    for (const hit of current) {
      if (timed.has(hit)) continue;
      // A passive wish with a time ("I don't want to wake up tomorrow") is still a wish, not a plan.
      const threshold: RiskLevel = hit.category === "suicidal_ideation" ? "high" : "medium";
      if (!["suicidal_ideation", "means", "harm_to_others", "abuse"].includes(hit.category) || !isAtLeast(hit.level, threshold)) continue;
      if (clauseAround(text, hit.start).start !== clause.start) continue;
      timed.add(hit);
      // Abuse tops out at high: danger from someone else, handled by the same protocol.
      hit.level = hit.category === "abuse" ? minLevel(raiseLevel(hit.level), "high") : raiseLevel(hit.level);
      note(booster, hit, hit.category === "harm_to_others" || hit.category === "abuse" ? hit.category : "suicide_plan");
    }
  }

  const armed = new Set<Hit>();
  for (const booster of byKind("weapon")) {
    const sentence = sentenceAround(text, booster.start);
    for (const hit of current) {
      if (armed.has(hit) || hit.category !== "abuse" || !isAtLeast(hit.level, "medium") || sentenceAround(text, hit.start).start !== sentence.start) continue;
      armed.add(hit);
      hit.level = minLevel(raiseLevel(hit.level), "high");
      note(booster, hit, "abuse");
    }
  }

  // Means plus any other suicidal signal (a wish, a plan, or a second kind of means) is preparation.
  // Weak means ("bought rope", low on its own) count here too: that is what they are kept for.
  const suicidal = current.filter((hit) => SUICIDAL.has(hit.category) && isAtLeast(hit.level, "medium"));
  for (const hit of current) {
    if (hit.category !== "means") continue;
    if (suicidal.some((other) => other.rule.id !== hit.rule.id)) {
      hit.level = "imminent";
      if (!suicidal.includes(hit)) suicidal.push(hit);
    }
  }

  const place = byKind("place")[0];
  if (place) {
    for (const hit of suicidal) {
      hit.level = "imminent";
      note(place, hit, "means");
    }
  }

  const decision = byKind("decision")[0];
  if (decision) {
    for (const hit of suicidal) {
      if (hit.category === "suicidal_ideation" && !isAtLeast(hit.level, "high")) continue;
      hit.level = "imminent";
      note(decision, hit, "suicide_plan");
    }
  }
  return used;
}

function mostUrgent(a: RiskCategory, b: RiskCategory): RiskCategory {
  return CATEGORY_URGENCY.indexOf(a) <= CATEGORY_URGENCY.indexOf(b) ? a : b;
}

/** The rules' verdict, and whether they set aside risk words as negated, fiction, someone else's, past or idiom. */
export interface RuleAssessment extends RiskAssessment {
  discounted: boolean;
}

const none = (discounted = false): RuleAssessment => ({ level: "none", category: "none", evidence: [], discounted });

export function detectRiskByRules(text: string, options: Omit<DetectRiskOptions, "context"> = {}): RuleAssessment {
  if (text.length === 0) return none();
  const scan = normaliseForMatching(text);
  const scripts = scriptsPresent(scan);

  const matches: Match[] = [];
  if (scripts.en || options.lang === "en") findMatches(scan, RULES_BY_LANGUAGE.en, matches);
  if (scripts.zh || options.lang === "zh") findMatches(scan, RULES_BY_LANGUAGE.zh, matches);
  if (options.extraKeywords && options.extraKeywords.length > 0) findMatches(scan, extraKeywordRules(options.extraKeywords), matches);
  if (matches.length === 0) return none();

  const maskMatches = matches.filter((match) => match.rule.kind === "mask");
  const boosters = matches.filter((match) => match.rule.kind === "booster");
  const riskMatches = matches.filter((match) => match.rule.kind === "risk" && !maskMatches.some((mask) => overlaps(mask, match)));
  const masked = matches.some((match) => match.rule.kind === "risk" && maskMatches.some((mask) => overlaps(mask, match)));
  if (riskMatches.length === 0 && maskMatches.every((mask) => mask.rule.level === "none")) return none(masked);

  const facts = messageFacts(scan);
  const hits: Hit[] = riskMatches.map((match) => {
    const scope = scopeOf(scan, facts, match, match.rule.subject ?? "speaker");
    return { ...match, scope, level: effectiveLevel(match.rule.level, scope), category: match.rule.category };
  });
  for (const mask of maskMatches) {
    if (mask.rule.level === "none") continue;
    const scope = scopeOf(scan, facts, mask, "other");
    // A low-level mask is already the reading "about something else / hyperbole": only negation or fiction removes it.
    hits.push({ ...mask, scope: "reported", level: scope === "negated" || scope === "fiction" ? "none" : mask.rule.level, category: mask.rule.category });
  }

  const discounted = masked || hits.some((hit) => hit.scope !== "current" && isAtLeast(hit.rule.level, "medium") && !isAtLeast(hit.level, "medium"));
  const boosted = applyBoosters(scan, hits, boosters);

  let level: RiskLevel = "none";
  let category: RiskCategory = "none";
  const evidence: RiskEvidence[] = [];
  const consider = (start: number, end: number, rule: string, hitLevel: RiskLevel, hitCategory: RiskCategory): void => {
    if (hitLevel === "none") return;
    if (levelRank(hitLevel) > levelRank(level)) {
      level = hitLevel;
      category = hitCategory;
    } else if (hitLevel === level) {
      category = mostUrgent(category, hitCategory);
    }
    if (!evidence.some((item) => item.start === start && item.end === end && item.rule === rule)) {
      evidence.push({ start, end, text: text.slice(start, end), rule });
    }
  };
  for (const hit of hits) consider(hit.start, hit.end, hit.rule.id, hit.level, hit.category);
  for (const boost of boosted) consider(boost.booster.start, boost.booster.end, boost.booster.rule.id, boost.level, boost.category);

  if (level === "none") return none(discounted);
  evidence.sort((a, b) => a.start - b.start || a.end - b.end);
  return { level, category, evidence, discounted };
}

/**
 * What the rules found, as classifier features: the level, the category, whether they set risk words
 * aside, and which rules matched. The classifier learns how far to trust each of them.
 */
export function ruleFindings(rules: RuleAssessment): string[] {
  return [`level:${rules.level}`, `category:${rules.category}`, ...(rules.discounted ? ["discounted"] : []), ...rules.evidence.map((item) => `rule:${item.rule}`)];
}
