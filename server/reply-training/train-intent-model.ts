/**
 * Trains the reply-intent classifier on labelled replies (training writers only):
 * 1. leave-one-writer-out: a model per training writer, trained on the others, predicts that
 *    writer's replies — the figures tuning is judged by, since no writer is scored on a model
 *    that saw it;
 * 2. a softmax temperature is fitted on those predictions (so `confidence` means something);
 * 3. the shipped model is trained on every training writer.
 * Deterministic: a fixed seed, and the version is a hash of the corpus and the options.
 */
import { createHash } from "node:crypto";
import { FEATURE_BITS } from "../engine/classifier/features";
import { encodeLinearModel, logits, softmax, type SerializedLinearModel } from "../engine/classifier/linear";
import { DEFAULT_TRAIN_OPTIONS, fitTemperature, trainWeights, type TrainOptions, type TrainingExample } from "../engine/classifier/train";
import type { LabelledReply } from "../engine/understanding/corpus";
import { replyCues } from "../engine/understanding/cues";
import { replyFeatures } from "../engine/understanding/features";
import { valueFor } from "../engine/understanding/read-reply";
import { QUESTION_TOPICS, topicFeatures } from "../engine/understanding/topic-model";
import { REPLY_INTENTS } from "../engine/understanding/types";

export const INTENT_TRAIN_OPTIONS: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, epochs: 15, l2: 1e-4, minCount: 2 };

export function replyEvidence(reply: LabelledReply) {
  const question = { kind: reply.kind, text: reply.question, lang: reply.lang, ...(reply.options ? { options: reply.options } : {}) };
  const value = valueFor(question, reply.reply);
  return { kind: reply.kind, question: reply.question, reply: reply.reply, cues: replyCues(reply.reply), valueFound: value !== undefined && typeof value !== "boolean" };
}

function examplesOf(replies: readonly LabelledReply[]): TrainingExample[] {
  return replies.map((reply) => ({ features: replyFeatures(replyEvidence(reply)), label: REPLY_INTENTS.indexOf(reply.intent), weight: 1 }));
}

/** What a model is trained from: the training replies and the options (a shipped model must match the corpus as it is). */
export function intentTrainingVersion(training: readonly LabelledReply[], options: TrainOptions = INTENT_TRAIN_OPTIONS): string {
  return createHash("sha256")
    .update(JSON.stringify(options))
    .update(JSON.stringify(training.map((r) => [r.writer, r.kind, r.question, r.reply, r.intent, r.options ?? null])))
    .digest("hex")
    .slice(0, 16);
}

export interface IntentTrainingReport {
  model: SerializedLinearModel;
  /** What a question to the bot is about, trained on the replies labelled question. */
  topicModel: SerializedLinearModel;
  /** Out-of-fold topic accuracy of the questions, by language. */
  topicOutOfFold: Record<string, { replies: number; accuracy: number }>;
  writers: string[];
  trainingLines: number;
  features: number;
  /** Out-of-fold intent accuracy by language (each writer predicted by a model that never saw it). */
  outOfFold: Record<string, { replies: number; accuracy: number }>;
}

export function trainIntentModel(training: readonly LabelledReply[], options: TrainOptions = INTENT_TRAIN_OPTIONS): IntentTrainingReport {
  const writers = [...new Set(training.map((reply) => reply.writer))].sort();
  const classes = REPLY_INTENTS.length;
  const scored: { reply: LabelledReply; logits: number[] }[] = [];
  for (const writer of writers) {
    const fold = trainWeights(examplesOf(training.filter((reply) => reply.writer !== writer)), classes, options);
    const rows = new Map<number, number>();
    fold.features.forEach((feature, index) => rows.set(feature, index * classes));
    const foldModel = { bias: fold.bias, rows, weights: fold.weights, scale: 1 };
    for (const reply of training.filter((r) => r.writer === writer)) scored.push({ reply, logits: logits(foldModel, replyFeatures(replyEvidence(reply))) });
  }
  const temperature = fitTemperature(scored.map((item) => ({ logits: item.logits, label: REPLY_INTENTS.indexOf(item.reply.intent) })));
  const outOfFold: IntentTrainingReport["outOfFold"] = {};
  for (const { reply, logits: values } of scored) {
    const probabilities = softmax(values, temperature);
    const best = probabilities.indexOf(Math.max(...probabilities));
    const figures = (outOfFold[reply.lang] ??= { replies: 0, accuracy: 0 });
    figures.replies++;
    if (REPLY_INTENTS[best] === reply.intent) figures.accuracy++;
  }
  for (const figures of Object.values(outOfFold)) figures.accuracy /= figures.replies || 1;

  const final = trainWeights(examplesOf(training), classes, options);
  const version = intentTrainingVersion(training, options);
  const model = encodeLinearModel({ version, featureBits: FEATURE_BITS, temperature, bias: final.bias, features: final.features, weights: final.weights });
  const topics = trainTopics(training, writers, options);
  return { model, topicModel: topics.model, topicOutOfFold: topics.outOfFold, writers, trainingLines: training.length, features: final.features.length, outOfFold };
}

function topicExamples(replies: readonly LabelledReply[]): TrainingExample[] {
  return replies.map((reply) => ({ features: topicFeatures(reply.reply, reply.question, replyCues(reply.reply)), label: QUESTION_TOPICS.indexOf(reply.topic ?? "other"), weight: 1 }));
}

/** The topic classifier: the same training, on the questions only, judged leave one writer out. */
function trainTopics(training: readonly LabelledReply[], writers: readonly string[], options: TrainOptions): { model: SerializedLinearModel; outOfFold: Record<string, { replies: number; accuracy: number }> } {
  const questions = training.filter((reply) => reply.intent === "question");
  const classes = QUESTION_TOPICS.length;
  const outOfFold: Record<string, { replies: number; accuracy: number }> = {};
  for (const writer of writers) {
    const fold = trainWeights(topicExamples(questions.filter((reply) => reply.writer !== writer)), classes, options);
    const rows = new Map<number, number>();
    fold.features.forEach((feature, index) => rows.set(feature, index * classes));
    const foldModel = { bias: fold.bias, rows, weights: fold.weights, scale: 1 };
    for (const reply of questions.filter((r) => r.writer === writer)) {
      const values = logits(foldModel, topicFeatures(reply.reply, reply.question, replyCues(reply.reply)));
      const figures = (outOfFold[reply.lang] ??= { replies: 0, accuracy: 0 });
      figures.replies++;
      if (QUESTION_TOPICS[values.indexOf(Math.max(...values))] === (reply.topic ?? "other")) figures.accuracy++;
    }
  }
  for (const figures of Object.values(outOfFold)) figures.accuracy /= figures.replies || 1;
  const final = trainWeights(topicExamples(questions), classes, options);
  const model = encodeLinearModel({ version: intentTrainingVersion(training, options), featureBits: FEATURE_BITS, temperature: 1, bias: final.bias, features: final.features, weights: final.weights });
  return { model, outOfFold };
}
