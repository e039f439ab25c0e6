/**
 * The trained reply-intent classifier at run time: the shared linear model (../classifier/linear.ts)
 * over ./features.ts, shipped in a model file (./shipped-models.ts, written by
 * `npm run replies:train`), decoded once on first use. Intents a question kind cannot have are
 * ruled out before choosing (no "answer" to a yes/no question, no "yes" to "how long?").
 */
import { probabilities, type LinearModel } from "../classifier/linear";
import { shippedReplyModels } from "./shipped-models";
import { replyFeatures, type ReplyEvidence } from "./features";
import { REPLY_INTENTS, type QuestionKind, type ReplyIntent } from "./types";

const CLOSED: readonly QuestionKind[] = ["yes_no", "confirm_summary"];
/** Kinds whose answer is a value: a reply with none of it does not answer them. */
const VALUE_REQUIRED: readonly QuestionKind[] = ["rating", "name", "option", "choice"];

/** Whether a question of this kind can be met with this intent, given whether a value was found. */
export function intentFits(kind: QuestionKind, intent: ReplyIntent, valueFound: boolean): boolean {
  const closed = CLOSED.includes(kind);
  if (intent === "answer") return !closed && (valueFound || !VALUE_REQUIRED.includes(kind));
  if (intent === "yes" || intent === "no") return closed;
  return true;
}

export interface IntentVerdict {
  intent: ReplyIntent;
  probability: number;
  /** Calibrated probability of every intent, in REPLY_INTENTS order (ruled-out intents 0). */
  probabilities: number[];
}

export function classifyIntent(model: LinearModel, evidence: ReplyEvidence): IntentVerdict {
  const raw = probabilities(model, replyFeatures(evidence));
  const fitting = raw.map((p, index) => (intentFits(evidence.kind, REPLY_INTENTS[index] as ReplyIntent, evidence.valueFound) ? p : 0));
  const total = fitting.reduce((a, b) => a + b, 0) || 1;
  const normalised = fitting.map((p) => p / total);
  let best = 0;
  for (let index = 1; index < normalised.length; index++) if ((normalised[index] ?? 0) > (normalised[best] ?? 0)) best = index;
  return { intent: REPLY_INTENTS[best] as ReplyIntent, probability: normalised[best] ?? 0, probabilities: normalised };
}

/** The shipped model, decoded on first use. */
export const intentModel = (): LinearModel => shippedReplyModels().intent;
