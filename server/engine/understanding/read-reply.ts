/**
 * Reads a reply against the pending question: its intent and the value it gives. Values come
 * from the deterministic extractors (./values.ts); the intent from the trained classifier
 * (./intent-model.ts), which sees the reply, the question, the cues and whether a value was found.
 */
import type { LinearModel } from "../classifier/linear";
import { coerceBoolean } from "../runtime/coerce";
import { foldText } from "../text/normalise";
import { replyCues, type Cue } from "./cues";
import { classifyIntent, intentModel } from "./intent-model";
import { echoedPolarity, saysBothWays } from "./polarity";
import { correctedPart } from "./summary-part";
import { classifyTopic, topicModel } from "./topic-model";
import type { PendingQuestion, ReplyIntent, ReplyReading } from "./types";
import { extractName } from "./names";
import { extractChoice } from "./choices";
import { extractOption } from "./options";
import { extractDuration } from "./durations";
import { CORRECTION_MARK, extractRating } from "./values";

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
const OPENS_WITH_YES = /^\s*(?:yes|yeah|yep|yup|sure|definitely|absolutely|of course|是的|好的|当然|當然|可以的?|愿意|願意)(?![\p{L}])/iu;

/** A reply that opens with a plain no ("no, I'd rather not", "不用了，不想说"), not merely a refusal ("不想说这个"). */
const OPENS_WITH_NO = /^\s*(?:(?:no|nope|nah|no thanks)(?![\p{L}'])|(?:没有|沒有|不用|不要|不了|冇|唔使|不是)(?=$|[\s，,。.!！了啦吧呢]))/iu;

/** A reply of a few words, or a few Chinese characters ("no", "不是", "yes please", "好的呀"). */
function isBare(reply: string): boolean {
  const text = reply.trim();
  return (text.match(/[\p{Script=Latin}']+/gu)?.length ?? 0) <= 3 && (text.match(/\p{Script=Han}/gu)?.length ?? 0) <= 4 && text.length <= 16;
}

/**
 * Where a rule is exact, it decides over the classifier: a bare yes or no to a closed question is
 * that yes or no; declining a yes/no question with a plain no first ("no, I'd rather not") is its no; a number
 * given to a rating question is an answer even when out of range (then without a value, so the
 * question is asked again).
 */
function exactIntent(question: PendingQuestion, reply: string, intent: ReplyIntent, cues: readonly Cue[], valueFound: boolean): ReplyIntent {
  const closed = question.kind === "yes_no" || question.kind === "confirm_summary";
  const polarity = closed ? coerceBoolean(reply) : undefined;
  if (closed && polarity !== undefined && isBare(reply) && !cues.includes("unsure") && intent !== "handoff" && intent !== "skip") return polarity ? "yes" : "no";
  // "也对也不对", "有时候有，有时候没有", "yes but also no": neither.
  if (closed && (intent === "yes" || intent === "no" || intent === "unsure") && saysBothWays(reply)) return "unsure";
  // "记得", "会", "不会", "没想过": a Chinese reply echoing the question's verb says which, unless it takes that back
  // ("试过跑步……不对那是去年的事了，最近啥也没试"): then the classifier, which reads the whole reply, decides.
  if (question.kind === "yes_no" && (intent === "yes" || intent === "no") && !cues.includes("unsure") && !correctsItself(reply)) {
    const echoed = echoedPolarity(question.text, reply);
    if (echoed !== undefined) return echoed ? "yes" : "no";
  }
  if (question.kind === "yes_no" && intent === "skip" && polarity === false && OPENS_WITH_NO.test(reply)) return "no";
  // A word or two of content to an open question ("work", "my mum") is an answer, not a refusal.
  if (question.kind === "open" && intent === "skip" && isBare(reply) && !cues.some((cue) => cue === "skip" || cue === "negation" || cue === "unsure" || cue === "ask")) return "answer";
  // A bare "yes" to "how often…?" or "how would you rate…?" gives no value: unclear, asked again, never a skip.
  if (!closed && question.kind !== "open" && isBare(reply) && coerceBoolean(reply) === true && intent !== "answer" && intent !== "handoff") return "unsure";
  // A reply that opens with a clear yes ("Yes, I'd like to come back next week") is not a refusal or a doubt.
  if (OPENS_WITH_YES.test(reply) && (intent === "skip" || intent === "unsure" || intent === "off_topic")) return closed ? "yes" : "answer";
  if (question.kind === "rating" && intent !== "answer" && /^\D{0,12}\d+(?:[.,]\d+)?\D{0,12}$/u.test(reply.trim()) && !cues.includes("ask") && !COUNT_OF_SOMETHING.test(reply)) return "answer";
  // A few words that give the value asked for ("sevennn", "um I'd say ate", "jojo i guess", "Wei Ling lor", "fam ig") answer it,
  // unless they ask, skip or ask for a person.
  if (!closed && question.kind !== "open" && valueFound && isBare(reply) && (intent === "unsure" || intent === "off_topic" || intent === "skip" || intent === "no") && !cues.some((cue) => cue === "ask" || cue === "skip" || cue === "handoff")) return "answer";
  // A rating given first and then asked about ("7 — is that bad?", "3/10. why, is that low?") is given.
  if (question.kind === "rating" && valueFound && intent === "question" && RATING_FIRST.test(reply)) return "answer";
  // A name asked to be called by, after declining another ("I'd rather not give my real name. Call me Blue.").
  if (question.kind === "name" && valueFound && (intent === "skip" || intent === "unsure") && ASKS_TO_BE_CALLED.test(reply)) return "answer";
  return intent;
}

/** A reply that takes back what it opened with: a correction mark after its first words. */
function correctsItself(reply: string): boolean {
  const at = foldText(reply).search(CORRECTION_MARK);
  return at > 0;
}

/** A number with a unit is a count of something, not a rating ("台中才12度", "34 years old", "3 kids"). */
const COUNT_OF_SOMETHING = /\d+(?:[.,]\d+)?\s*(?:度|°|degrees?|岁|歲|kg|斤|块|塊|元|dollars?|bucks|%|years?|yrs?|hours?|hrs?|days?|kids?|天|小时|小時|个|個)/iu;
const RATING_FIRST = /^\s*(?:a\s+|maybe\s+|about\s+)?\d+(?:[.,]\d+)?(?:\s*(?:\/|out of)\s*10)?\s*(?:[—–\-.,!]|$)/iu;
const ASKS_TO_BE_CALLED = /\b(?:call me|go with|put)\b|叫我|喊我|称呼我|稱呼我/iu;

/** `model` is for evaluation (a model that never saw the writer being scored); the shipped one by default. */
export function readReply(question: PendingQuestion, reply: string, model: LinearModel = intentModel()): ReplyReading {
  const cues = replyCues(reply);
  const value = valueFor(question, reply);
  const valueFound = value !== undefined && typeof value !== "boolean";
  const verdict = classifyIntent(model, { kind: question.kind, question: question.text, reply, cues, valueFound });
  const intent = exactIntent(question, reply, verdict.intent, cues, valueFound);
  const reading: ReplyReading = { intent, confidence: intent === verdict.intent ? verdict.probability : 1 };
  if (intent === "question") reading.topic = classifyTopic(topicModel(), reply, question.text, cues);
  if ((intent === "answer" || intent === "correction") && value !== undefined && typeof value !== "boolean") reading.value = value;
  if ((intent === "yes" || intent === "no") && question.kind === "yes_no") reading.value = intent === "yes";
  if (intent === "correction" && question.kind === "confirm_summary") {
    const part = correctedPart(question.text, reply);
    if (part) reading.corrects = part;
  }
  return reading;
}
