/**
 * The whole reply reader (exact rules, extractors and the classifier) out of fold on the training
 * writers: each writer is read with a model trained on the other training writers only, so the
 * figures (and, with --misses, the misses) are what tuning may look at. Held-out writers are never
 * read here. Training options can be tried here, chosen across writers: --epochs=, --l2=, --min-count=, --rate=.
 * Run: npx tsx bench/replies-oof.bench.ts [--misses] [--writer=<id>] [--epochs=15] [--l2=1e-4] [--min-count=2]
 */
import { decodeLinearModel, encodeLinearModel } from "../server/engine/classifier/linear";
import { FEATURE_BITS } from "../server/engine/classifier/features";
import { trainWeights, type TrainingExample, type TrainOptions } from "../server/engine/classifier/train";
import { readReply, REPLY_INTENTS } from "../server/engine/understanding";
import type { LabelledReply } from "../server/engine/understanding/corpus";
import { scoreReplies } from "../server/engine/understanding/evaluation";
import { replyFeatures } from "../server/engine/understanding/features";
import { loadReplyCorpus, loadReplySplit, splitByWriter } from "../server/reply-training/corpus-files";
import { INTENT_TRAIN_OPTIONS, replyEvidence } from "../server/reply-training/train-intent-model";
import { provideShippedModels } from "../server/services/shipped-models";

provideShippedModels();

const showMisses = process.argv.includes("--misses");
const flag = (name: string): string | undefined => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = flag("writer");
const options: TrainOptions = {
  ...INTENT_TRAIN_OPTIONS,
  ...(flag("epochs") ? { epochs: Number(flag("epochs")) } : {}),
  ...(flag("l2") ? { l2: Number(flag("l2")) } : {}),
  ...(flag("min-count") ? { minCount: Number(flag("min-count")) } : {}),
  ...(flag("rate") ? { learningRate: Number(flag("rate")) } : {}),
};
const { training } = splitByWriter(loadReplyCorpus(), loadReplySplit());
const writers = [...new Set(training.map((reply) => reply.writer))].sort();
const examples = (replies: readonly LabelledReply[]): TrainingExample[] =>
  replies.map((reply) => ({ features: replyFeatures(replyEvidence(reply)), label: REPLY_INTENTS.indexOf(reply.intent), weight: 1 }));

const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;
const started = performance.now();
const read: LabelledReply[] = [];
const readings = new Map<LabelledReply, ReturnType<typeof readReply>>();
for (const writer of writers) {
  if (only && writer !== only) continue;
  const fold = trainWeights(examples(training.filter((reply) => reply.writer !== writer)), REPLY_INTENTS.length, options);
  const model = decodeLinearModel(encodeLinearModel({ version: writer, featureBits: FEATURE_BITS, temperature: 1, bias: fold.bias, features: fold.features, weights: fold.weights }));
  for (const reply of training.filter((r) => r.writer === writer)) {
    read.push(reply);
    readings.set(reply, readReply({ kind: reply.kind, text: reply.question, lang: reply.lang, ...(reply.options ? { options: reply.options } : {}) }, reply.reply, model));
  }
}
const evaluation = scoreReplies(read, (reply) => readings.get(reply) ?? { intent: "answer", confidence: 0 });
console.log(`out of fold on ${only ?? writers.join(", ")} (${read.length} replies, ${((performance.now() - started) / 1000).toFixed(0)} s), options ${JSON.stringify(options)}`);
for (const [lang, scores] of Object.entries(evaluation.byLanguage)) {
  console.log(`${lang}: intent ${scores.intentCorrect}/${scores.replies} = ${percent(scores.intentAccuracy)}; exact value ${scores.valueCorrect}/${scores.valueReplies} = ${percent(scores.valueAccuracy)}`);
}
console.log("confusion (rows: labelled, columns: read)");
console.log(`  ${"".padEnd(11)}${REPLY_INTENTS.map((intent) => intent.slice(0, 8).padStart(9)).join("")}`);
for (const labelled of REPLY_INTENTS) console.log(`  ${labelled.padEnd(11)}${REPLY_INTENTS.map((intent) => String(evaluation.confusion[labelled]?.[intent] ?? 0).padStart(9)).join("")}`);
if (showMisses) {
  for (const miss of evaluation.misses) {
    console.log(`${miss.what}\t${miss.reply.writer}\t${miss.reply.kind}\t${miss.reply.intent}→${miss.reading.intent}\t${JSON.stringify(miss.reply.value)}→${JSON.stringify(miss.reading.value ?? null)}\t${miss.reply.question.slice(0, 50)}\t${miss.reply.reply}${miss.reply.options ? `\t${JSON.stringify(miss.reply.options)}` : ""}`);
  }
}
