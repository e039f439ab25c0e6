/**
 * Reply understanding: what a client's reply does with the question the engine is waiting on
 * (answers it, says yes or no, is unsure, skips, asks something back, asks for a person, wanders
 * off, corrects the bot) and the value it gives, read the same way in English and Chinese.
 * Pure and synchronous; template mode relies on it entirely, model mode cross-checks with it.
 */
export type ReplyIntent = "answer" | "yes" | "no" | "unsure" | "skip" | "question" | "handoff" | "off_topic" | "correction";

export const REPLY_INTENTS: readonly ReplyIntent[] = ["answer", "yes", "no", "unsure", "skip", "question", "handoff", "off_topic", "correction"];

/** The shape of the pending question, which decides what a value is and which intents make sense. */
export type QuestionKind = "yes_no" | "rating" | "name" | "duration" | "option" | "choice" | "open" | "confirm_summary";

export const QUESTION_KINDS: readonly QuestionKind[] = ["yes_no", "rating", "name", "duration", "option", "choice", "open", "confirm_summary"];

/** What a `question` intent asks about; the first three have built-in answers from the project's settings. */
export type QuestionTopic = "who_reads" | "real_person" | "data" | "meaning" | "other";

export type SummaryPart = "concern" | "goal";

export type DurationUnit = "day" | "week" | "month" | "year";

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

export type ReplyLanguage = "en" | "zh";

export interface PendingQuestion {
  kind: QuestionKind;
  /** The question as the client saw it (rendered), used as context. */
  text: string;
  lang: ReplyLanguage;
  /** `choice` only: the allowed values (ids). */
  options?: readonly (string | number | boolean | null)[];
}

export interface ReplyReading {
  intent: ReplyIntent;
  /**
   * The value given, by kind: rating → number (0–10, a range's midpoint), name → string, duration →
   * Duration, option → 0–3, choice → one of the options, yes_no → boolean (mirrors yes/no).
   * Absent when the reply gives none (always absent unless intent is answer, yes, no or correction).
   */
  value?: number | string | boolean | Duration;
  /** `question` only. */
  topic?: QuestionTopic;
  /** `correction` on a confirm_summary: the part the client says was wrong, when it is clear. */
  corrects?: SummaryPart;
  /** The classifier's probability for the chosen intent (1 when a deterministic reading decided). */
  confidence: number;
}
