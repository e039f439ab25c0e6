/**
 * Reply understanding on writers it was never trained or tuned on (data/replies/split.json):
 * intent accuracy and exact values per language (goal ≥ 0.95 each), per question kind, the intent
 * confusion matrix, and the time to read one reply. Figures are printed; the labelled-set test
 * asserts floors. Run: npx tsx bench/replies.bench.ts [--misses]
 */
import { readReply, REPLY_INTENTS } from "../server/engine/understanding";
import type { LabelledReply } from "../server/engine/understanding/corpus";
import { scoreReplies } from "../server/engine/understanding/evaluation";
import { loadReplyCorpus, loadReplySplit, splitByWriter } from "../server/reply-training/corpus-files";
import { stats } from "./stats";
import { provideShippedModels } from "../server/services/shipped-models";

provideShippedModels();

const showMisses = process.argv.includes("--misses");
const split = loadReplySplit();
const { heldOut } = splitByWriter(loadReplyCorpus(), split);
const read = (reply: LabelledReply) => readReply({ kind: reply.kind, text: reply.question, lang: reply.lang, ...(reply.options ? { options: reply.options } : {}) }, reply.reply);

const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;
const evaluation = scoreReplies(heldOut, read);

console.log(`held-out writers: ${split.heldOut.join(", ")} (${heldOut.length} replies); trained on ${split.training.join(", ")}`);
for (const [lang, scores] of Object.entries(evaluation.byLanguage)) {
  console.log(`${lang}: intent ${scores.intentCorrect}/${scores.replies} = ${percent(scores.intentAccuracy)}; exact value ${scores.valueCorrect}/${scores.valueReplies} = ${percent(scores.valueAccuracy)}  (goal ≥ 95 % each); question topic ${scores.topicCorrect}/${scores.topicReplies}`);
}
console.log("per question kind:");
for (const [kind, scores] of Object.entries(evaluation.byKind).sort(([a], [b]) => a.localeCompare(b))) {
  const value = scores.valueReplies ? `, value ${scores.valueCorrect}/${scores.valueReplies}` : "";
  console.log(`  ${kind.padEnd(20)} intent ${scores.intentCorrect}/${scores.replies}${value}`);
}
console.log("confusion (rows: labelled, columns: read)");
console.log(`  ${"".padEnd(11)}${REPLY_INTENTS.map((intent) => intent.slice(0, 8).padStart(9)).join("")}`);
for (const labelled of REPLY_INTENTS) console.log(`  ${labelled.padEnd(11)}${REPLY_INTENTS.map((intent) => String(evaluation.confusion[labelled]?.[intent] ?? 0).padStart(9)).join("")}`);

const times: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const reply of heldOut) {
    const started = performance.now();
    read(reply);
    times.push(performance.now() - started);
  }
}
const timing = stats(times);
console.log(`read one reply: median ${(timing.median * 1000).toFixed(0)} µs, p95 ${(timing.p95 * 1000).toFixed(0)} µs`);

if (showMisses) {
  for (const miss of evaluation.misses) {
    console.log(`${miss.what}\t${miss.reply.writer}\t${miss.reply.kind}\t${miss.reply.intent}→${miss.reading.intent}\t${JSON.stringify(miss.reply.value)}→${JSON.stringify(miss.reading.value ?? null)}\t${miss.reply.reply}`);
  }
}
