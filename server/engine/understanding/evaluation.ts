/**
 * How well a reply reader does on labelled replies, per language: intent accuracy over every
 * reply, and exact values over the replies that answer a question with a value (rating, name,
 * duration, option, choice), where "no value" must also be read as none.
 */
import type { LabelledReply } from "./corpus";
import type { QuestionKind, ReplyLanguage, ReplyReading } from "./types";

export type ReplyReader = (reply: LabelledReply) => ReplyReading;

export const VALUE_KINDS: readonly QuestionKind[] = ["rating", "name", "duration", "option", "choice"];

export interface ReplyScores {
  replies: number;
  intentCorrect: number;
  valueReplies: number;
  valueCorrect: number;
  intentAccuracy: number;
  valueAccuracy: number;
  /** Questions to the bot read as questions, and of those, with the right topic. */
  topicReplies: number;
  topicCorrect: number;
}

export interface ReplyMiss {
  reply: LabelledReply;
  reading: ReplyReading;
  what: "intent" | "value";
}

/** Exact equality of a reading's value with the label (durations by amount and unit; no value = null). */
export function sameValue(read: ReplyReading["value"], label: LabelledReply["value"]): boolean {
  if (read === undefined || read === null) return label === null;
  if (label === null) return false;
  if (typeof read === "object" && typeof label === "object") return read.amount === label.amount && read.unit === label.unit;
  if (typeof read === "string" && typeof label === "string") return read.trim() === label.trim();
  return read === label;
}

export function isValueReply(reply: LabelledReply): boolean {
  return reply.intent === "answer" && VALUE_KINDS.includes(reply.kind);
}

export interface ReplyEvaluation {
  byLanguage: Record<ReplyLanguage, ReplyScores>;
  /** Per language and question kind. */
  byKind: Record<string, ReplyScores>;
  /** Labelled intent → read intent → count. */
  confusion: Record<string, Record<string, number>>;
  misses: ReplyMiss[];
}

const emptyScores = (): ReplyScores => ({ replies: 0, intentCorrect: 0, valueReplies: 0, valueCorrect: 0, intentAccuracy: 0, valueAccuracy: 0, topicReplies: 0, topicCorrect: 0 });

export function scoreReplies(replies: readonly LabelledReply[], read: ReplyReader): ReplyEvaluation {
  const byLanguage: Record<ReplyLanguage, ReplyScores> = { en: emptyScores(), zh: emptyScores() };
  const byKind: Record<string, ReplyScores> = {};
  const confusion: Record<string, Record<string, number>> = {};
  const misses: ReplyMiss[] = [];
  for (const reply of replies) {
    const reading = read(reply);
    const row = (confusion[reply.intent] ??= {});
    row[reading.intent] = (row[reading.intent] ?? 0) + 1;
    for (const scores of [byLanguage[reply.lang], (byKind[`${reply.lang} ${reply.kind}`] ??= emptyScores())]) {
      scores.replies++;
      if (reading.intent === reply.intent) scores.intentCorrect++;
      if (reply.intent === "question" && reading.intent === "question") {
        scores.topicReplies++;
        if (reading.topic === reply.topic) scores.topicCorrect++;
      }
      if (isValueReply(reply)) {
        scores.valueReplies++;
        if (reading.intent === "answer" && sameValue(reading.value, reply.value)) scores.valueCorrect++;
      }
    }
    if (reading.intent !== reply.intent) misses.push({ reply, reading, what: "intent" });
    else if (isValueReply(reply) && !sameValue(reading.value, reply.value)) misses.push({ reply, reading, what: "value" });
  }
  for (const scores of [...Object.values(byLanguage), ...Object.values(byKind)]) {
    scores.intentAccuracy = scores.replies ? scores.intentCorrect / scores.replies : 0;
    scores.valueAccuracy = scores.valueReplies ? scores.valueCorrect / scores.valueReplies : 0;
  }
  return { byLanguage, byKind, confusion, misses };
}
