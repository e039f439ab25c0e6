/**
 * The reply-intent and question-topic models that ship in the repo (./reply-models.bin, a model
 * file written by `npm run replies:train`), read and decoded once on first use. The engine reads no files:
 * whoever runs it hands it a reader of that file first (server/services/shipped-models.ts).
 */
import { decodeLinearModel, serializedLinearModelSchema, type LinearModel, type SerializedLinearModel } from "../classifier/linear";
import { readModelFile, shippedModelFile } from "../classifier/model-file";

export interface ReplyModels<Model = LinearModel> {
  intent: Model;
  topic: Model;
}

/** The models a model file holds, as training produced them. */
export function replyModelsIn(file: Uint8Array): ReplyModels<SerializedLinearModel> {
  const contents = readModelFile(file);
  return { intent: serializedLinearModelSchema.parse(contents.intent), topic: serializedLinearModelSchema.parse(contents.topic) };
}

const replyModelsFile = shippedModelFile("reply models", (file): ReplyModels => {
  const { intent, topic } = replyModelsIn(file);
  return { intent: decodeLinearModel(intent), topic: decodeLinearModel(topic) };
});

/** How to read the shipped models' file: called once, when one of them is first used. */
export const provideReplyModelsFile = replyModelsFile.provide;

/** The shipped models, decoded once for the whole process (./intent-model.ts and ./topic-model.ts read them). */
export const shippedReplyModels = (): ReplyModels => replyModelsFile.get();
