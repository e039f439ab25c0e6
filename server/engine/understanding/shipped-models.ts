/**
 * The reply-intent and question-topic models that ship in the repo (./reply-models.bin, a model
 * file written by `npm run replies:train`), read once on first use. The engine reads no files:
 * whoever runs it hands it a reader of that file first (server/services/shipped-models.ts).
 */
import { serializedLinearModelSchema, type SerializedLinearModel } from "../classifier/linear";
import { readModelFile } from "../classifier/model-file";

export interface ReplyModels {
  intent: SerializedLinearModel;
  topic: SerializedLinearModel;
}

let readFile: (() => Uint8Array) | undefined;
let models: ReplyModels | undefined;

/** How to read the shipped models' file: called once, when one of them is first used. */
export function provideReplyModelsFile(read: () => Uint8Array): void {
  readFile = read;
}

/** The models a model file holds, as training produced them. */
export function replyModelsIn(file: Uint8Array): ReplyModels {
  const contents = readModelFile(file);
  return { intent: serializedLinearModelSchema.parse(contents.intent), topic: serializedLinearModelSchema.parse(contents.topic) };
}

/** The shipped models, undecoded (./intent-model.ts and ./topic-model.ts decode each once). */
export function shippedReplyModels(): ReplyModels {
  if (!models) {
    if (!readFile) throw new Error("the shipped reply models' file was not provided (provideShippedModels, server/services/shipped-models.ts)");
    models = replyModelsIn(readFile());
  }
  return models;
}
