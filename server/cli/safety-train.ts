/**
 * `npm run safety:train`: trains the risk classifier on the training writers of data/safety
 * (never the held-out ones, see data/safety/split.json), with a fixed seed, and writes the model
 * to server/engine/safety/classifier/risk-model.bin (a model file). Prints the out-of-fold figures it tuned on.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeModelFile } from "../engine/classifier/model-file";
import { RISK_MODEL_NAME } from "../engine/safety/classifier/shipped-model";
import { loadCorpus, loadOrdinarySession, loadSplit, REPO_ROOT, splitByWriter } from "../safety-training/corpus-files";
import { trainRiskModel } from "../safety-training/train-risk-model";
import { RISK_MODEL_FILE } from "../services/shipped-models";

const MODEL_FILE = join(REPO_ROOT, RISK_MODEL_FILE);

const started = performance.now();
const { training } = splitByWriter(loadCorpus(), loadSplit());
const report = trainRiskModel(training, loadOrdinarySession());
writeFileSync(MODEL_FILE, writeModelFile({ [RISK_MODEL_NAME]: report.model }));
const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;
console.log(`trained on ${report.trainingLines} lines from ${report.writers.join(", ")} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const megabytes = (bytes: Uint8Array): string => `${(bytes.length / 1024 / 1024).toFixed(2)} MB`;
console.log(`model ${report.model.version}: alarm ${report.features} features, ${megabytes(report.model.weights)}, temperature ${report.model.temperature}`);
console.log(`  imminence ${report.imminenceFeatures} features, ${megabytes(report.model.imminence.weights)}, temperature ${report.model.imminence.temperature}`);
console.log(`  concern ${report.concernFeatures} features, ${megabytes(report.model.concern.weights)}, temperature ${report.model.concern.temperature}`);
console.log(`  someone else ${report.someoneElseFeatures} features, ${megabytes(report.model.someoneElse.weights)}, temperature ${report.model.someoneElse.temperature}`);
console.log(`thresholds ${JSON.stringify(report.model.thresholds)}`);
console.log(`out-of-fold (folds of whole training writers), rules + classifier: recall ${percent(report.outOfFold.recall)}, false positives ${percent(report.outOfFold.falsePositiveRate)}`);
for (const [lang, figures] of Object.entries(report.outOfFold.byLanguage)) console.log(`  ${lang}: recall ${percent(figures.recall)}, false positives ${percent(figures.falsePositiveRate)}`);
console.log(`out-of-fold imminence, among crises caught: recall ${percent(report.imminence.recall)}, precision ${percent(report.imminence.precision)}`);
console.log(`out-of-fold medium lines read as medium or above: ${percent(report.mediumKept)}`);
for (const [lang, figures] of Object.entries(report.someoneElse)) {
  console.log(
    `out-of-fold someone else in danger now, ${lang} (cut-off ${figures.cutoff}): recall ${percent(figures.recall)}, precision ${percent(figures.precision)}, read so on other annotated lines ${percent(figures.annotatedFalseAlarms)}, on every other line ${percent(figures.otherFalseAlarms)}`,
  );
}
console.log("out-of-fold trade-off (best recall within each false-alarm budget, worse language):");
for (const point of report.tradeOff) console.log(`  ≤ ${percent(point.budget)}: recall ${percent(point.recall)} (false positives ${percent(point.falsePositiveRate)}), cut-offs ${JSON.stringify(point.thresholds)}`);
console.log(`wrote ${MODEL_FILE}`);
