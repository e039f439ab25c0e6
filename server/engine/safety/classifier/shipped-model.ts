/**
 * The risk model that ships in the repo (./risk-model.bin, a model file written by
 * `npm run safety:train`), decoded once on first use. The engine reads no files: whoever runs it
 * hands it a reader of that file first (server/services/shipped-models.ts).
 */
import { z } from "zod";
import { serializedLinearModelSchema } from "../../classifier/linear";
import { readModelFile } from "../../classifier/model-file";
import { decodeRiskModel, type RiskModel, type SerializedRiskModel } from "./model";

/** The risk model's name in its file. */
export const RISK_MODEL_NAME = "risk";

const thresholdsSchema = z.object({ high: z.number(), imminent: z.number(), overrule: z.number(), veto: z.number() });
const riskModelSchema = serializedLinearModelSchema.extend({
  imminence: serializedLinearModelSchema,
  concern: serializedLinearModelSchema,
  thresholds: z.object({ en: thresholdsSchema, zh: thresholdsSchema }),
}) satisfies z.ZodType<SerializedRiskModel>;

let readFile: (() => Uint8Array) | undefined;
let decoded: RiskModel | undefined;

/** How to read the shipped model's file: called once, when the model is first used. */
export function provideRiskModelFile(read: () => Uint8Array): void {
  readFile = read;
}

/** The risk model a model file holds, as training produced it. */
export function riskModelIn(file: Uint8Array): SerializedRiskModel {
  return riskModelSchema.parse(readModelFile(file)[RISK_MODEL_NAME]);
}

export function riskModel(): RiskModel {
  if (!decoded) {
    if (!readFile) throw new Error("the shipped risk model's file was not provided (provideShippedModels, server/services/shipped-models.ts)");
    decoded = decodeRiskModel(riskModelIn(readFile()));
  }
  return decoded;
}
