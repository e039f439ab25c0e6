/**
 * Scores the detector against labelled messages: the figures the test asserts and the benchmark
 * prints. Pure: the caller reads the file.
 */
import { detectRisk } from "./detect-risk";
import { RISK_CATEGORIES, RISK_LEVELS, type RiskCategory, type RiskLanguage, type RiskLevel, isAtLeast } from "./risk-types";

export interface LabelledMessage {
  text: string;
  lang: RiskLanguage;
  expected_level: RiskLevel;
  category: RiskCategory;
  note: string;
}

export interface RiskEvaluation {
  total: number;
  /** Messages labelled high or imminent, and how many were detected at high or above. */
  positives: number;
  detectedPositives: number;
  recall: number;
  /** Messages labelled none or low, and how many were detected at medium or above. */
  negatives: number;
  falsePositives: number;
  falsePositiveRate: number;
  /** confusion[expected][detected] counts. */
  confusion: Record<RiskLevel, Record<RiskLevel, number>>;
  missed: LabelledMessage[];
  falseAlarms: { message: LabelledMessage; detected: RiskLevel }[];
}

function isLevel(value: unknown): value is RiskLevel {
  return typeof value === "string" && (RISK_LEVELS as readonly string[]).includes(value);
}

function isCategory(value: unknown): value is RiskCategory {
  return typeof value === "string" && (RISK_CATEGORIES as readonly string[]).includes(value);
}

/** One JSON object per line; throws with the line number on the first malformed line. */
export function parseLabelledMessages(jsonl: string): LabelledMessage[] {
  const messages: LabelledMessage[] = [];
  jsonl.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const value: unknown = JSON.parse(line);
    const row = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
    const { text, lang, expected_level: expected, category, note } = row;
    if (typeof text !== "string" || (lang !== "en" && lang !== "zh") || !isLevel(expected) || !isCategory(category) || typeof note !== "string") {
      throw new Error(`line ${index + 1}: expected {"text","lang":"en"|"zh","expected_level","category","note"}`);
    }
    messages.push({ text, lang, expected_level: expected, category, note });
  });
  return messages;
}

function emptyConfusion(): Record<RiskLevel, Record<RiskLevel, number>> {
  const row = (): Record<RiskLevel, number> => ({ none: 0, low: 0, medium: 0, high: 0, imminent: 0 });
  return { none: row(), low: row(), medium: row(), high: row(), imminent: row() };
}

export function evaluateRisk(messages: readonly LabelledMessage[]): RiskEvaluation {
  const confusion = emptyConfusion();
  const missed: LabelledMessage[] = [];
  const falseAlarms: { message: LabelledMessage; detected: RiskLevel }[] = [];
  let positives = 0;
  let detectedPositives = 0;
  let negatives = 0;
  for (const message of messages) {
    const detected = detectRisk(message.text, { lang: message.lang }).level;
    confusion[message.expected_level][detected]++;
    if (isAtLeast(message.expected_level, "high")) {
      positives++;
      if (isAtLeast(detected, "high")) detectedPositives++;
      else missed.push(message);
    } else if (!isAtLeast(message.expected_level, "medium")) {
      negatives++;
      if (isAtLeast(detected, "medium")) falseAlarms.push({ message, detected });
    }
  }
  return {
    total: messages.length,
    positives,
    detectedPositives,
    recall: positives === 0 ? 1 : detectedPositives / positives,
    negatives,
    falsePositives: falseAlarms.length,
    falsePositiveRate: negatives === 0 ? 0 : falseAlarms.length / negatives,
    confusion,
    missed,
    falseAlarms,
  };
}
