import { describe, expect, it } from "vitest";
import { RISK_MODEL } from "../safety/classifier/model-data";
import { messageFeatures } from "../safety/classifier/features";
import { INTENT_MODEL } from "../understanding/model-data";
import { replyFeatures } from "../understanding/features";
import { replyCues } from "../understanding/cues";
import { QUESTION_KINDS } from "../understanding/types";
import { FEATURE_BITS } from "./features";
import { decodeLinearModel, logits, type FeatureRows, type SerializedLinearModel } from "./linear";

/**
 * The rows as a table indexed by feature (the offset of its weights, or -1), read straight from the
 * shipped bytes: the reference for the sorted lookup. A table rather than a Map: the same answers,
 * and every index can be checked in a fraction of a second.
 */
function tableRows(serialized: SerializedLinearModel): FeatureRows & { features: number[] } {
  const binary = atob(serialized.weights);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  const table = new Int32Array(2 ** FEATURE_BITS).fill(-1);
  const features: number[] = [];
  const count = view.getUint32(0, true);
  for (let i = 0; i < count; i++) {
    const feature = view.getUint32(4 + i * 4, true);
    if (feature >= table.length) throw new Error("a row outside the feature space");
    table[feature] = i * serialized.bias.length;
    features.push(feature);
  }
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
