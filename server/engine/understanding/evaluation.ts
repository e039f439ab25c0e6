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

export function scoreReplies(replies: readonly LabelledReply[], read: ReplyReader): { byLanguage: Record<ReplyLanguage, ReplyScores>; misses: ReplyMiss[] } {
  const empty = (): ReplyScores => ({ replies: 0, intentCorrect: 0, valueReplies: 0, valueCorrect: 0, intentAccuracy: 0, valueAccuracy: 0 });
  const byLanguage: Record<ReplyLanguage, ReplyScores> = { en: empty(), zh: empty() };
  const misses: ReplyMiss[] = [];
  for (const reply of replies) {
    const scores = byLanguage[reply.lang];
    const reading = read(reply);
    scores.replies++;
    if (reading.intent === reply.intent) scores.intentCorrect++;
    else misses.push({ reply, reading, what: "intent" });
    if (isValueReply(reply)) {
      scores.valueReplies++;
      if (reading.intent === "answer" && sameValue(reading.value, reply.value)) scores.valueCorrect++;
      else if (reading.intent === "answer") misses.push({ reply, reading, what: "value" });
    }
  }
  for (const scores of Object.values(byLanguage)) {
    scores.intentAccuracy = scores.replies ? scores.intentCorrect / scores.replies : 0;
    scores.valueAccuracy = scores.valueReplies ? scores.valueCorrect / scores.valueReplies : 0;
  }
  return { byLanguage, misses };
}
