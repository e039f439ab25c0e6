/**
 * Reads a reply against the pending question: its intent and the value it gives. Values come
 * from the deterministic extractors (./values.ts); the intent from the cues and the values.
 */
import { coerceBoolean } from "../runtime/coerce";
import { foldText } from "../text/normalize";
import { questionTopic, replyCues, type Cue } from "./cues";
import type { PendingQuestion, ReplyIntent, ReplyReading } from "./types";
import { extractChoice, extractDuration, extractName, extractOption, extractRating } from "./values";

/** The value a reply gives for the question's kind, if any. */
export function valueFor(question: PendingQuestion, reply: string): ReplyReading["value"] {
  switch (question.kind) {
    case "rating":
      return extractRating(reply);
    case "name":
      return extractName(reply);
    case "duration":
      return extractDuration(reply);
    case "option":
      return extractOption(reply, question.lang);
    case "choice": {
      const choice = question.options ? extractChoice(reply, question.options, question.text) : undefined;
      return choice === null ? undefined : choice;
    }
    case "yes_no":
    case "confirm_summary":
      return coerceBoolean(reply);
    case "open":
      return undefined;
  }
}

function ruleIntent(question: PendingQuestion, reply: string, cues: readonly Cue[], value: ReplyReading["value"]): ReplyIntent {
  const has = (cue: Cue) => cues.includes(cue);
  const isQuestion = has("ask") && (/[?？]\s*$/u.test(reply.trim()) || cues.some((cue) => cue.startsWith("topic:")));
  if (has("handoff") && !has("topic:real_person")) return "handoff";
  const closed = question.kind === "yes_no" || question.kind === "confirm_summary";
  if (!closed && value !== undefined) return "answer";
  if (has("skip")) return "skip";
  if (isQuestion && value === undefined) return "question";
  if (closed) {
    if (has("unsure") && !has("affirmation")) return "unsure";
    if (question.kind === "confirm_summary" && value === false && foldText(reply).length > 12 && has("correction")) return "correction";
    if (value === true) return "yes";
    if (value === false) return "no";
    if (has("unsure")) return "unsure";
    return question.kind === "confirm_summary" && has("correction") ? "correction" : "unsure";
  }
  if (has("unsure")) return "unsure";
  return question.kind === "open" ? "answer" : "unsure";
}

export function readReply(question: PendingQuestion, reply: string): ReplyReading {
  const cues = replyCues(reply);
  const value = valueFor(question, reply);
  const intent = ruleIntent(question, reply, cues, value);
  const reading: ReplyReading = { intent, confidence: 1 };
  if (intent === "question") reading.topic = questionTopic(cues);
  if ((intent === "answer" || intent === "correction") && value !== undefined && typeof value !== "boolean") reading.value = value;
  if ((intent === "yes" || intent === "no") && question.kind === "yes_no") reading.value = intent === "yes";
  return reading;
}
