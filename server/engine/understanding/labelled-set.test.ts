import { describe, expect, it } from "vitest";
import { loadReplyCorpus, loadReplySplit, splitByWriter } from "../../reply-training/corpus-files";
import { intentTrainingVersion } from "../../reply-training/train-intent-model";
import type { LabelledReply } from "./corpus";
import { scoreReplies, type ReplyEvaluation } from "./evaluation";
import { readReply } from "./read-reply";
import { shippedReplyModels } from "./shipped-models";
import { QUESTION_KINDS, REPLY_INTENTS } from "./types";

const corpus = loadReplyCorpus();
const split = loadReplySplit();
const { training, heldOut } = splitByWriter(corpus, split);
const used = [...training, ...heldOut];

const read = (reply: LabelledReply) => readReply({ kind: reply.kind, text: reply.question, lang: reply.lang, ...(reply.options ? { options: reply.options } : {}) }, reply.reply);

const failures = (evaluation: ReplyEvaluation) =>
  evaluation.misses
    .slice(0, 60)
    .map(({ reply, reading, what }) => `${what} ${reply.writer} ${reply.kind} ${reply.intent}→${reading.intent} ${JSON.stringify(reply.value)}→${JSON.stringify(reading.value ?? null)}: ${reply.reply}`)
    .join("\n");

describe("the labelled reply corpus", () => {
  it("holds at least 2,000 replies in English and Chinese from several writers, every question kind and intent", () => {
    expect(used.length).toBeGreaterThanOrEqual(2000);
    for (const lang of ["en", "zh"] as const) expect(used.filter((reply) => reply.lang === lang).length).toBeGreaterThan(800);
    expect(new Set(used.map((reply) => reply.writer)).size).toBeGreaterThanOrEqual(5);
    for (const kind of QUESTION_KINDS) expect(used.filter((reply) => reply.kind === kind).length, kind).toBeGreaterThan(100);
    for (const intent of REPLY_INTENTS) expect(used.filter((reply) => reply.intent === intent).length, intent).toBeGreaterThan(80);
  });

  it("uses every finished writer's replies, in training or held out, and keeps the held-out ones apart", () => {
    const listed = new Set([...split.training, ...split.heldOut]);
    expect([...new Set(corpus.map((reply) => reply.writer))].filter((writer) => !listed.has(writer))).toEqual([]);
    for (const writer of split.heldOut) expect(heldOut.some((reply) => reply.writer === writer), writer).toBe(true);
    const trainingReplies = new Set(training.map((reply) => reply.reply.trim().toLowerCase()));
    // Short replies ("skip", "不知道") are written independently by several writers; longer ones are not.
    expect(heldOut.filter((reply) => reply.reply.trim().length >= 15 && trainingReplies.has(reply.reply.trim().toLowerCase())).map((r) => r.reply)).toEqual([]);
  });

  it("ships the intent model trained on the corpus as it is (run `npm run replies:train` after changing the data)", () => {
    expect(shippedReplyModels().intent.version).toBe(intentTrainingVersion(training));
  });
});

/**
 * Floors measured on the held-out writers, a little under the figures reached (see
 * data/replies/DATASHEET.md and `bench/replies.bench.ts`), so that a change to the extractors,
 * the features or the data that reads unseen writers worse fails here. The goal is 0.95 for each;
 * these floors say where the reader stands. With r33–r36: English 95.6 % of intents and 95.9 % of
 * values, Chinese 93.4 % and 96.0 %; with r37–r38 too, English intents 95.0 % (three replies). With
 * r39–r42 and the fifth extractor round: English 95.2 % and 95.3 %, Chinese 94.6 % and 96.7 %; with
 * r43–r45 and the sixth: English 95.4 % and 95.9 %, Chinese 95.6 % and 96.7 %.
 */
const FLOORS = { en: { intent: 0.945, value: 0.95 }, zh: { intent: 0.95, value: 0.95 } } as const;

describe("reply understanding on writers it was never trained or tuned on", () => {
  const evaluation = scoreReplies(heldOut, read);
  for (const lang of ["en", "zh"] as const) {
    it(`${lang}: reads the intent of replies and the exact value of answers`, () => {
      const scores = evaluation.byLanguage[lang];
      expect(scores.intentAccuracy, failures(evaluation)).toBeGreaterThanOrEqual(FLOORS[lang].intent);
      expect(scores.valueAccuracy, failures(evaluation)).toBeGreaterThanOrEqual(FLOORS[lang].value);
    });
  }
});
