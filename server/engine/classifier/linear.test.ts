import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../safety-training/corpus-files";
import { loadReplyCorpus } from "../../reply-training/corpus-files";
import { RISK_MODEL } from "../safety/classifier/model-data";
import { messageFeatures } from "../safety/classifier/features";
import { INTENT_MODEL } from "../understanding/model-data";
import { replyFeatures } from "../understanding/features";
import { replyEvidence } from "../../reply-training/train-intent-model";
import { decodeLinearModel, logits, type SerializedLinearModel } from "./linear";

/** The rows as a Map, the way the shipped models were first decoded: the reference for the sorted lookup. */
function mapRows(serialized: SerializedLinearModel): Map<number, number> {
  const binary = atob(serialized.weights);
  const view = new DataView(Uint8Array.from(binary, (char) => char.charCodeAt(0)).buffer);
  const rows = new Map<number, number>();
  const count = view.getUint32(0, true);
  for (let i = 0; i < count; i++) rows.set(view.getUint32(4 + i * 4, true), i * serialized.bias.length);
  return rows;
}

describe("shipped linear models, decoded", () => {
  it("score the risk corpus exactly as a Map of their rows does", () => {
    const model = decodeLinearModel(RISK_MODEL);
    const reference = { ...model, rows: mapRows(RISK_MODEL) };
    // Every seventh message: a few thousand, in both languages and every kind.
    const messages = loadCorpus().filter((_, index) => index % 7 === 0);
    expect(messages.length).toBeGreaterThan(1000);
    const differing = messages.filter((message) => {
      const features = messageFeatures(message.text, message.context);
      const [shipped, reference_] = [logits(model, features), logits(reference, features)];
      return shipped.some((value, k) => value !== reference_[k]);
    });
    expect(differing).toEqual([]);
  }, 60_000);

  it("score the reply corpus exactly as a Map of their rows does, and miss features the model does not have", () => {
    const model = decodeLinearModel(INTENT_MODEL);
    const reference = { ...model, rows: mapRows(INTENT_MODEL) };
    const differing = loadReplyCorpus().filter((reply) => {
      const features = replyFeatures(replyEvidence(reply));
      const [shipped, reference_] = [logits(model, features), logits(reference, features)];
      return shipped.some((value, k) => value !== reference_[k]);
    });
    expect(differing).toEqual([]);
    const absent = Uint32Array.from({ length: 2000 }, (_, i) => i * 524 + 1).filter((feature) => reference.rows.get(feature) === undefined);
    expect(absent.length).toBeGreaterThan(0);
    for (const feature of absent) expect(model.rows.get(feature)).toBeUndefined();
  }, 60_000);
});
