import { describe, expect, it } from "vitest";
import { loadCorpus, loadOrdinarySession, loadPendingCorpus, loadSplit, splitByWriter } from "../../safety-training/corpus-files";
import { inSessionFigures } from "../../safety-training/in-session";
import { trainingVersion } from "../../safety-training/train-risk-model";
import { loadReplyCorpus, loadReplySplit } from "../../reply-training/corpus-files";
import { riskModel } from "./classifier/shipped-model";
import { detectRisk } from "./detect-risk";
import { evaluateConversations, evaluateRisk, evaluateSomeoneElse, type RiskEvaluation } from "./risk-evaluation";
import { detectRiskByRules } from "./rule-detector";
import type { CorpusMessage } from "./corpus";
import { isAtLeast } from "./risk-types";

const corpus = loadCorpus();
const split = loadSplit();
const { training, heldOut, heldOutConversations, heldOutSomeoneElse } = splitByWriter(corpus, split);
const used = [...training, ...heldOut, ...heldOutConversations, ...heldOutSomeoneElse];

const failures = (evaluation: RiskEvaluation) =>
  JSON.stringify(
    {
      missed: evaluation.missed.slice(0, 40).map(({ message, detected }) => `${message.writer} ${message.label}→${detected}: ${message.text}`),
      falseAlarms: evaluation.falseAlarms.slice(0, 40).map(({ message, detected }) => `${message.writer} ${message.label}→${detected}: ${message.text}`),
    },
    null,
    2,
  );

const combined = (message: CorpusMessage) => detectRisk(message.text, { lang: message.lang, ...(message.context ? { context: message.context } : {}) }).level;

describe("the labelled safety corpus", () => {
  it("holds at least 6,000 lines in English and Chinese (Simplified and Traditional), each with a writer and a kind", () => {
    expect(used.length).toBeGreaterThanOrEqual(6000);
    for (const lang of ["en", "zh"] as const) expect(used.filter((message) => message.lang === lang).length).toBeGreaterThan(1500);
    expect(used.filter((message) => message.script === "traditional").length).toBeGreaterThan(200);
    expect(new Set(used.map((message) => message.writer)).size).toBeGreaterThanOrEqual(6);
    for (const level of ["none", "low", "medium", "high", "imminent"] as const) expect(used.filter((message) => message.label === level).length).toBeGreaterThan(100);
  });

  it("uses every writer's lines, in training or held out", () => {
    const listed = new Set([...split.training, ...split.heldOut, ...split.heldOutConversations, ...split.heldOutSomeoneElse]);
    expect([...new Set(corpus.map((message) => message.writer))].filter((writer) => !listed.has(writer))).toEqual([]);
  });

  it("keeps pending writers out of training: their lines parse, and none of them is in the split or the corpus", () => {
    const pendingWriters = new Set(loadPendingCorpus().map((message) => message.writer));
    const listed = [...split.training, ...split.heldOut, ...split.heldOutConversations, ...split.heldOutSomeoneElse];
    expect(listed.filter((writer) => pendingWriters.has(writer))).toEqual([]);
    expect(corpus.filter((message) => pendingWriters.has(message.writer))).toEqual([]);
  });

  it("keeps held-out writers apart: every held-out writer has lines, and no held-out line (text and context) is also a training line", () => {
    const held = [...heldOut, ...heldOutConversations, ...heldOutSomeoneElse];
    for (const writer of [...split.heldOut, ...split.heldOutConversations, ...split.heldOutSomeoneElse]) expect(held.some((message) => message.writer === writer), writer).toBe(true);
    const key = (message: CorpusMessage) => JSON.stringify([message.text.trim().toLowerCase(), message.context ?? null]);
    const trainingTexts = new Set(training.map(key));
    // Short common phrases ("我想自杀", "yes") are written independently by several writers; longer ones are not.
    const leaked = held.filter((message) => message.text.trim().length >= 12 && trainingTexts.has(key(message)));
    expect(leaked.map((message) => message.text)).toEqual([]);
  });

  it("ships the model trained on the corpus as it is (run `npm run safety:train` after changing the data)", () => {
    expect(riskModel().version).toBe(trainingVersion(training, loadOrdinarySession()));
  });
});

/**
 * Floors measured on the held-out writers, a little under the figures reached (see the datasheet
 * and `bench/risk.bench.ts`), so that a change to the rules, the features or the data that makes
 * the detector worse on unseen writers fails here. The goal is recall ≥ 0.95 with ≤ 5 % false
 * alarms per language; the detector does not reach it yet, and these floors say where it stands.
 * The cut-offs are chosen out of fold for 8 % false alarms; the two outside evaluators' hard sets
 * (w86, w87) raise about one in nine false alarms on their hard negatives. Each retraining's
 * figures and how the floors moved with them are in the datasheet's Maintenance section; with
 * w239–w282: English 93.8 % at 6.3 %, Chinese 95.1 % at 7.6 %; with the someone-else model beside it, English 93.6 %.
 */
const FLOORS = { en: { recall: 0.93, falsePositiveRate: 0.065 }, zh: { recall: 0.94, falsePositiveRate: 0.08 } } as const;

describe("the risk detector on writers it was never trained or tuned on", () => {
  const evaluation = evaluateRisk(heldOut, combined);
  const rulesAlone = evaluateRisk(heldOut, (message) => detectRiskByRules(message.text, { lang: message.lang }).level);

  for (const lang of ["en", "zh"] as const) {
    it(`${lang}: catches high and imminent risk, and raises few false alarms on hard negatives`, () => {
      const score = evaluation.byLanguage[lang];
      expect(score?.recall, failures(evaluation)).toBeGreaterThanOrEqual(FLOORS[lang].recall);
      expect(score?.falsePositiveRate, failures(evaluation)).toBeLessThanOrEqual(FLOORS[lang].falsePositiveRate);
    });

    it(`${lang}: catches far more than the rules alone, with no more false alarms`, () => {
      const score = evaluation.byLanguage[lang];
      const rules = rulesAlone.byLanguage[lang];
      expect(score?.recall ?? 0).toBeGreaterThan((rules?.recall ?? 1) + 0.3);
      expect(score?.falsePositiveRate ?? 1).toBeLessThanOrEqual((rules?.falsePositiveRate ?? 0) + 0.01);
    });
  }
});

/**
 * Someone else in danger now, on writers never trained or tuned on: the held-out writers' lines
 * (annotated from the same brief as the training lines) and split.json's `heldOutSomeoneElse`
 * (writers about other people's danger, who labelled it themselves). Floors a little under the
 * figures reached (see the datasheet): the reading must catch most emergencies of another person,
 * rarely fire on a line about someone not in danger now, almost never on a line about no one else
 * or an ordinary answer, and take no more of those emergencies for the client's own crisis than
 * today (English 61 of 105 and Chinese 73 of 106 of the someone-else writers' urgent lines; 63 and 75
 * before the someone-else reading). Today it reads 27 % (English) and 23 % (Chinese) of those
 * emergencies, at a cut-off chosen to stay almost silent elsewhere.
 */
const SOMEONE_ELSE_FLOORS = {
  en: { recall: 0.25, annotatedFalseAlarms: 0.06, unannotatedFalseAlarms: 0.004, ordinaryReplies: 0.004, readAsOwnCrisis: 0.59 },
  zh: { recall: 0.2, annotatedFalseAlarms: 0.06, unannotatedFalseAlarms: 0.004, ordinaryReplies: 0.002, readAsOwnCrisis: 0.7 },
} as const;

describe("reading someone else's emergency, on writers it was never trained or tuned on", () => {
  for (const lang of ["en", "zh"] as const) {
    const lines = [...heldOut, ...heldOutSomeoneElse].filter((message) => message.lang === lang);
    const assessed = new Map(lines.map((message) => [message, detectRisk(message.text, { lang, ...(message.context ? { context: message.context } : {}) })]));
    const figures = evaluateSomeoneElse(lines, (message) => assessed.get(message)?.someoneElseUrgent === true);

    it(`${lang}: reads most of another person's emergencies as urgent`, () => {
      expect(figures.urgent).toBeGreaterThan(100);
      expect(figures.caught / figures.urgent, figures.missed.slice(0, 30).map((message) => message.text).join("\n")).toBeGreaterThanOrEqual(SOMEONE_ELSE_FLOORS[lang].recall);
    });

    it(`${lang}: takes no more of another person's emergencies for the client's own crisis than today`, () => {
      const urgent = heldOutSomeoneElse.filter((message) => message.lang === lang && message.someoneElse === "urgent");
      const asOwnCrisis = urgent.filter((message) => isAtLeast(assessed.get(message)?.level ?? "none", "high"));
      expect(urgent.length).toBeGreaterThan(100);
      expect(asOwnCrisis.length / urgent.length).toBeLessThanOrEqual(SOMEONE_ELSE_FLOORS[lang].readAsOwnCrisis);
    });

    it(`${lang}: never reads it in an ordinary answer to the bot's question`, () => {
      const replies = splitByWriter(loadReplyCorpus(), loadReplySplit()).heldOut.filter((reply) => reply.lang === lang);
      expect(replies.length).toBeGreaterThan(300);
      const read = replies.filter((reply) => detectRisk(reply.reply, { lang, context: { bot: reply.question } }).someoneElseUrgent === true);
      expect(read.length / replies.length, read.map((reply) => `${reply.question} → ${reply.reply}`).join("\n")).toBeLessThanOrEqual(SOMEONE_ELSE_FLOORS[lang].ordinaryReplies);
    });

    it(`${lang}: rarely reads it where no one else is in danger now`, () => {
      const falseAlarms = figures.falseAlarms.slice(0, 30).map((message) => message.text).join("\n");
      expect(figures.notUrgentAlarms / figures.notUrgent, falseAlarms).toBeLessThanOrEqual(SOMEONE_ELSE_FLOORS[lang].annotatedFalseAlarms);
      expect(figures.unannotatedAlarms / figures.unannotated, falseAlarms).toBeLessThanOrEqual(SOMEONE_ELSE_FLOORS[lang].unannotatedFalseAlarms);
    });
  }
});

/**
 * Inside a session every message follows a bot question (see server/safety-training/in-session.ts).
 * Ceilings a little above today's figures on held-out writers of both corpora, so that nothing gets
 * worse. The goal is no ordinary reply raised to medium and no crisis lost after an ordinary
 * question; today a few points of each remain (see the datasheet's "In a session").
 */
const SESSION_CEILINGS = {
  en: { falseAlarmRate: 0.03, lostAfterQuestion: 0.06 },
  zh: { falseAlarmRate: 0.02, lostAfterQuestion: 0.14 },
} as const;

describe("the risk detector inside a session, on writers it was never trained or tuned on", () => {
  const heldOutReplies = splitByWriter(loadReplyCorpus(), loadReplySplit()).heldOut;
  const detect = (text: string, lang: "en" | "zh", bot?: string) => detectRisk(text, { lang, ...(bot ? { context: { bot } } : {}) }).level;

  for (const lang of ["en", "zh"] as const) {
    const figures = inSessionFigures(lang, heldOut, heldOutReplies, detect);

    it(`${lang}: raises few alarms on ordinary replies to the bot's questions`, () => {
      expect(figures.ordinaryReplies).toBeGreaterThan(300);
      expect(figures.falseAlarmRate, figures.falseAlarms.map((reply) => reply.reply).join("\n")).toBeLessThanOrEqual(SESSION_CEILINGS[lang].falseAlarmRate);
    });

    it(`${lang}: still catches a crisis said after an ordinary question`, () => {
      expect(figures.crises).toBeGreaterThan(300);
      const missed = figures.missedAfterQuestion.slice(0, 30).map(({ message, question }) => `${question} → ${message.text}`).join("\n");
      expect(figures.recallAlone - figures.recallAfterQuestion, missed).toBeLessThanOrEqual(SESSION_CEILINGS[lang].lostAfterQuestion);
    });
  }
});

/**
 * Whole conversations by held-out conversation writers (split.json's `heldOutConversations`), as a
 * session meets them: a crisis turn is in the protocol's care once it or an earlier turn of its
 * conversation was detected at high. Floors a little under today's figures (see the datasheet):
 * English 95.6 % of crisis turns, 124 of 125 crisis conversations, 4.3 % of safe turns and 10 of 117
 * safe conversations alarmed; Chinese 94.0 %, 126 of 126, 3.0 %, 7 of 112.
 */
const CONVERSATION_FLOORS = {
  en: { recallInConversation: 0.94, crisisConversationsCaught: 0.97, falsePositiveRate: 0.045, alarmedSafeConversations: 0.1 },
  zh: { recallInConversation: 0.93, crisisConversationsCaught: 0.97, falsePositiveRate: 0.035, alarmedSafeConversations: 0.09 },
} as const;

describe("the risk detector on whole conversations by writers it was never trained or tuned on", () => {
  for (const lang of ["en", "zh"] as const) {
    const result = evaluateConversations(
      heldOutConversations.filter((message) => message.lang === lang),
      combined,
    );
    const floors = CONVERSATION_FLOORS[lang];

    it(`${lang}: a crisis turn is caught, or already in the protocol's care from an earlier turn`, () => {
      expect(result.crisisConversations).toBeGreaterThan(100);
      expect(result.recallInConversation, failures(result.turns)).toBeGreaterThanOrEqual(floors.recallInConversation);
      expect(result.caughtAtAll / result.crisisConversations).toBeGreaterThanOrEqual(floors.crisisConversationsCaught);
    });

    it(`${lang}: few safe turns and safe conversations raise an alarm`, () => {
      expect(result.safeConversations).toBeGreaterThan(100);
      expect(result.turns.falsePositiveRate, failures(result.turns)).toBeLessThanOrEqual(floors.falsePositiveRate);
      expect(result.alarmedSafeConversations / result.safeConversations).toBeLessThanOrEqual(floors.alarmedSafeConversations);
    });
  }
});
