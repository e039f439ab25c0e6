/**
 * The trained risk classifier at run time: a multinomial logistic regression over hashed features
 * (./features.ts), weights quantised to int8 and shipped as a generated module (./model-data.ts,
 * written by `npm run safety:train`). Pure and synchronous; decoded once on first use.
 */
import { decodeLinearModel, encodeLinearModel, probabilities, type LinearModel, type SerializedLinearModel } from "../../classifier/linear";
import { RISK_LEVELS, type RiskLanguage, type RiskLevel } from "../risk-types";
import { messageFeatures, type MessageContext } from "./features";

const CLASSES = RISK_LEVELS.length;

/** Probability cut-offs on the calibrated scores, chosen on training writers only (see the datasheet). */
export interface RiskThresholds {
  /** P(medium or above). */
  medium: number;
  /** P(high or above). */
  high: number;
  /** P(imminent) / P(high or above): which of the two, once a message is at least high. */
  imminent: number;
  /** P(high or above) needed to overrule the rules where they set risk words aside (negated, someone else, past, idiom). */
  overrule: number;
  /**
   * Below this P(medium or above) a rule match at medium or high is taken as the hard negative the
   * classifier learnt it to be (an idiom, a clinical question, a recovered past) and stays low.
   * Never applied to imminent: an explicit plan or attempt always stands. 0 turns it off.
   */
  veto: number;
}

/** What training produces and the generated module stores. */
export interface SerializedRiskModel extends SerializedLinearModel {
  /** Per language: each is held to its own false-alarm budget. */
  thresholds: Record<RiskLanguage, RiskThresholds>;
}

export interface RiskModel extends LinearModel {
  readonly thresholds: Readonly<Record<RiskLanguage, RiskThresholds>>;
}

export interface ClassifierVerdict {
  level: RiskLevel;
  /** Calibrated probability of high or imminent. */
  pHigh: number;
  /** Calibrated probability of imminent. */
  pImminent: number;
  /** Calibrated probability of medium or above. */
  pMedium: number;
}

export function decodeRiskModel(serialized: SerializedRiskModel): RiskModel {
  return { ...decodeLinearModel(serialized), thresholds: serialized.thresholds };
}

/** Quantises float weights (`features.length × levels`, row-major) into the shipped form. */
export function encodeRiskModel(input: Parameters<typeof encodeLinearModel>[0] & { thresholds: Record<RiskLanguage, RiskThresholds> }): SerializedRiskModel {
  const { thresholds, ...linear } = input;
  if (linear.bias.length !== CLASSES) throw new Error(`a risk model has ${CLASSES} classes, not ${linear.bias.length}`);
  return { ...encodeLinearModel(linear), thresholds };
}

/** Level from calibrated class probabilities (ordered none…imminent) and the cut-offs. */
export function levelFromProbabilities(probabilities: readonly number[], thresholds: RiskThresholds): ClassifierVerdict {
  const at = (index: number): number => probabilities[index] ?? 0;
  const pImminent = at(4);
  const pHigh = pImminent + at(3);
  const pMedium = pHigh + at(2);
  const level: RiskLevel =
    pHigh >= thresholds.high ? (pImminent >= thresholds.imminent * pHigh ? "imminent" : "high") : pMedium >= thresholds.medium ? "medium" : "none";
  return { level, pHigh, pImminent, pMedium };
}

/** The classifier's verdict, judged by the cut-offs of the message's language. */
export function classifyWith(model: RiskModel, text: string, lang: RiskLanguage, context?: MessageContext, ruleFindings: readonly string[] = []): ClassifierVerdict {
  return levelFromProbabilities(probabilities(model, messageFeatures(text, context, ruleFindings)), model.thresholds[lang]);
}
