/**
 * Reads the classifier models that ship in the repo and hands them to the engine, which reads no
 * files. Each file is read once, when its model is first used; the server then holds it once, as
 * bytes. Called by whatever runs the engine: the engine's entry for the app (./engine-entry.ts),
 * the CLI, benchmarks, and the tests' setup.
 *
 * The paths are from the project's root, the server's working directory under `next start` and in
 * the standalone build, whose file tracing copies them (`outputFileTracingIncludes` in
 * next.config.mjs).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { provideRiskModelFile } from "../engine/safety/classifier/shipped-model";
import { provideReplyModelsFile } from "../engine/understanding/shipped-models";

export const RISK_MODEL_FILE = "server/engine/safety/classifier/risk-model.bin";
export const REPLY_MODELS_FILE = "server/engine/understanding/reply-models.bin";

// Each path a constant where it is read: a path the build cannot see would trace the whole project.
export const readRiskModelFile = (): Uint8Array => readFileSync(path.join(process.cwd(), RISK_MODEL_FILE));
export const readReplyModelsFile = (): Uint8Array => readFileSync(path.join(process.cwd(), REPLY_MODELS_FILE));

export function provideShippedModels(): void {
  provideRiskModelFile(readRiskModelFile);
  provideReplyModelsFile(readReplyModelsFile);
}
