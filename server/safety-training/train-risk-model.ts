/**
 * Trains the shipped risk classifier (alarm, imminence and concern models, see
 * ../engine/safety/classifier/model.ts) from the training writers only:
 * 1. cross-validation over folds of whole writers gives every training line a prediction from
 *    models that never saw its writer (out-of-fold);
 * 2. a softmax temperature is fitted on those predictions for each model (calibration);
 * 3. the cut-offs are chosen on them, for each language on its own, with the rules in the loop as
 *    the detector runs them: the most recall of high+imminent with at most `maxFalsePositiveRate`
 *    false alarms on hard negatives (false alarms on ordinary messages cost a crisis protocol
 *    in the middle of a normal session, so the budget is held even when recall suffers);
 * 4. the final models are trained on every training line.
 * Held-out writers are not read here.
 */
import { createHash } from "node:crypto";
import type { CorpusMessage } from "../engine/safety/corpus";
import { FEATURE_BITS } from "../engine/classifier/features";
import { messageFeatures } from "../engine/safety/classifier/features";
import { logits, softmax, type FeatureRows } from "../engine/classifier/linear";
import { DEFAULT_TRAIN_OPTIONS, fitTemperature, trainWeights, type TrainedWeights, type TrainOptions, type TrainingExample } from "../engine/classifier/train";
import { ALARM_CLASSES, CONCERN_CLASSES, encodeRiskModel, IMMINENCE_CLASSES, SOMEONE_ELSE_CLASSES, verdictFrom, type RiskScores, type RiskThresholds, type SerializedRiskModel } from "../engine/safety/classifier/model";
import { combinedLevel, rulesInContext, withPreviousTurn, type LanguageCutoffs, type RuleReading } from "../engine/safety/detect-risk";
import { ruleFindings, type RuleAssessment } from "../engine/safety/rule-detector";
import { type RiskLanguage, type RiskLevel, isAtLeast } from "../engine/safety/risk-types";
import { mainLanguage } from "../engine/text/normalise";
import { buriedCopies, sessionCopies } from "./training-copies";
import { SOMEONE_ELSE_UNANNOTATED_BUDGET, someoneElseCutoff, type SomeoneElseFigures } from "./someone-else-cutoff";

export interface TrainingReport {
  model: SerializedRiskModel;
  trainingLines: number;
  writers: string[];
  outOfFold: { recall: number; falsePositiveRate: number; byLanguage: Record<string, { recall: number; falsePositiveRate: number }> };
  /** Out-of-fold recall at other false-alarm budgets, to show the trade-off, with the cut-offs each budget chooses. */
  tradeOff: { budget: number; recall: number; falsePositiveRate: number; thresholds: Record<RiskLanguage, RiskThresholds> }[];
  /** Out of fold, among crises the detector caught: how many imminent lines it called imminent, and how many it called imminent were. */
  imminence: { recall: number; precision: number };
  /** Out of fold: the share of medium lines the detector reads as medium or above. */
  mediumKept: number;
  /** Out of fold, per language: the someone-else model at its chosen cut-off, on the annotated lines and on every other line. */
  someoneElse: Record<RiskLanguage, SomeoneElseFigures>;
  features: number;
  imminenceFeatures: number;
  concernFeatures: number;
  someoneElseFeatures: number;
}

const featuresOf = (message: CorpusMessage, rules: RuleAssessment): Uint32Array => messageFeatures(message.text, message.context, ruleFindings(rules));

/**
 * How the risk classifier is trained. Less L2 and a gentler step than the shared defaults: out of
 * fold on the training writers, recall of high+imminent at a fixed false-alarm rate rose most for
 * Chinese (about 61 → 69 % at 5 %), with English about level. A feature must occur three times:
 * on a dev split of the training writers that scored the same as twice and keeps the model a third
 * smaller, leaving room for the Latin phrase pieces.
 */
export const RISK_TRAIN_OPTIONS: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, l2: 1e-3, learningRate: 0.1, minCount: 3 };

/** Each learnt level weighs the same in total, so the few imminent lines are not drowned by the many none. */
function levelWeights(messages: readonly CorpusMessage[]): (message: CorpusMessage) => number {
  const perLevel = new Map<RiskLevel, number>();
  for (const message of messages) perLevel.set(message.label, (perLevel.get(message.label) ?? 0) + 1);
  return (message) => (messages.length / (perLevel.size * (perLevel.get(message.label) ?? 1))) * (message.kind === ORDINARY_REPLY_KIND ? ORDINARY_REPLY_WEIGHT : 1);
}

const isCrisis = (message: CorpusMessage): boolean => isAtLeast(message.label, "high");

/**
 * The imminence and concern models keep a feature from five occurrences (the alarm model from
 * three): they read a narrower question, and so the three fit the model file's 10 MB.
 */
const AUXILIARY_MIN_COUNT = 5;

/**
 * The someone-else model keeps a feature from twenty occurrences: it learns from every line, and
 * from five it held a million features (3 MB), which took the model file past 10 MB.
 */
const SOMEONE_ELSE_MIN_COUNT = 20;

/** What one of the models learns: which lines, which of them are its positive class, read how. */
interface ModelSpec {
  classes: number;
  learns(message: CorpusMessage): boolean;
  positive(message: CorpusMessage): boolean;
  reads: keyof FeatureCache;
  /** Features kept from this many occurrences (the shared options' when absent). */
  minCount?: number;
  /** `class`: each class weighs the same in total (a rare class among every line); the levels' weights otherwise. */
  weighting?: "class";
}

/**
 * The three models (see model.ts). The alarm model learns crisis (high, imminent) against safe
 * (none, low), medium lines not learnt; the imminence model imminent against high, from crisis
 * lines only; the concern model medium against none and low, from the lines that are no crisis,
 * each read alone (see `ownWordsOf`).
 */
const MODELS = {
  alarm: { classes: ALARM_CLASSES.length, learns: (message) => message.label !== "medium", positive: (message) => isCrisis(message), reads: "full" },
  imminence: { classes: IMMINENCE_CLASSES.length, learns: (message) => isCrisis(message), positive: (message) => message.label === "imminent", reads: "full", minCount: AUXILIARY_MIN_COUNT },
  concern: { classes: CONCERN_CLASSES.length, learns: (message) => !isCrisis(message), positive: (message) => message.label === "medium", reads: "ownWords", minCount: AUXILIARY_MIN_COUNT },
  someoneElse: {
    classes: SOMEONE_ELSE_CLASSES.length,
    learns: () => true,
    positive: (message) => message.someoneElse === "urgent",
    reads: "full",
    minCount: SOMEONE_ELSE_MIN_COUNT,
    weighting: "class",
  },
} satisfies Record<string, ModelSpec>;

type ModelName = keyof typeof MODELS;
const MODEL_NAMES = Object.keys(MODELS) as ModelName[];

function examplesFor(spec: ModelSpec, messages: readonly CorpusMessage[], features: FeatureCache): TrainingExample[] {
  const learnt = messages.filter((message) => spec.learns(message));
  const weight = spec.weighting === "class" ? classWeights(learnt, spec.positive) : levelWeights(learnt);
  return learnt.map((message) => ({ features: features[spec.reads](message), label: spec.positive(message) ? 1 : 0, weight: weight(message) }));
}

/** Each class weighs the same in total. */
function classWeights(messages: readonly CorpusMessage[], positive: (message: CorpusMessage) => boolean): (message: CorpusMessage) => number {
  const positives = messages.filter(positive).length;
  const perClass = [messages.length - positives, positives];
  return (message) => messages.length / (2 * Math.max(1, perClass[positive(message) ? 1 : 0] ?? 1));
}

/** The models trained on these lines (each fold's, and the final ones). */
function trainModels(messages: readonly CorpusMessage[], features: FeatureCache, options: TrainOptions): Record<ModelName, TrainedWeights> {
  const trained = (spec: ModelSpec): TrainedWeights => trainWeights(examplesFor(spec, messages, features), spec.classes, { ...options, minCount: spec.minCount ?? options.minCount });
  return { alarm: trained(MODELS.alarm), imminence: trained(MODELS.imminence), concern: trained(MODELS.concern), someoneElse: trained(MODELS.someoneElse) };
}

/**
 * Each line's features, worked out once: every fold and model reads the same ones, and working
 * them out again per fold and model took about a third of training time.
 */
interface FeatureCache {
  full(message: CorpusMessage): Uint32Array;
  ownWords(message: CorpusMessage): Uint32Array;
}

function featureCache(rules: ReadonlyMap<CorpusMessage, RuleAssessment>): FeatureCache {
  const full = new Map<CorpusMessage, Uint32Array>();
  const ownWords = new Map<CorpusMessage, Uint32Array>();
  const ruled = (message: CorpusMessage): RuleAssessment => rules.get(message) ?? rulesFor(message);
  const memo = (cache: Map<CorpusMessage, Uint32Array>, read: (message: CorpusMessage, rules: RuleAssessment) => Uint32Array) => (message: CorpusMessage): Uint32Array => {
    let features = cache.get(message);
    if (!features) cache.set(message, (features = read(message, ruled(message))));
    return features;
  };
  return { full: memo(full, featuresOf), ownWords: memo(ownWords, ownWordsOf) };
}

/**
 * A message's features without its context, as the concern model reads it (model.ts): it is read
 * only for a rule match, whose risk words are in the message itself, and with the bot's question
 * it learnt that answers to mood questions are ordinary (the reply corpus), so "sometimes I wish I
 * could just disappear" after "how has your mood been?" read as nothing.
 */
const ownWordsOf = (message: CorpusMessage, rules: RuleAssessment): Uint32Array => messageFeatures(message.text, undefined, ruleFindings(rules));

/** The kind of a reply corpus answer read as a safety line (none, after its own question). */
export const ORDINARY_REPLY_KIND = "ordinary_reply";

/**
 * What an ordinary session looks like, from the reply corpus's training writers: the questions a
 * bot asks, and the answers people give them. The answers are learnt as none: a goal of "to feel
 * like myself again" is ordinary, however often "myself again" ends a self-harm disclosure in the
 * safety corpus.
 */
export interface OrdinarySession {
  questions: readonly string[];
  replies: readonly CorpusMessage[];
}

/**
 * What an ordinary answer weighs against a none line of the safety corpus. Once the classifier
 * learnt only crisis against safe, it raised more alarms on ordinary answers in a session; on a
 * dev split (safety and reply writers held out of training), 1.5 halved those (Chinese 0.7 →
 * 0.3 % at a 0.6 cut-off) with recall at fixed false alarms on hard negatives unchanged (0.5 before).
 */
const ORDINARY_REPLY_WEIGHT = 1.5;

const NO_SESSION: OrdinarySession = { questions: [], replies: [] };

interface Scored {
  message: CorpusMessage;
  /** The language whose cut-offs the detector will apply (from the text, as at run time). */
  cutoffLanguage: RiskLanguage;
  /** Each model's out-of-fold logits. */
  logits: Record<ModelName, number[]>;
  rules: RuleReading;
  /** For a short reply the rules leave to its context: the alarm model's out-of-fold logits on the client's previous turn, read alone. */
  previousLogits?: number[];
  /** For a rule match in context: the alarm model's out-of-fold logits on the message's own words (see `vetoedRuleLevel`). */
  aloneLogits?: number[];
  /** Calibrated scores, once the temperatures are known. */
  scores: RiskScores;
  /** The previous turn's calibrated P(high or above), when read (see `withPreviousTurn`). */
  previousCrisis?: number;
}

/** A scored line's level under these cut-offs, as the detector would give it. */
function levelOf(item: Scored, cutoffs: LanguageCutoffs): RiskLevel {
  return combinedLevel(withPreviousTurn(item.rules, item.previousCrisis, cutoffs), verdictFrom(item.scores, cutoffs.thresholds), cutoffs);
}

/** The previous turn's features as the detector reads it: alone, with the rules' findings on it. */
const previousTurnFeatures = (message: CorpusMessage, rules: RuleReading): Uint32Array | undefined =>
  message.context?.client && rules.previousTurn ? messageFeatures(message.context.client, undefined, ruleFindings(rules.previousTurn)) : undefined;

function rulesFor(message: CorpusMessage): RuleReading {
  return rulesInContext(message.text, { lang: message.lang, ...(message.context ? { context: message.context } : {}) });
}

interface Tally {
  positives: number;
  caught: number;
  negatives: number;
  alarms: number;
}

/** Recall and false alarms per labelled language, each message judged by its own language's cut-offs. */
function score(scored: readonly Scored[], thresholds: Readonly<Record<RiskLanguage, RiskThresholds>>) {
  const byLanguage: Partial<Record<RiskLanguage, Tally>> = {};
  for (const item of scored) {
    const level = levelOf(item, { thresholds: thresholds[item.cutoffLanguage] });
    const tally = (byLanguage[item.message.lang] ??= { positives: 0, caught: 0, negatives: 0, alarms: 0 });
    if (isAtLeast(item.message.label, "high")) {
      tally.positives++;
      if (isAtLeast(level, "high")) tally.caught++;
    } else if (!isAtLeast(item.message.label, "medium")) {
      tally.negatives++;
      if (isAtLeast(level, "medium")) tally.alarms++;
    }
  }
  const tallies = Object.values(byLanguage);
  const sum = (pick: (t: Tally) => number) => tallies.reduce((total, tally) => total + pick(tally), 0);
  return {
    recall: sum((t) => t.caught) / Math.max(1, sum((t) => t.positives)),
    falsePositiveRate: sum((t) => t.alarms) / Math.max(1, sum((t) => t.negatives)),
    byLanguage: Object.fromEntries(
      Object.entries(byLanguage).map(([lang, t]) => [lang, { recall: t.caught / Math.max(1, t.positives), falsePositiveRate: t.alarms / Math.max(1, t.negatives) }]),
    ),
  };
}

const grid = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let value = from; value <= to + 1e-9; value += step) out.push(Math.round(value * 1000) / 1000);
  return out;
};

interface Candidate {
  thresholds: RiskThresholds;
  recall: number;
  falsePositiveRate: number;
}

const STRICTEST: RiskThresholds = { high: 0.975, imminent: 0.5, overrule: 1, veto: 0, someoneElse: 1 };

/**
 * The veto cut-offs tried: below it, a rule match at medium or high the classifier reads as no
 * crisis is set aside. The grid reaches 0.5, about where the classifier's own crisis cut-off lies:
 * when it stopped at 0.3, Chinese chose 0.3; with 0.4 and 0.5 on it, the cut-offs chosen were 0.4
 * to 0.5, and out of fold recall rose at every false-alarm budget (at 5 %, 86.0 → 87.0 %; at 3 %,
 * 76.3 → 79.4 %). Later retrainings chose from 0.3 to 0.5.
 */
/**
 * The someone-else cut-offs tried. The model learns its rare class weighted up, so its calibrated
 * scores run high and the grid reaches 0.995.
 */
const SOMEONE_ELSE_CUTOFFS = [...grid(0.5, 0.95, 0.025), ...grid(0.96, 0.995, 0.005)];

const VETO_GRID = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5];

/**
 * Every cut-off combination on the grid, scored out-of-fold on the messages of one language, with
 * the language's someone-else cut-off (chosen first: it decides where `overrule` applies).
 */
function candidates(scored: readonly Scored[], someoneElse: number): Candidate[] {
  const out: Candidate[] = [];
  for (const high of grid(0.2, 0.975, 0.025)) {
    for (const overrule of grid(Math.max(high, 0.5), 1, 0.05)) {
      for (const veto of VETO_GRID) {
        const thresholds = { high, imminent: 0.5, overrule, veto, someoneElse };
        const result = score(scored, { en: thresholds, zh: thresholds });
        out.push({ thresholds, recall: result.recall, falsePositiveRate: result.falsePositiveRate });
      }
    }
  }
  return out;
}

/** The most recall whose false-alarm rate stays within the budget (or the fewest false alarms when none does). */
function bestWithin(all: readonly Candidate[], budget: number): Candidate | undefined {
  let best: Candidate | undefined;
  for (const candidate of all) {
    const fits = candidate.falsePositiveRate <= budget + 1e-9;
    const bestFits = best !== undefined && best.falsePositiveRate <= budget + 1e-9;
    if (!best) best = candidate;
    else if (fits && !bestFits) best = candidate;
    else if (fits && bestFits && (candidate.recall > best.recall + 1e-9 || (Math.abs(candidate.recall - best.recall) < 1e-9 && candidate.falsePositiveRate < best.falsePositiveRate))) best = candidate;
    else if (!fits && !bestFits && candidate.falsePositiveRate < best.falsePositiveRate - 1e-9) best = candidate;
  }
  return best;
}

/** Names a model by what it was trained from: the training lines (in order) and the options. */
export function trainingVersion(training: readonly CorpusMessage[], session: OrdinarySession = NO_SESSION, options: TrainOptions = RISK_TRAIN_OPTIONS): string {
  return createHash("sha256")
    .update(
      JSON.stringify({
        options,
        models: [ALARM_CLASSES, IMMINENCE_CLASSES, CONCERN_CLASSES, SOMEONE_ELSE_CLASSES],
        auxiliaryMinCount: AUXILIARY_MIN_COUNT,
        someoneElseMinCount: SOMEONE_ELSE_MIN_COUNT,
        someoneElseBudget: SOMEONE_ELSE_UNANNOTATED_BUDGET,
        replyWeight: ORDINARY_REPLY_WEIGHT,
        questions: session.questions,
        replies: session.replies.map((reply) => [reply.text, reply.context?.bot ?? ""]),
        lines: training.map((message) => [message.writer, message.label, message.text, message.context ?? null, message.someoneElse ?? null]),
      }),
    )
    .digest("hex")
    .slice(0, 12);
}

/**
 * The false-alarm budget on hard negatives, per language. Hard negatives are written to look like
 * risk (idioms, dark humour, clinical questions, someone else's crisis); ordinary messages raise far
 * fewer alarms. Out of fold, 5 % left about half of the crises uncaught, and 8 % catches about a
 * quarter more of them: a missed crisis costs more than a check-in nobody needed.
 */
export const FALSE_ALARM_BUDGET = 0.08;

/**
 * Writers per cross-validation fold: whole writers are held out together, so a prediction never
 * comes from a model that saw its writer. Folds rather than one writer at a time keep training
 * time flat as writers are added; the out-of-fold figures barely move.
 */
const FOLDS = 8;

/**
 * Replies whose risk the detector cannot see: labelled medium or above only for their context
 * (kind `context_reply`) when the client's previous turn is itself such a reply. Conversation
 * writers carry a risk forward from turns further back ("ok", "I'm not sure" two turns after a
 * plan); the detector reads only the bot's last message and the previous turn, and learnt, those
 * lines taught that ordinary replies are crises. They stay in the corpus and the benchmark, and are
 * neither learnt nor used to choose the cut-offs.
 */
export function riskOutOfView(training: readonly CorpusMessage[]): Set<CorpusMessage> {
  const carried = (message: CorpusMessage): boolean => message.kind === "context_reply" && isAtLeast(message.label, "medium");
  const carriers = new Set(training.filter(carried).map((message) => `${message.writer}\u0000${message.text}`));
  return new Set(training.filter((message) => carried(message) && Boolean(message.context?.client) && carriers.has(`${message.writer}\u0000${message.context?.client ?? ""}`)));
}

/** The folds: writers in name order, dealt round-robin. */
function writerFolds(writers: readonly string[]): string[][] {
  const folds: string[][] = Array.from({ length: Math.min(FOLDS, writers.length) }, () => []);
  writers.forEach((writer, index) => folds[index % folds.length]?.push(writer));
  return folds;
}

/** `session`: an ordinary session's questions (for the session copies) and replies (learnt as none). */
export function trainRiskModel(
  training: readonly CorpusMessage[],
  session: OrdinarySession = NO_SESSION,
  options: TrainOptions = RISK_TRAIN_OPTIONS,
  maxFalsePositiveRate = FALSE_ALARM_BUDGET,
): TrainingReport {
  const writers = [...new Set(training.map((message) => message.writer))].sort();
  const outOfView = riskOutOfView(training);
  const learnt = training.filter((message) => !outOfView.has(message));
  const fitted = [...learnt, ...sessionCopies(learnt, session.questions, options.seed), ...buriedCopies(learnt, options.seed), ...session.replies];
  const rules = new Map(fitted.map((message) => [message, rulesFor(message)]));
  const features = featureCache(rules);
  const scored: Scored[] = [];
  for (const foldWriters of writerFolds(writers)) {
    const held = new Set(foldWriters);
    const seen = fitted.filter((message) => !held.has(message.writer));
    const trained = trainModels(seen, features, options);
    const models = Object.fromEntries(MODEL_NAMES.map((name) => [name, floatModel(trained[name], MODELS[name].classes)])) as Record<ModelName, ReturnType<typeof floatModel>>;
    for (const message of learnt.filter((candidate) => held.has(candidate.writer))) {
      const read = Object.fromEntries(MODEL_NAMES.map((name) => [name, logits(models[name], features[MODELS[name].reads](message))])) as Record<ModelName, number[]>;
      const ruled = rules.get(message) ?? rulesFor(message);
      const previous = ruled.contextDependent ? previousTurnFeatures(message, ruled) : undefined;
      scored.push({
        message,
        cutoffLanguage: mainLanguage(message.text, message.lang),
        logits: read,
        rules: ruled,
        ...(previous ? { previousLogits: logits(models.alarm, previous) } : {}),
        ...(message.context && isAtLeast(ruled.level, "medium") ? { aloneLogits: logits(models.alarm, features.ownWords(message)) } : {}),
        scores: { crisis: 0, imminentIfCrisis: 0, concern: 0, someoneElse: 0 },
      });
    }
  }
  const temperatures = Object.fromEntries(
    MODEL_NAMES.map((name) => [name, fitTemperature(scored.filter((item) => MODELS[name].learns(item.message)).map((item) => ({ logits: item.logits[name], label: MODELS[name].positive(item.message) ? 1 : 0 })))]),
  ) as Record<ModelName, number>;
  for (const item of scored) {
    const positive = (name: ModelName): number => softmax(item.logits[name], temperatures[name])[1] ?? 0;
    item.scores = { crisis: positive("alarm"), imminentIfCrisis: positive("imminence"), concern: positive("concern"), someoneElse: positive("someoneElse") };
    if (item.aloneLogits) item.scores.crisisAlone = softmax(item.aloneLogits, temperatures.alarm)[1] ?? 0;
    if (item.previousLogits) item.previousCrisis = softmax(item.previousLogits, temperatures.alarm)[1] ?? 0;
  }
  const someoneElse = {
    en: someoneElseCutoff(scored.filter((item) => item.cutoffLanguage === "en"), SOMEONE_ELSE_CUTOFFS),
    zh: someoneElseCutoff(scored.filter((item) => item.cutoffLanguage === "zh"), SOMEONE_ELSE_CUTOFFS),
  };
  const perLanguage = {
    en: candidates(scored.filter((item) => item.cutoffLanguage === "en"), someoneElse.en.cutoff),
    zh: candidates(scored.filter((item) => item.cutoffLanguage === "zh"), someoneElse.zh.cutoff),
  };
  const cutoffsWithin = (budget: number): Record<RiskLanguage, RiskThresholds> => ({
    en: { ...(bestWithin(perLanguage.en, budget)?.thresholds ?? STRICTEST), someoneElse: someoneElse.en.cutoff },
    zh: { ...(bestWithin(perLanguage.zh, budget)?.thresholds ?? STRICTEST), someoneElse: someoneElse.zh.cutoff },
  });
  const thresholds = cutoffsWithin(maxFalsePositiveRate);
  const outOfFold = score(scored, thresholds);
  const tradeOff = [0.03, 0.05, 0.08, 0.1, 0.15].map((budget) => {
    const chosen = cutoffsWithin(budget);
    const result = score(scored, chosen);
    return { budget, recall: result.recall, falsePositiveRate: Math.max(...Object.values(result.byLanguage).map((language) => language.falsePositiveRate)), thresholds: chosen };
  });

  const final = trainModels(fitted, features, options);
  const version = trainingVersion(training, session, options);
  const model = encodeRiskModel({
    version,
    featureBits: FEATURE_BITS,
    temperature: temperatures.alarm,
    thresholds,
    ...final.alarm,
    imminence: { version, featureBits: FEATURE_BITS, temperature: temperatures.imminence, ...final.imminence },
    concern: { version, featureBits: FEATURE_BITS, temperature: temperatures.concern, ...final.concern },
    someoneElse: { version, featureBits: FEATURE_BITS, temperature: temperatures.someoneElse, ...final.someoneElse },
  });
  return {
    model,
    trainingLines: training.length,
    writers,
    outOfFold,
    tradeOff,
    imminence: imminenceOutOfFold(scored, thresholds),
    mediumKept: mediumKeptOutOfFold(scored, thresholds),
    someoneElse,
    features: final.alarm.features.length,
    imminenceFeatures: final.imminence.features.length,
    concernFeatures: final.concern.features.length,
    someoneElseFeatures: final.someoneElse.features.length,
  };
}

/** Trained float weights as a model `logits` can read (a Map of rows: fine for training). */
function floatModel(trained: TrainedWeights, classes: number): { bias: number[]; rows: FeatureRows; weights: Float32Array; scale: number } {
  const rows = new Map<number, number>();
  trained.features.forEach((feature, index) => rows.set(feature, index * classes));
  return { bias: trained.bias, rows, weights: trained.weights, scale: 1 };
}

function mediumKeptOutOfFold(scored: readonly Scored[], thresholds: Readonly<Record<RiskLanguage, RiskThresholds>>): number {
  const medium = scored.filter((item) => item.message.label === "medium");
  const kept = medium.filter((item) => isAtLeast(levelOf(item, { thresholds: thresholds[item.cutoffLanguage] }), "medium"));
  return kept.length / Math.max(1, medium.length);
}

function imminenceOutOfFold(scored: readonly Scored[], thresholds: Readonly<Record<RiskLanguage, RiskThresholds>>): { recall: number; precision: number } {
  let imminent = 0;
  let calledImminent = 0;
  let both = 0;
  for (const item of scored) {
    const level = levelOf(item, { thresholds: thresholds[item.cutoffLanguage] });
    if (!isCrisis(item.message) || !isAtLeast(level, "high")) continue;
    const truly = item.message.label === "imminent";
    const called = level === "imminent";
    if (truly) imminent++;
    if (called) calledImminent++;
    if (truly && called) both++;
  }
  return { recall: both / Math.max(1, imminent), precision: both / Math.max(1, calledImminent) };
}
