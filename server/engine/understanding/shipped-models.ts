/**
 * The reply-intent and question-topic models that ship in the repo (./reply-models.bin, a model
 * file written by `npm run replies:train`), read once on first use. The engine reads no files:
 * whoever runs it hands it a reader of that file first (server/services/shipped-models.ts).
 */
import { serializedLinearModelSchema, type SerializedLinearModel } from "../classifier/linear";
import { readModelFile, shippedModelFile } from "../classifier/model-file";

export interface ReplyModels {
  intent: SerializedLinearModel;
  topic: SerializedLinearModel;
}

/** The models a model file holds, as training produced them. */
export function replyModelsIn(file: Uint8Array): ReplyModels {
  const contents = readModelFile(file);
  return { intent: serializedLinearModelSchema.parse(contents.intent), topic: serializedLinearModelSchema.parse(contents.topic) };
}

const replyModelsFile = shippedModelFile("reply models", replyModelsIn);

/** How to read the shipped models' file: called once, when one of them is first used. */
export const provideReplyModelsFile = replyModelsFile.provide;

/** The shipped models, undecoded (./intent-model.ts and ./topic-model.ts decode each once). */
export const shippedReplyModels = (): ReplyModels => replyModelsFile.get();
