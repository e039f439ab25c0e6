/**
 * Reads a reply against the pending question: its intent and the value it gives. Values come
 * from the deterministic extractors (./values.ts); the intent from the trained classifier
 * (./intent-model.ts), which sees the reply, the question, the cues and whether a value was found.
 */
import type { LinearModel } from "../classifier/linear";
import { coerceBoolean } from "../runtime/coerce";
import { questionTopic, replyCues } from "./cues";
import { classifyIntent, intentModel } from "./intent-model";
import type { PendingQuestion, ReplyReading } from "./types";
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

/** `model` is for evaluation (a model that never saw the writer being scored); the shipped one by default. */
export function readReply(question: PendingQuestion, reply: string, model: LinearModel = intentModel()): ReplyReading {
  const cues = replyCues(reply);
  const value = valueFor(question, reply);
  const valueFound = value !== undefined && typeof value !== "boolean";
  const verdict = classifyIntent(model, { kind: question.kind, question: question.text, reply, cues, valueFound });
  const intent = verdict.intent;
  const reading: ReplyReading = { intent, confidence: verdict.probability };
  if (intent === "question") reading.topic = questionTopic(cues);
  if ((intent === "answer" || intent === "correction") && value !== undefined && typeof value !== "boolean") reading.value = value;
  if ((intent === "yes" || intent === "no") && question.kind === "yes_no") reading.value = intent === "yes";
  return reading;
}
