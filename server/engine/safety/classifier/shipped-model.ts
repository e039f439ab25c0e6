/**
 * The risk model that ships in the repo (./risk-model.bin, a model file written by
 * `npm run safety:train`), decoded once on first use. The engine reads no files: whoever runs it
 * hands it a reader of that file first (server/services/shipped-models.ts).
 */
import { z } from "zod";
import { serializedLinearModelSchema } from "../../classifier/linear";
import { readModelFile, shippedModelFile } from "../../classifier/model-file";
import { decodeRiskModel, type RiskModel, type SerializedRiskModel } from "./model";

/** The risk model's name in its file. */
export const RISK_MODEL_NAME = "risk";

const thresholdsSchema = z.object({ high: z.number(), imminent: z.number(), overrule: z.number(), veto: z.number(), someoneElse: z.number() });
const riskModelSchema = serializedLinearModelSchema.extend({
  imminence: serializedLinearModelSchema,
  concern: serializedLinearModelSchema,
  someoneElse: serializedLinearModelSchema,
  thresholds: z.object({ en: thresholdsSchema, zh: thresholdsSchema }),
}) satisfies z.ZodType<SerializedRiskModel>;

/** The risk model a model file holds, as training produced it. */
export function riskModelIn(file: Uint8Array): SerializedRiskModel {
  return riskModelSchema.parse(readModelFile(file)[RISK_MODEL_NAME]);
}

const riskModelFile = shippedModelFile("risk model", (file) => decodeRiskModel(riskModelIn(file)));

/** How to read the shipped model's file: called once, when the model is first used. */
export const provideRiskModelFile = riskModelFile.provide;

/** The shipped risk model, decoded once. */
export const riskModel = (): RiskModel => riskModelFile.get();
