/**
 * Extraction of output fields from a reply: `direct` and `pattern` by rule (always), `llm` through
 * the model, or, without one, by rule with care (see `extractWithoutModel`). Only values actually
 * found are returned.
 */
import type { CompiledOutputField } from "../../script";
import { READING_KEYS, type FieldSpec, type JsonValue, type Prompt } from "../../llm/port";
import {
  readReply,
  REPLY_INTENTS,
  type Duration,
  type PendingQuestion,
  type QuestionTopic,
  type ReplyIntent,
  type ReplyReading,
  type SummaryPart,
} from "../../understanding";
import { coerceToField, extractByPattern, findNumbers } from "../coerce";
import { explicitBoolean, readConfirmation } from "../confirmation";
import type { RunContext } from "../context";
import { NAME_FIELD } from "../pending-question";
import type { Language } from "../types";

const EXPLICIT_NOTE = 'Only a clear, specific answer counts: a bare "ok", "fine", "I\'m fine" or "我没事" is not a yes (leave it out).';

/** An `explicit` yes/no field only takes a clear answer. */
const isExplicit = (field: CompiledOutputField) => field.type === "boolean" && field.explicit === true;

function coerceField(reply: string, field: CompiledOutputField): JsonValue | undefined {
  return isExplicit(field) ? explicitBoolean(reply) : coerceToField(reply, field);
}

export function fieldSpec(field: CompiledOutputField, render: (text: string) => string): FieldSpec {
  const spec: FieldSpec = { name: field.get, type: field.type };
  if (field.define) spec.description = render(field.define);
  if (isExplicit(field)) spec.description = spec.description ? `${spec.description}. ${EXPLICIT_NOTE}` : EXPLICIT_NOTE;
  if (field.values) spec.values = field.values as FieldSpec["values"];
  return spec;
}

/** "Call me Sam", "My name is Sam", "我叫小林" → the name itself, for fields about a name. */
const NAME_PREFIX = /^(?:(?:you can |please )?call me|my name is|my name's|i'm|i am|it's|name's|我叫|叫我|我是|我的名字是)\s*/iu;

/** What follows a name out of politeness: "叫我小林就好", "叫我小林吧", "call me Sam, thanks". */
const NAME_SUFFIX =
  /(?:[\s,，、]*(?:就好了?|就行了?|就可以了?|就成|就是了|好了|可以了|即可|吧|啊|呀|哦|噢|喔|嘛|呢|啦|please|thanks|thank you)[.。!！~～…]*)+$/iu;

export function nameFrom(reply: string): string {
  const bare = reply.trim().replace(NAME_PREFIX, "").replace(/[.。!！,，~～…]+$/u, "").trim();
  const stripped = bare.replace(NAME_SUFFIX, "").trim();
  return stripped || bare;
}

/**
 * Without a model, `llm` fields fall back to rules that respect the question's shape: numbers in
 * the reply go to the number fields in order (one number never fills two ratings); free text goes
 * to required text fields (or the action's only field) — every one of them for the first answer to
 * a compound question, only the first still missing for a follow-up, so an answer to "and the
 * hardest part?" never overwrites the rest; typed fields (yes/no, allowed values) check themselves.
 */
function extractWithoutModel(
  fields: readonly CompiledOutputField[],
  reply: string,
  siblings: readonly CompiledOutputField[],
  followUp: boolean,
): Record<string, JsonValue> {
  const found: Record<string, JsonValue> = {};
  const numbers = findNumbers(reply);
  // "Both about 40", "都是四十": one number meant for every rating asked.
  const sameForAll = numbers.length === 1 && /\b(both|all|each)\b|都|均|全部/iu.test(reply);
  let nextNumber = 0;
  let textTaken = false;
  const onlyField = siblings.filter((f) => f.mode === "extract").length === 1;
  for (const field of fields) {
    switch (field.type) {
      case "number": {
        const value = sameForAll ? numbers[0] : numbers[nextNumber++];
        if (value !== undefined) found[field.get] = value;
        break;
      }
      case "boolean":
      case "enum": {
        const value = coerceField(reply, field);
        if (value !== undefined) found[field.get] = value;
        break;
      }
      case "text":
      case "list": {
        if ((followUp && textTaken) || !(field.required || onlyField)) break;
        const source = field.type === "text" && NAME_FIELD.test(`${field.get} ${field.define ?? ""}`) ? nameFrom(reply) : reply;
        const value = coerceToField(source, field);
        if (value !== undefined) {
          found[field.get] = value;
          textTaken = true;
        }
        break;
      }
      case "object":
        break;
    }
  }
  return found;
}

/** A duration as a short phrase that reads after "for" / "有": "3 months", "两周". */
export function durationPhrase(duration: Duration, language: Language): string {
  const { amount, unit } = duration;
  if (language === "zh") {
    const units = { day: "天", week: "周", month: "个月", year: "年" } as const;
    return `${amount}${units[unit]}`;
  }
  return `${amount} ${unit}${amount === 1 ? "" : "s"}`;
}

/**
 * The value reply understanding gives the question's field, by the question's kind, or null when
 * the kind applies but the reply gives no such value (a sentence is not a name), or undefined when
 * the kind does not decide (open questions, other ranges).
 */
/** Enough words to say something (not just "not sure"). */
export function isSubstantial(text: string): boolean {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  return han >= 6 || words >= 5;
}

function isShort(reply: string): boolean {
  const text = reply.trim();
  return text.split(/\s+/).length <= 5 && (text.match(/\p{Script=Han}/gu)?.length ?? 0) <= 10;
}

function readValue(reading: ReplyReading, question: PendingQuestion, field: CompiledOutputField, reply: string, language: Language): JsonValue | null | undefined {
  const value = reading.value;
  switch (question.kind) {
    case "yes_no":
    case "confirm_summary":
      if (isExplicit(field) || field.type !== "boolean") return undefined;
      return reading.intent === "yes" ? true : reading.intent === "no" ? false : null;
    case "rating":
      // A rating is 0–10: "11" or "pretty rough" gives none.
      return typeof value === "number" && field.type === "number" ? value : null;
    case "name":
      // A sentence with no name in it is not a name.
      return typeof value === "string" && value.trim() ? value.trim() : null;
    case "choice":
      return value !== undefined && typeof value !== "object" ? value : undefined;
    case "duration":
      if (value === undefined || typeof value !== "object") return undefined;
      // "about three months" reads well as it is; a long answer gives its duration as a short phrase.
      return isShort(reply) ? reply.trim().replace(/[.。!！]+$/u, "") : durationPhrase(value, language);
    default:
      return undefined;
  }
}

function isIntent(value: JsonValue | undefined): value is ReplyIntent {
  return typeof value === "string" && (REPLY_INTENTS as readonly string[]).includes(value);
}

const isClosed = (question: PendingQuestion) => question.kind === "yes_no" || question.kind === "confirm_summary";

/** A bare "yes" or "不是" to a closed question is that answer, whatever else a reading suggests. */
/**
 * The deterministic reading: reply understanding. On an open question a hedged reply that still
 * says something ("It was okay. I'm not sure about another session") is kept as the answer: the
 * client has told us something, and asking again would not respect it.
 */
function ruleReading(question: PendingQuestion, reply: string): ReplyReading {
  const reading = readReply(question, reply);
  if (question.kind === "open" && reading.intent === "unsure" && isSubstantial(reply)) return { intent: "answer", confidence: reading.confidence };
  return reading;
}

/**
 * The model's reading of the reply. When the model gives none, the deterministic reader still
 * decides a skip, a request for a person or a question to the bot; anything else is an answer,
 * whose values the model's extraction gives.
 */
function modelReading(values: Record<string, JsonValue>, question: PendingQuestion, reply: string, field: CompiledOutputField | undefined): ReplyReading {
  const intent = values[READING_KEYS.intent];
  if (!isIntent(intent)) {
    const rule = ruleReading(question, reply);
    if (rule.intent === "skip" || rule.intent === "handoff" || rule.intent === "question") return rule;
    const value = field ? values[field.get] : undefined;
    if (isClosed(question) && typeof value === "boolean") return { intent: value ? "yes" : "no", confidence: 1 };
    return { intent: "answer", confidence: 1 };
  }
  const rule = ruleReading(question, reply);
  const reading: ReplyReading = { intent, confidence: 1 };
  const topic = values[READING_KEYS.topic];
  if (intent === "question") reading.topic = (typeof topic === "string" && ["who_reads", "real_person", "data", "meaning", "other"].includes(topic) ? topic : (rule.topic ?? "other")) as QuestionTopic;
  const corrects = values[READING_KEYS.corrects];
  if (intent === "correction" && (corrects === "concern" || corrects === "goal")) reading.corrects = corrects satisfies SummaryPart;
  const value = field ? values[field.get] : undefined;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") reading.value = value;
  return reading;
}

export interface ReadReply {
  /** What the reply does with the pending question. */
  reading: ReplyReading;
  /** The values found for the fields (only those actually given). */
  found: Record<string, JsonValue>;
}

/**
 * Reads a reply against the pending question and extracts the given fields from it. Template mode:
 * reply understanding gives the intent and, where the question's kind applies, the primary field's
 * value (a rating in words, a name out of a sentence, a duration, a choice); the other fields go by
 * rule. Model mode: one structured-output call gives the fields and the reading together.
 */
export async function readAndExtract(
  ctx: RunContext,
  input: {
    fields: readonly CompiledOutputField[];
    reply: string;
    prompt: () => Prompt;
    question: PendingQuestion;
    /** The field the question is about, if one. */
    primary: CompiledOutputField | undefined;
    /** All of the action's output fields (to tell whether a field is its only one). */
    siblings: readonly CompiledOutputField[];
    followUp: boolean;
  },
): Promise<ReadReply> {
  const { fields, reply, question, primary } = input;
  const found: Record<string, JsonValue> = {};
  const byModel: CompiledOutputField[] = [];
  for (const field of fields) {
    if (field.mode !== "extract") continue;
    if (field.extraction_method === "direct") {
      const value = coerceField(reply, field);
      if (value !== undefined) found[field.get] = value;
    } else if (field.extraction_method === "pattern" && field.pattern) {
      const value = isExplicit(field) ? extractByPattern(reply, field.pattern, { type: "text" }) : extractByPattern(reply, field.pattern, field);
      const coerced = isExplicit(field) && typeof value === "string" ? explicitBoolean(value) : value;
      if (coerced !== undefined) found[field.get] = coerced;
    } else {
      byModel.push(field);
    }
  }

  if (ctx.llm.mode === "template") {
    const reading = ruleReading(question, reply);
    const ruled = byModel.length ? extractWithoutModel(byModel, reply, input.siblings, input.followUp) : {};
    if (primary && byModel.includes(primary)) {
      const value = readValue(reading, question, primary, reply, ctx.language);
      if (value === null) delete ruled[primary.get];
      else if (value !== undefined) ruled[primary.get] = value;
    }
    return { reading, found: { ...ruled, ...found } };
  }

  const specs = byModel.map((field) => fieldSpec(field, (t) => ctx.render(t)));
  const values = await ctx.llm.extract({ prompt: input.prompt(), fields: specs, reply, reading: { kind: question.kind, question: question.text } });
  const reading = modelReading(values, question, reply, primary);
  // A model may still read a bare "I'm fine" as a yes; for an explicit field that is never enough.
  const vague = ["agree", "fine"].includes(readConfirmation(reply));
  for (const field of byModel) {
    const value = values[field.get];
    if (value === undefined || value === null || value === "") continue;
    if (isExplicit(field) && value === true && vague) continue;
    found[field.get] = value;
  }
  // A plain yes or no the model read as the intent fills the yes/no field it left out.
  if (primary && question.kind === "yes_no" && !isExplicit(primary) && found[primary.get] === undefined && byModel.includes(primary)) {
    if (reading.intent === "yes") found[primary.get] = true;
    if (reading.intent === "no") found[primary.get] = false;
  }
  return { reading, found };
}
