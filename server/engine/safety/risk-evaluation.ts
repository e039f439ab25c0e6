/**
 * Scores a detector against labelled messages: the figures the tests assert and the benchmark
 * prints, overall, per language and per kind. Pure: the caller reads the corpus.
 */
import type { CorpusMessage } from "./corpus";
import { type RiskLevel, isAtLeast } from "./risk-types";

export interface RiskScore {
  total: number;
  /** Messages labelled high or imminent, and how many were detected at high or above. */
  positives: number;
  detectedPositives: number;
  recall: number;
  /** Messages labelled none or low, and how many were detected at medium or above. */
  negatives: number;
  falsePositives: number;
  falsePositiveRate: number;
}

export interface RiskEvaluation extends RiskScore {
  /** confusion[expected][detected] counts. */
  confusion: Record<RiskLevel, Record<RiskLevel, number>>;
  byLanguage: Record<string, RiskScore>;
  byKind: Record<string, RiskScore>;
  missed: { message: CorpusMessage; detected: RiskLevel }[];
  falseAlarms: { message: CorpusMessage; detected: RiskLevel }[];
}

function emptyScore(): RiskScore {
  return { total: 0, positives: 0, detectedPositives: 0, recall: 1, negatives: 0, falsePositives: 0, falsePositiveRate: 0 };
}

function count(score: RiskScore, expected: RiskLevel, detected: RiskLevel): void {
  score.total++;
  if (isAtLeast(expected, "high")) {
    score.positives++;
    if (isAtLeast(detected, "high")) score.detectedPositives++;
  } else if (!isAtLeast(expected, "medium")) {
    score.negatives++;
    if (isAtLeast(detected, "medium")) score.falsePositives++;
  }
  score.recall = score.positives === 0 ? 1 : score.detectedPositives / score.positives;
  score.falsePositiveRate = score.negatives === 0 ? 0 : score.falsePositives / score.negatives;
}

export function emptyConfusion(): Record<RiskLevel, Record<RiskLevel, number>> {
  const row = (): Record<RiskLevel, number> => ({ none: 0, low: 0, medium: 0, high: 0, imminent: 0 });
  return { none: row(), low: row(), medium: row(), high: row(), imminent: row() };
}

/** `detect` gives the level for a message (the combined detector, or one part of it for comparison). */
export function evaluateRisk(messages: readonly CorpusMessage[], detect: (message: CorpusMessage) => RiskLevel): RiskEvaluation {
  const evaluation: RiskEvaluation = { ...emptyScore(), confusion: emptyConfusion(), byLanguage: {}, byKind: {}, missed: [], falseAlarms: [] };
  for (const message of messages) {
    const detected = detect(message);
    evaluation.confusion[message.label][detected]++;
    count(evaluation, message.label, detected);
    count((evaluation.byLanguage[message.lang] ??= emptyScore()), message.label, detected);
    count((evaluation.byKind[message.kind] ??= emptyScore()), message.label, detected);
    if (isAtLeast(message.label, "high") && !isAtLeast(detected, "high")) evaluation.missed.push({ message, detected });
    if (!isAtLeast(message.label, "medium") && isAtLeast(detected, "medium")) evaluation.falseAlarms.push({ message, detected });
  }
  return evaluation;
}

export interface ConversationEvaluation {
  /** Turn by turn, as `evaluateRisk` scores any line. */
  turns: RiskEvaluation;
  conversations: number;
  /** Crisis turns (labelled high or imminent) detected at high or above on that turn or an earlier one of the same conversation. */
  crisisTurnsCaughtInConversation: number;
  recallInConversation: number;
  /** Conversations with a crisis turn; those detected at high or above by their first crisis turn, and at all. */
  crisisConversations: number;
  caughtByFirstCrisis: number;
  caughtAtAll: number;
  /** Conversations with no turn labelled medium or above, and those with a turn detected at medium or above. */
  safeConversations: number;
  alarmedSafeConversations: number;
}

/**
 * Lines as the conversations they were written as: a line continues the one before it when it is
 * the same writer's and its context names that line as the client's previous message.
 */
export function conversationsOf(messages: readonly CorpusMessage[]): CorpusMessage[][] {
  const conversations: CorpusMessage[][] = [];
  let previous: CorpusMessage | undefined;
  for (const message of messages) {
    const continues = previous !== undefined && previous.writer === message.writer && message.context?.client === previous.text;
    if (continues) conversations.at(-1)?.push(message);
    else conversations.push([message]);
    previous = message;
  }
  return conversations;
}

/**
 * A detector on whole conversations, as a session meets them: once a turn is detected at high, the
 * session's crisis protocol is open, so a later crisis turn (often a short reply whose risk was
 * said turns before, out of the detector's one-turn view) is already in its care.
 */
export function evaluateConversations(messages: readonly CorpusMessage[], detect: (message: CorpusMessage) => RiskLevel): ConversationEvaluation {
  const levels = new Map(messages.map((message) => [message, detect(message)]));
  const levelOf = (message: CorpusMessage): RiskLevel => levels.get(message) ?? "none";
  const conversations = conversationsOf(messages);
  const result: ConversationEvaluation = {
    turns: evaluateRisk(messages, levelOf),
    conversations: conversations.length,
    crisisTurnsCaughtInConversation: 0,
    recallInConversation: 1,
    crisisConversations: 0,
    caughtByFirstCrisis: 0,
    caughtAtAll: 0,
    safeConversations: 0,
    alarmedSafeConversations: 0,
  };
  for (const conversation of conversations) {
    let open = false;
    let crisisTurns = 0;
    let caught = 0;
    for (const message of conversation) {
      open ||= isAtLeast(levelOf(message), "high");
      if (!isAtLeast(message.label, "high")) continue;
      crisisTurns++;
      if (!open) continue;
      caught++;
      if (crisisTurns === 1) result.caughtByFirstCrisis++;
    }
    result.crisisTurnsCaughtInConversation += caught;
    if (crisisTurns > 0) {
      result.crisisConversations++;
      if (caught > 0) result.caughtAtAll++;
    } else if (!conversation.some((message) => isAtLeast(message.label, "medium"))) {
      result.safeConversations++;
      if (conversation.some((message) => isAtLeast(levelOf(message), "medium"))) result.alarmedSafeConversations++;
    }
  }
  result.recallInConversation = result.turns.positives === 0 ? 1 : result.crisisTurnsCaughtInConversation / result.turns.positives;
  return result;
}

/** How well "someone else is in danger now" is read, against the annotators' labels. */
export interface SomeoneElseEvaluation {
  /** Lines annotated urgent, and how many of them were read so. */
  urgent: number;
  caught: number;
  /** Annotated lines that are not urgent (concern or none), and how many were read urgent. */
  notUrgent: number;
  notUrgentAlarms: number;
  /** Lines nobody annotated (no one else's danger in them), and how many were read urgent. */
  unannotated: number;
  unannotatedAlarms: number;
  missed: CorpusMessage[];
  falseAlarms: CorpusMessage[];
}

export function evaluateSomeoneElse(messages: readonly CorpusMessage[], readsUrgent: (message: CorpusMessage) => boolean): SomeoneElseEvaluation {
  const result: SomeoneElseEvaluation = { urgent: 0, caught: 0, notUrgent: 0, notUrgentAlarms: 0, unannotated: 0, unannotatedAlarms: 0, missed: [], falseAlarms: [] };
  for (const message of messages) {
    const read = readsUrgent(message);
    if (message.someoneElse === "urgent") {
      result.urgent++;
      if (read) result.caught++;
      else result.missed.push(message);
      continue;
    }
    if (message.someoneElse) result.notUrgent++;
    else result.unannotated++;
    if (!read) continue;
    if (message.someoneElse) result.notUrgentAlarms++;
    else result.unannotatedAlarms++;
    result.falseAlarms.push(message);
  }
  return result;
}
