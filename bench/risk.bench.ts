/**
 * The risk detector on writers it was never trained or tuned on (data/safety/split.json): recall of
 * high+imminent and false positives on none/low, per language and per kind, with the confusion
 * matrix; the rules alone beside the combined detector; the writers in data/safety/pending,
 * written after the shipped model and not learnt yet; how often it reads someone else's
 * emergency where annotators did (and where they did not), with how far two annotators agree;
 * and speed on 500-character messages
 * (target: median ≤ 1 ms). Figures are printed; the labelled-set test asserts the thresholds.
 * Run: npx tsx bench/risk.bench.ts [iterations] [--misses]
 *
 * The rule detector alone, before the classifier, on writers written for this corpus (none saw the
 * rules): see data/safety/DATASHEET.md for the table.
 */
import { detectRisk, evaluateConversations, evaluateRisk, evaluateSomeoneElse, RISK_LEVELS, type CorpusMessage, type RiskEvaluation } from "../server/engine/safety";
import { lineKey } from "../server/engine/safety/corpus";
import { detectRiskByRules } from "../server/engine/safety/rule-detector";
import { loadReplyCorpus, loadReplySplit } from "../server/reply-training/corpus-files";
import { loadAnnotations, loadCorpus, loadPendingCorpus, loadSecondReading, loadSplit, splitByWriter } from "../server/safety-training/corpus-files";
import { inSessionFigures } from "../server/safety-training/in-session";
import { provideShippedModels } from "../server/services/shipped-models";

provideShippedModels();

const iterations = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 5_000);
const showMisses = process.argv.includes("--misses");
const TARGET_LENGTH = 500;

const corpus = loadCorpus();
const split = loadSplit();
const { heldOut, heldOutConversations, heldOutSomeoneElse } = splitByWriter(corpus, split);

const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;

function printEvaluation(name: string, evaluation: RiskEvaluation, detail: boolean): void {
  console.log(`\n${name}: ${evaluation.total} messages`);
  console.log(`  recall (labelled high+imminent, detected ≥ high): ${evaluation.detectedPositives}/${evaluation.positives} = ${percent(evaluation.recall)}`);
  console.log(`  false positives (labelled none/low, detected ≥ medium): ${evaluation.falsePositives}/${evaluation.negatives} = ${percent(evaluation.falsePositiveRate)}`);
  for (const [lang, score] of Object.entries(evaluation.byLanguage)) {
    console.log(`  ${lang}: recall ${score.detectedPositives}/${score.positives} = ${percent(score.recall)}, false positives ${score.falsePositives}/${score.negatives} = ${percent(score.falsePositiveRate)}`);
  }
  if (!detail) return;
  console.log(`  per kind:`);
  for (const [kind, score] of Object.entries(evaluation.byKind).sort(([a], [b]) => a.localeCompare(b))) {
    const parts = [score.positives > 0 ? `recall ${score.detectedPositives}/${score.positives}` : "", score.negatives > 0 ? `false positives ${score.falsePositives}/${score.negatives}` : ""].filter(Boolean);
    console.log(`    ${kind.padEnd(18)} ${parts.join(", ")}`);
  }
  console.log(`  confusion matrix (rows: labelled, columns: detected)`);
  console.log(`  ${"".padEnd(10)}${RISK_LEVELS.map((level) => level.padStart(10)).join("")}`);
  for (const expected of RISK_LEVELS) console.log(`  ${expected.padEnd(10)}${RISK_LEVELS.map((detected) => String(evaluation.confusion[expected][detected]).padStart(10)).join("")}`);
  if (!showMisses) return;
  for (const { message, detected } of evaluation.missed) console.log(`  missed [${message.writer} ${message.kind} ${message.label} → ${detected}] ${message.text}${message.context ? ` (after: ${JSON.stringify(message.context)})` : ""}`);
  for (const { message, detected } of evaluation.falseAlarms) console.log(`  false alarm [${message.writer} ${message.kind} ${message.label} → ${detected}] ${message.text}${message.context ? ` (after: ${JSON.stringify(message.context)})` : ""}`);
}

const combined = (message: CorpusMessage) => detectRisk(message.text, { lang: message.lang, ...(message.context ? { context: message.context } : {}) }).level;
const rulesAlone = (message: CorpusMessage) => detectRiskByRules(message.text, { lang: message.lang }).level;

console.log(`held-out writers: ${split.heldOut.join(", ")}`);
printEvaluation("rules alone, held-out writers", evaluateRisk(heldOut, rulesAlone), false);
printEvaluation("rules + classifier, held-out writers", evaluateRisk(heldOut, combined), true);
/** Each writer's figures, by the combined detector. */
function printEachWriter(messages: readonly CorpusMessage[]): void {
  for (const writer of [...new Set(messages.map((message) => message.writer))].sort()) printEvaluation(`rules + classifier, ${writer}`, evaluateRisk(messages.filter((message) => message.writer === writer), combined), false);
}
printEachWriter(heldOut);

/** Conversation figures: turn by turn, and as a session meets them. */
function printConversations(label: string, lines: readonly CorpusMessage[]): void {
  if (lines.length === 0) return;
  const result = evaluateConversations(lines, combined);
  const turns = result.turns;
  console.log(`  ${label}: ${turns.total} turns in ${result.conversations} conversations; turn by turn recall ${turns.detectedPositives}/${turns.positives} = ${percent(turns.recall)}, false positives ${turns.falsePositives}/${turns.negatives} = ${percent(turns.falsePositiveRate)}`);
  console.log(`      crisis turns already in the protocol's care or caught ${result.crisisTurnsCaughtInConversation}/${turns.positives} = ${percent(result.recallInConversation)}; crisis conversations caught by their first crisis turn ${result.caughtByFirstCrisis}/${result.crisisConversations}, at all ${result.caughtAtAll}/${result.crisisConversations}; safe conversations with an alarm ${result.alarmedSafeConversations}/${result.safeConversations}`);
  if (showMisses) printEvaluation(`  turn by turn, ${label}`, turns, true);
}
console.log(`
whole conversations by held-out writers (${split.heldOutConversations.join(", ")}): turn by turn, and as a session meets them (the protocol opens at the first turn detected high)`);
for (const lang of ["en", "zh"] as const) printConversations(lang, heldOutConversations.filter((message) => message.lang === lang));

const pending = loadPendingCorpus();
if (pending.length > 0) {
  console.log(`
writers written after the shipped model and not learnt yet (data/safety/pending): ${pending.length} lines`);
  printEvaluation("rules + classifier, pending writers", evaluateRisk(pending, combined), false);
  printEachWriter(pending);
  // Writers of whole conversations: every line of theirs is a turn after the bot's message.
  const conversationWriters = [...new Set(pending.map((message) => message.writer))].filter((writer) => pending.every((message) => message.writer !== writer || Boolean(message.context)));
  if (conversationWriters.length > 0) console.log(`\nwhole conversations by pending writers, as a session meets them`);
  for (const writer of conversationWriters.sort()) printConversations(writer, pending.filter((message) => message.writer === writer));
}

/** Someone else in danger now, against the annotators: read so, and what the client's own level was. */
function printSomeoneElse(label: string, messages: readonly CorpusMessage[]): void {
  for (const lang of ["en", "zh"] as const) {
    const lines = messages.filter((message) => message.lang === lang);
    const assessed = new Map(lines.map((message) => [message, detectRisk(message.text, { lang: message.lang, ...(message.context ? { context: message.context } : {}) })]));
    const figures = evaluateSomeoneElse(lines, (message) => assessed.get(message)?.someoneElseUrgent === true);
    const urgentInProtocol = lines.filter((message) => message.someoneElse === "urgent" && (assessed.get(message)?.level === "high" || assessed.get(message)?.level === "imminent")).length;
    console.log(
      `  ${label}, ${lang}: urgent read so ${figures.caught}/${figures.urgent} = ${percent(figures.caught / Math.max(1, figures.urgent))}; other annotated lines read urgent ${figures.notUrgentAlarms}/${figures.notUrgent} = ${percent(figures.notUrgentAlarms / Math.max(1, figures.notUrgent))}; lines about no one else read urgent ${figures.unannotatedAlarms}/${figures.unannotated} = ${percent(figures.unannotatedAlarms / Math.max(1, figures.unannotated))}; urgent lines read as the client's own crisis (high or above) ${urgentInProtocol}/${figures.urgent}`,
    );
    if (!showMisses) continue;
    for (const message of figures.missed) console.log(`    missed: ${message.text}`);
    for (const message of figures.falseAlarms) console.log(`    read urgent (${message.someoneElse ?? "not annotated"}): ${message.text}`);
  }
}

const firstReading = new Map(loadAnnotations().map((annotation) => [lineKey(annotation), annotation.someoneElse]));
const secondReading = loadSecondReading();
const pairs = secondReading.flatMap((annotation) => {
  const first = firstReading.get(lineKey(annotation));
  return first ? [[first === "urgent", annotation.someoneElse === "urgent"] as const] : [];
});
const agreed = pairs.filter(([a, b]) => a === b).length / Math.max(1, pairs.length);
const firstRate = pairs.filter(([a]) => a).length / Math.max(1, pairs.length);
const secondRate = pairs.filter(([, b]) => b).length / Math.max(1, pairs.length);
const chance = firstRate * secondRate + (1 - firstRate) * (1 - secondRate);
console.log(`
someone else in danger now (annotated lines; two annotators agree on urgent or not in ${percent(agreed)} of ${pairs.length} lines read twice, Cohen's kappa ${((agreed - chance) / Math.max(1e-9, 1 - chance)).toFixed(2)})`);
printSomeoneElse("held-out writers", heldOut);
if (heldOutSomeoneElse.length > 0) {
  printSomeoneElse(`writers about someone else (${split.heldOutSomeoneElse.join(", ")})`, heldOutSomeoneElse);
  printEvaluation("  the client's own level on their lines, rules + classifier", evaluateRisk(heldOutSomeoneElse, combined), false);
}
if (pending.length > 0) printSomeoneElse("pending writers", pending);

const heldOutReplies = splitByWriter(loadReplyCorpus(), loadReplySplit()).heldOut;
for (const lang of ["en", "zh"] as const) {
  const replies = heldOutReplies.filter((reply) => reply.lang === lang);
  const read = replies.filter((reply) => detectRisk(reply.reply, { lang, context: { bot: reply.question } }).someoneElseUrgent === true);
  console.log(`  ordinary answers to the bot's questions (reply corpus, held-out writers), ${lang}: read urgent ${read.length}/${replies.length}`);
  if (showMisses) for (const reply of read) console.log(`    ${JSON.stringify(reply.question)} → ${reply.reply}`);
}
console.log(`
in a session (held-out writers of both corpora: ordinary replies after their own question; crises after an ordinary question)`);
for (const lang of ["en", "zh"] as const) {
  const figures = inSessionFigures(lang, heldOut, heldOutReplies, (text, language, bot) => detectRisk(text, { lang: language, ...(bot ? { context: { bot } } : {}) }).level);
  console.log(`  ${lang}: false alarms on ordinary replies ${figures.falseAlarms.length}/${figures.ordinaryReplies} = ${percent(figures.falseAlarmRate)}; crisis recall alone ${percent(figures.recallAlone)}, after an ordinary question ${percent(figures.recallAfterQuestion)} (${figures.crises} lines)`);
  if (!showMisses) continue;
  for (const reply of figures.falseAlarms) console.log(`    false alarm after ${JSON.stringify(reply.question)}: ${reply.reply}`);
  for (const { message, question, detected } of figures.missedAfterQuestion) console.log(`    missed after ${JSON.stringify(question)} (${message.label} → ${detected}): ${message.text}`);
}

/** Realistic 500-character messages: corpus lines strung together, in one language each. */
function buildMessages(messages: readonly CorpusMessage[]): string[] {
  const built: string[] = [];
  for (const lang of ["en", "zh"] as const) {
    const pool = messages.filter((message) => message.lang === lang).map((message) => message.text);
    for (let start = 0; start < pool.length; start += 7) {
      let text = "";
      for (let i = start; text.length < TARGET_LENGTH; i = (i + 1) % pool.length) text += `${pool[i]}${lang === "zh" ? "。" : ". "}`;
      built.push(text.slice(0, TARGET_LENGTH));
    }
  }
  return built;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const long = buildMessages(corpus);
// Warm-up: V8 compiles a regex to machine code after a few runs; the model decodes on first use.
for (let round = 0; round < 3; round++) for (const text of long) detectRisk(text);
const timings: number[] = [];
for (let i = 0; i < iterations; i++) {
  const text = long[i % long.length] ?? "";
  const started = performance.now();
  detectRisk(text);
  timings.push(performance.now() - started);
}
timings.sort((a, b) => a - b);
const micros = (p: number): string => `${(percentile(timings, p) * 1000).toFixed(0)} µs`;
console.log(`\ndetectRisk (rules + classifier) on ${TARGET_LENGTH}-character messages (${long.length} distinct, ${iterations} runs, en + zh)`);
console.log(`  median ${micros(50)}, p95 ${micros(95)}, p99 ${micros(99)} (target: median ≤ 1000 µs)`);
