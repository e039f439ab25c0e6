/**
 * `npm run replies:train`: trains the reply-intent classifier on the training writers of
 * data/replies (never the held-out ones, see data/replies/split.json), with a fixed seed, and
 * writes the intent and topic models to server/engine/understanding/reply-models.bin (a model
 * file). Prints the out-of-fold figures.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeModelFile } from "../engine/classifier/model-file";
import { loadReplyCorpus, loadReplySplit, REPO_ROOT, splitByWriter } from "../reply-training/corpus-files";
import { trainIntentModel } from "../reply-training/train-intent-model";
import { REPLY_MODELS_FILE } from "../services/shipped-models";

const MODEL_FILE = join(REPO_ROOT, REPLY_MODELS_FILE);

const started = performance.now();
const { training } = splitByWriter(loadReplyCorpus(), loadReplySplit());
const report = trainIntentModel(training);
writeFileSync(MODEL_FILE, writeModelFile({ intent: report.model, topic: report.topicModel }));
console.log(`trained on ${report.trainingLines} replies from ${report.writers.join(", ")} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`model ${report.model.version}: ${report.features} features, ${(report.model.weights.length / 1024).toFixed(0)} KB, temperature ${report.model.temperature}`);
for (const [lang, figures] of Object.entries(report.outOfFold)) console.log(`out-of-fold intent accuracy ${lang}: ${(figures.accuracy * 100).toFixed(1)} % of ${figures.replies}`);
for (const [lang, figures] of Object.entries(report.topicOutOfFold)) console.log(`out-of-fold question topic accuracy ${lang}: ${(figures.accuracy * 100).toFixed(1)} % of ${figures.replies}`);
console.log(`wrote ${MODEL_FILE}`);
