/**
 * The trained risk classifier at run time: three logistic regressions over the same hashed features
 * (./features.ts), weights quantised to int8 and shipped in a model file (./shipped-model.ts,
 * written by `npm run safety:train`). Pure and synchronous; decoded once on first use.
 *
 * - The alarm model reads whether a message is a crisis (high or imminent) or not (none or low).
 *   Medium lines are not learnt: writers disagree most about them. The model that learnt the five
 *   levels spent itself on borders that do not decide an alarm (none or low, high or imminent,
 *   medium or either side), and caught fewer crises at the same false alarms. Out of fold on the
 *   training writers, at 8 % false alarms: 83.1 % (five levels), 82.7 % (safe, medium, crisis, with
 *   medium learnt lightly), 84.8 % (this); at 5 %: 73.6, 72.5 and 77.0 %. Medium is the rules'.
 * - The imminence model, learnt from crisis lines only, reads which of the two a crisis is.
 * - The concern model, learnt from the other lines, reads whether a message that is no crisis is
 *   a passive wish or urge held back (medium) or nothing of the kind (none, low), from its own
 *   words (not its context). It decides what a
 *   rule match the alarm model vetoes becomes: "I wish I could go to sleep and not wake up" stays
 *   medium, an idiom goes to low.
 * - The someone-else model reads whether the message says another person is in danger now (an
 *   overdose they cannot wake from, a weapon in a locked room): not the client's crisis, and still
 *   one to act on (see the safety gate's emergency guidance). Learnt from annotated lines
 *   (data/safety/annotations/), every other line as no.
 */
import { decodeLinearModel, encodeLinearModel, probabilities, type LinearModel, type SerializedLinearModel } from "../../classifier/linear";
import type { RiskLanguage, RiskLevel } from "../risk-types";
import { messageFeatures, type MessageContext } from "./features";

/** The alarm model's classes, in order. */
export const ALARM_CLASSES = ["safe", "crisis"] as const;
/** The imminence model's classes, in order. */
export const IMMINENCE_CLASSES = ["high", "imminent"] as const;
/** The concern model's classes, in order. */
export const CONCERN_CLASSES = ["safe", "medium"] as const;
/** The someone-else model's classes, in order. */
export const SOMEONE_ELSE_CLASSES = ["no", "urgent"] as const;

/** P(medium | no crisis) from which a vetoed rule match stays medium: the concern model's own decision. */
export const CONCERN_CUTOFF = 0.5;

/** Probability cut-offs on the calibrated scores, chosen on training writers only (see the datasheet). */
export interface RiskThresholds {
  /** P(high or above) for the classifier to call a message a crisis. */
  high: number;
  /** P(imminent | high or above): which of the two, once a message is a crisis. */
  imminent: number;
  /** P(high or above) needed to overrule the rules where they set risk words aside (negated, someone else, past, idiom). */
  overrule: number;
  /**
   * Below this P(high or above) a rule match at medium or high is taken as no crisis: it becomes
   * medium when the concern model reads a passive wish, else low (the hard negative the classifier
   * learnt it to be: an idiom, a clinical question, a recovered past). Never applied to imminent:
   * an explicit plan or attempt always stands. 0 turns it off.
   */
  veto: number;
  /** P(another person in danger now) from which the message is read as someone else's emergency. */
  someoneElse: number;
}

/** What training produces and the model file stores: the alarm model, with the imminence, concern and someone-else models beside it. */
export interface SerializedRiskModel extends SerializedLinearModel {
  imminence: SerializedLinearModel;
  concern: SerializedLinearModel;
  someoneElse: SerializedLinearModel;
  /** Per language: each is held to its own false-alarm budget. */
  thresholds: Record<RiskLanguage, RiskThresholds>;
}

export interface RiskModel extends LinearModel {
  readonly imminence: LinearModel;
  readonly concern: LinearModel;
  readonly someoneElse: LinearModel;
  readonly thresholds: Readonly<Record<RiskLanguage, RiskThresholds>>;
}

export interface ClassifierVerdict {
  /** The classifier's level: it never says low or medium. */
  level: RiskLevel;
  /** Calibrated probability of high or imminent. */
  pHigh: number;
  /** Calibrated probability of imminent (P(high or above) × P(imminent | high or above)); 0 when no crisis. */
  pImminent: number;
  /** Calibrated P(medium | no crisis): a passive wish rather than nothing (0 when not read). */
  pConcern: number;
  /**
   * Calibrated P(high or above) of the message's own words, without its context: read for a rule
   * match the context would have the classifier veto (see detect-risk.ts), absent otherwise.
   */
  pHighAlone?: number;
  /** Calibrated P(another person in danger now). */
  pSomeoneElse: number;
}

export function decodeRiskModel(serialized: SerializedRiskModel): RiskModel {
  return {
    ...decodeLinearModel(serialized),
    imminence: decodeLinearModel(serialized.imminence),
    concern: decodeLinearModel(serialized.concern),
    someoneElse: decodeLinearModel(serialized.someoneElse),
    thresholds: serialized.thresholds,
  };
}

type LinearInput = Parameters<typeof encodeLinearModel>[0];

/** Quantises the four models' float weights into the shipped form. */
export function encodeRiskModel(
  input: LinearInput & { imminence: LinearInput; concern: LinearInput; someoneElse: LinearInput; thresholds: Record<RiskLanguage, RiskThresholds> },
): SerializedRiskModel {
  const { thresholds, imminence, concern, someoneElse, ...alarm } = input;
  const expect = (name: string, model: LinearInput, classes: readonly string[]): void => {
    if (model.bias.length !== classes.length) throw new Error(`the ${name} model has ${classes.length} classes, not ${model.bias.length}`);
  };
  expect("alarm", alarm, ALARM_CLASSES);
  expect("imminence", imminence, IMMINENCE_CLASSES);
  expect("concern", concern, CONCERN_CLASSES);
  expect("someone-else", someoneElse, SOMEONE_ELSE_CLASSES);
  return { ...encodeLinearModel(alarm), imminence: encodeLinearModel(imminence), concern: encodeLinearModel(concern), someoneElse: encodeLinearModel(someoneElse), thresholds };
}

/** The calibrated scores: P(crisis), P(imminent | crisis), P(medium | no crisis), P(someone else in danger now). */
export interface RiskScores {
  crisis: number;
  /** P(crisis) of the message's own words, where read (see `ClassifierVerdict.pHighAlone`). */
  crisisAlone?: number;
  imminentIfCrisis: number;
  concern: number;
  someoneElse: number;
}

/** Level from the calibrated scores and the cut-offs. */
export function verdictFrom(scores: RiskScores, thresholds: RiskThresholds): ClassifierVerdict {
  const pHigh = scores.crisis;
  const level: RiskLevel = pHigh >= thresholds.high ? (scores.imminentIfCrisis >= thresholds.imminent ? "imminent" : "high") : "none";
  return {
    level,
    pHigh,
    pImminent: pHigh * scores.imminentIfCrisis,
    pConcern: scores.concern,
    ...(scores.crisisAlone === undefined ? {} : { pHighAlone: scores.crisisAlone }),
    pSomeoneElse: scores.someoneElse,
  };
}

/**
 * The classifier's verdict, judged by the cut-offs of the message's language. The imminence model
 * is read only for a crisis, and the concern model and the message's own words only when the
 * caller may veto a rule match (`readConcern`) and the alarm model reads no crisis: each is a
 * lookup of every feature, and most messages need neither. Unread, their scores are 0 (absent for
 * the own words).
 */
export function classifyWith(
  model: RiskModel,
  text: string,
  lang: RiskLanguage,
  context?: MessageContext,
  ruleFindings: readonly string[] = [],
  { readConcern = true }: { readConcern?: boolean } = {},
): ClassifierVerdict {
  const features = messageFeatures(text, context, ruleFindings);
  const hasContext = Boolean(context?.bot || context?.client);
  const thresholds = model.thresholds[lang];
  const crisis = probabilities(model, features)[1] ?? 0;
  const scores: RiskScores = {
    crisis,
    imminentIfCrisis: crisis >= thresholds.high ? (probabilities(model.imminence, features)[1] ?? 0) : 0,
    concern: 0,
    someoneElse: probabilities(model.someoneElse, features)[1] ?? 0,
  };
  if (readConcern && crisis < thresholds.veto) {
    // The concern model reads the message's own words (see the training's `ownWordsOf`).
    const ownWords = messageFeatures(text, undefined, ruleFindings);
    scores.concern = probabilities(model.concern, ownWords)[1] ?? 0;
    if (hasContext) scores.crisisAlone = probabilities(model, ownWords)[1] ?? 0;
  }
  return verdictFrom(scores, thresholds);
}
