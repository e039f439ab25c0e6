/**
 * Scores a detector against labelled messages: the figures the tests assert and the benchmark
 * prints, overall, per language and per kind. Pure: the caller reads the corpus.
 */
import type { CorpusMessage } from "./corpus";
import { type RiskLevel, isAtLeast } from "./risk-types";

export interface RiskScore {
  total: number;
  /** Messages labelled high or imminent, and how many were detected at high or above. */
  positives: number;
  detectedPositives: number;
  recall: number;
  /** Messages labelled none or low, and how many were detected at medium or above. */
  negatives: number;
  falsePositives: number;
  falsePositiveRate: number;
}

export interface RiskEvaluation extends RiskScore {
  /** confusion[expected][detected] counts. */
  confusion: Record<RiskLevel, Record<RiskLevel, number>>;
  byLanguage: Record<string, RiskScore>;
  byKind: Record<string, RiskScore>;
  missed: { message: CorpusMessage; detected: RiskLevel }[];
  falseAlarms: { message: CorpusMessage; detected: RiskLevel }[];
}

function emptyScore(): RiskScore {
  return { total: 0, positives: 0, detectedPositives: 0, recall: 1, negatives: 0, falsePositives: 0, falsePositiveRate: 0 };
}

function count(score: RiskScore, expected: RiskLevel, detected: RiskLevel): void {
  score.total++;
  if (isAtLeast(expected, "high")) {
    score.positives++;
    if (isAtLeast(detected, "high")) score.detectedPositives++;
  } else if (!isAtLeast(expected, "medium")) {
    score.negatives++;
    if (isAtLeast(detected, "medium")) score.falsePositives++;
  }
  score.recall = score.positives === 0 ? 1 : score.detectedPositives / score.positives;
  score.falsePositiveRate = score.negatives === 0 ? 0 : score.falsePositives / score.negatives;
}

export function emptyConfusion(): Record<RiskLevel, Record<RiskLevel, number>> {
  const row = (): Record<RiskLevel, number> => ({ none: 0, low: 0, medium: 0, high: 0, imminent: 0 });
  return { none: row(), low: row(), medium: row(), high: row(), imminent: row() };
}

/** `detect` gives the level for a message (the combined detector, or one part of it for comparison). */
export function evaluateRisk(messages: readonly CorpusMessage[], detect: (message: CorpusMessage) => RiskLevel): RiskEvaluation {
  const evaluation: RiskEvaluation = { ...emptyScore(), confusion: emptyConfusion(), byLanguage: {}, byKind: {}, missed: [], falseAlarms: [] };
  for (const message of messages) {
    const detected = detect(message);
    evaluation.confusion[message.label][detected]++;
    count(evaluation, message.label, detected);
    count((evaluation.byLanguage[message.lang] ??= emptyScore()), message.label, detected);
    count((evaluation.byKind[message.kind] ??= emptyScore()), message.label, detected);
    if (isAtLeast(message.label, "high") && !isAtLeast(detected, "high")) evaluation.missed.push({ message, detected });
    if (!isAtLeast(message.label, "medium") && isAtLeast(detected, "medium")) evaluation.falseAlarms.push({ message, detected });
  }
  return evaluation;
}

