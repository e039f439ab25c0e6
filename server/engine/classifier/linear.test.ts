import { describe, expect, it } from "vitest";
import { readReplyModelsFile, readRiskModelFile } from "../../services/shipped-models";
import { messageFeatures } from "../safety/classifier/features";
import { riskModelIn } from "../safety/classifier/shipped-model";
import { replyModelsIn } from "../understanding/shipped-models";
import { replyFeatures } from "../understanding/features";
import { replyCues } from "../understanding/cues";
import { QUESTION_KINDS } from "../understanding/types";
import { FEATURE_BITS } from "./features";
import { decodeLinearModel, encodeLinearModel, logits, type FeatureRows, type SerializedLinearModel } from "./linear";

/**
 * The rows as a table indexed by feature (the offset of its weights, or -1), read straight from the
 * shipped bytes: the reference for the sorted lookup. A table rather than a Map: the same answers,
 * and every index can be checked in a fraction of a second.
 */
function tableRows(serialized: SerializedLinearModel): FeatureRows & { features: number[] } {
  const bytes = serialized.weights;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const table = new Int32Array(2 ** FEATURE_BITS).fill(-1);
  const features: number[] = [];
  const count = view.getUint32(0, true);
  // Each index is the one before plus a gap of 7-bit groups, low group first, high bit = more.
  let at = 4;
  let feature = 0;
  for (let i = 0; i < count; i++) {
    let gap = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++] ?? 0;
      gap += (byte % 128) * 2 ** shift;
      if (byte < 128) break;
    }
    feature += gap;
    if (feature >= table.length) throw new Error("a row outside the feature space");
    table[feature] = i * serialized.bias.length;
    features.push(feature);
  }
  if (at + count * serialized.bias.length !== bytes.length) throw new Error("weights do not follow the indices");
  return { features, get: (feature) => (feature < table.length && (table[feature] ?? -1) >= 0 ? table[feature] : undefined) };
}

/**
 * Every feature index a text can have (the hashed features are masked to FEATURE_BITS), and so
 * every row of the model, whose lookups differ between the sorted rows and the reference. A score
 * reads nothing else of the rows, so the same lookups mean the same logits for any text.
 */
function differingLookups(serialized: SerializedLinearModel): number[] {
  const model = decodeLinearModel(serialized);
  const reference = tableRows(serialized);
  expect(serialized.featureBits).toBe(FEATURE_BITS);
  expect(reference.features.length).toBeGreaterThan(1000);
  const differing: number[] = [];
  for (let feature = 0; feature < 2 ** FEATURE_BITS; feature++) {
    if (model.rows.get(feature) !== reference.get(feature)) differing.push(feature);
  }
  return differing;
}

/** Feature sets whose logits differ between the shipped (sorted) rows and the reference rows. */
function differingScores(serialized: SerializedLinearModel, featureSets: readonly Uint32Array[]): Uint32Array[] {
  const model = decodeLinearModel(serialized);
  const reference = { ...model, rows: tableRows(serialized) };
  return featureSets.filter((features) => {
    const [shipped, reference_] = [logits(model, features), logits(reference, features)];
    return shipped.some((value, k) => value !== reference_[k]);
  });
}

const MESSAGES = [
  "I had a good week, work was fine and I slept well",
  "I don't want to live anymore, I want to kill myself",
  "I've been cutting again and I have the pills ready",
  "Honestly I'm exhausted and I just want it all to stop",
  "这周还可以，就是睡得不太好",
  "我不想活了，我已经准备好了药",
  "My daughter keeps saying she wants to disappear",
];

const REPLIES = ["yes", "no", "skip", "I'd rather not say", "can I talk to a real person?", "who reads this?", "about 3 weeks", "Sam", "7", "不想说", "跳过", "可以叫我小林"];

describe("a linear model's encoding", () => {
  it("keeps every index, near and far apart, up to the top of the feature space, and each row's weights", () => {
    const features = Uint32Array.from([0, 1, 2, 129, 300, 16_700, 16_701, 2_000_000, 2 ** FEATURE_BITS - 1].filter((feature) => feature < 2 ** FEATURE_BITS));
    const weights = Float32Array.from([...features].flatMap((_, i) => [i / 10, -i / 20]));
    const model = decodeLinearModel(encodeLinearModel({ version: "t", featureBits: FEATURE_BITS, temperature: 1, bias: [0, 0], features, weights }));
    features.forEach((feature, i) => {
      const row = model.rows.get(feature);
      expect(row).toBe(i * 2);
      expect((model.weights[row ?? 0] ?? 0) * model.scale).toBeCloseTo(i / 10, 1);
      expect((model.weights[(row ?? 0) + 1] ?? 0) * model.scale).toBeCloseTo(-i / 20, 1);
    });
    for (const absent of [3, 128, 130, 16_699, 2 ** FEATURE_BITS - 2]) expect(model.rows.get(absent)).toBeUndefined();
  });

  it("refuses a model hashed into another feature space", () => {
    const other = encodeLinearModel({ version: "t", featureBits: FEATURE_BITS - 2, temperature: 1, bias: [0, 0], features: Uint32Array.from([1, 2]), weights: new Float32Array(4) });
    expect(() => decodeLinearModel(other)).toThrow(/retrain/);
  });

  it("refuses indices out of order or repeated", () => {
    const encode = (features: number[]) => encodeLinearModel({ version: "t", featureBits: FEATURE_BITS, temperature: 1, bias: [0, 0], features: Uint32Array.from(features), weights: new Float32Array(features.length * 2) });
    expect(() => encode([5, 3])).toThrow(/sorted and distinct/);
    expect(() => encode([5, 5])).toThrow(/sorted and distinct/);
  });
});

const RISK_MODEL = riskModelIn(readRiskModelFile());
const INTENT_MODEL = replyModelsIn(readReplyModelsFile()).intent;

describe("shipped linear models, decoded", () => {
  it("look up every feature a text can have, and so every row, exactly as a table of their rows does", () => {
    expect(differingLookups(RISK_MODEL)).toEqual([]);
    expect(differingLookups(INTENT_MODEL)).toEqual([]);
  });

  it("score messages and replies in both languages exactly as a table of their rows does", () => {
    const messages = MESSAGES.flatMap((text) => [messageFeatures(text), messageFeatures(text, { bot: "How has your week been?", client: "Not great." })]);
    expect(messages.every((features) => features.length > 0)).toBe(true);
    expect(differingScores(RISK_MODEL, messages)).toEqual([]);
    const replies = QUESTION_KINDS.flatMap((kind) =>
      REPLIES.map((reply) => replyFeatures({ kind, question: "How would you rate your week?", reply, cues: replyCues(reply), valueFound: false })),
    );
    expect(differingScores(INTENT_MODEL, replies)).toEqual([]);
  });

  it("miss features the model does not have", () => {
    const model = decodeLinearModel(INTENT_MODEL);
    const reference = tableRows(INTENT_MODEL);
    const absent = Uint32Array.from({ length: 2000 }, (_, i) => i * 524 + 1).filter((feature) => reference.get(feature) === undefined);
    expect(absent.length).toBeGreaterThan(0);
    for (const feature of absent) expect(model.rows.get(feature)).toBeUndefined();
  });
});
