/**
 * The trained risk classifier at run time: a multinomial logistic regression over hashed features
 * (./features.ts), weights quantised to int8 and shipped as a generated module (./model-data.ts,
 * written by `npm run safety:train`). Pure and synchronous; decoded once on first use.
 */
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
export interface SerializedRiskModel {
  version: string;
  featureBits: number;
  /** Softmax temperature fitted on out-of-fold predictions. */
  temperature: number;
  /** Per language: each is held to its own false-alarm budget. */
  thresholds: Record<RiskLanguage, RiskThresholds>;
  /** Per-class weight of one quantisation step. */
  scale: number;
  bias: readonly number[];
  /** Base64: feature count (u32), sorted feature indices (u32 each), then `CLASSES` int8 weights per feature. */
  weights: string;
}

export interface RiskModel {
  readonly version: string;
  readonly temperature: number;
  readonly thresholds: Readonly<Record<RiskLanguage, RiskThresholds>>;
  readonly bias: readonly number[];
  readonly scale: number;
  /** Feature index → offset of its weights in `weights`. */
  readonly rows: ReadonlyMap<number, number>;
  readonly weights: Int8Array;
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

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return btoa(binary);
}

export function decodeRiskModel(serialized: SerializedRiskModel): RiskModel {
  const bytes = base64Bytes(serialized.weights);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0, true);
  const rows = new Map<number, number>();
  for (let i = 0; i < count; i++) rows.set(view.getUint32(4 + i * 4, true), i * CLASSES);
  const weights = new Int8Array(bytes.buffer, bytes.byteOffset + 4 + count * 4, count * CLASSES);
  return { version: serialized.version, temperature: serialized.temperature, thresholds: serialized.thresholds, bias: serialized.bias, scale: serialized.scale, rows, weights };
}

/** Quantises float weights (`features.length × CLASSES`, row-major) into the shipped form. */
export function encodeRiskModel(input: {
  version: string;
  featureBits: number;
  temperature: number;
  thresholds: Record<RiskLanguage, RiskThresholds>;
  bias: readonly number[];
  features: Uint32Array;
  weights: Float32Array;
}): SerializedRiskModel {
  let largest = 0;
  for (const weight of input.weights) largest = Math.max(largest, Math.abs(weight));
  const scale = largest === 0 ? 1 : largest / 127;
  const count = input.features.length;
  const bytes = new Uint8Array(4 + count * 4 + count * CLASSES);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, count, true);
  input.features.forEach((feature, i) => view.setUint32(4 + i * 4, feature, true));
  const quantised = new Int8Array(bytes.buffer, 4 + count * 4, count * CLASSES);
  input.weights.forEach((weight, i) => {
    quantised[i] = Math.max(-127, Math.min(127, Math.round(weight / scale)));
  });
  return {
    version: input.version,
    featureBits: input.featureBits,
    temperature: input.temperature,
    thresholds: input.thresholds,
    scale,
    bias: [...input.bias],
    weights: bytesBase64(bytes),
  };
}

/**
 * Every feature of a message has the same value, 1/√n (the bag is unit length): a long message
 * is not more certain than a short one just for having more n-grams.
 */
export function featureValue(count: number): number {
  return count === 0 ? 0 : 1 / Math.sqrt(count);
}

/** Raw logits for a feature set. */
export function logits(model: { bias: readonly number[]; rows: ReadonlyMap<number, number>; weights: ArrayLike<number>; scale: number }, features: Uint32Array): number[] {
  const out = [...model.bias];
  const value = featureValue(features.length) * model.scale;
  for (const feature of features) {
    const row = model.rows.get(feature);
    if (row === undefined) continue;
    for (let k = 0; k < CLASSES; k++) out[k] = (out[k] ?? 0) + (model.weights[row + k] ?? 0) * value;
  }
  return out;
}

export function softmax(values: readonly number[], temperature = 1): number[] {
  const scaled = values.map((value) => value / temperature);
  const top = Math.max(...scaled);
  const exps = scaled.map((value) => Math.exp(value - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / sum);
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
  return levelFromProbabilities(softmax(logits(model, messageFeatures(text, context, ruleFindings)), model.temperature), model.thresholds[lang]);
}
