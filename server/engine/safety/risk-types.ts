/** The shapes the risk detector returns, and the ordering of levels. */
import type { MessageContext } from "./classifier/features";

export const RISK_LEVELS = ["none", "low", "medium", "high", "imminent"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_CATEGORIES = [
  "suicidal_ideation",
  "suicide_plan",
  "means",
  "self_harm",
  "harm_to_others",
  "abuse",
  "medical_emergency",
  "none",
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

export type RiskLanguage = "en" | "zh";

/** One matched span. Offsets are UTF-16 code units into the original text; `end` is exclusive. */
export interface RiskEvidence {
  start: number;
  end: number;
  text: string;
  /** Id of the rule (or `extra:<keyword>`) that matched. */
  rule: string;
}

export interface RiskAssessment {
  level: RiskLevel;
  category: RiskCategory;
  /**
   * Every span that contributed a level of `low` or more, in text order. Empty for `none`. When the
   * trained classifier alone set the level, one span covers the message with rule `classifier`.
   */
  evidence: RiskEvidence[];
  /** The classifier's calibrated probabilities, when it ran. */
  classifier?: { pHigh: number; pImminent: number; pSomeoneElse: number };
  /**
   * The message says another person is in danger now (they took an overdose and cannot be woken,
   * they have a weapon behind a locked door): the client is to be told how to get them help at
   * once, whatever the client's own level. Absent otherwise.
   */
  someoneElseUrgent?: true;
}

export interface DetectRiskOptions {
  /**
   * The client's language. A hint only: every language whose script appears in the text is
   * checked anyway, because bilingual clients mix ("我真的 want to die").
   */
  lang?: RiskLanguage;
  /** Extra crisis keywords (e.g. from a script's `crisis_keywords`), matched literally, case-insensitively. */
  extraKeywords?: readonly string[];
  /** The bot's last message and the client's previous one: "yes" to "are you thinking of ending your life?" is high. */
  context?: MessageContext;
}

export function levelRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

export function maxLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export function minLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return levelRank(a) <= levelRank(b) ? a : b;
}

/** One step up, capped at `imminent`. */
export function raiseLevel(level: RiskLevel): RiskLevel {
  return RISK_LEVELS[Math.min(levelRank(level) + 1, RISK_LEVELS.length - 1)] ?? "imminent";
}

export function isAtLeast(level: RiskLevel, threshold: RiskLevel): boolean {
  return levelRank(level) >= levelRank(threshold);
}
