import { z } from "zod";
import { READING_KEYS, type ExtractRequest, type FieldSpec, type JsonValue } from "../engine/llm/port";
import { REPLY_INTENTS } from "../engine/understanding/types";

/**
 * Structured-output schemas built from the engine's field specs. Every field is nullish so the
 * model may leave out what the client did not say (the prompt asks it never to guess); the JSON
 * Schema the provider sends is generated from these by the AI SDK.
 */

type Literal = string | number | boolean;

function enumSchema(values: FieldSpec["values"]): z.ZodType {
  const options = (values ?? []).filter((value): value is Literal => value !== null);
  if (options.length === 0) return z.string();
  if (options.every((value): value is string => typeof value === "string")) return z.enum(options as [string, ...string[]]);
  // Numbers and booleans cannot be a z.enum; a literal set becomes a JSON Schema enum.
  return z.literal(options as [Literal, ...Literal[]]);
}

function baseSchema(field: FieldSpec): z.ZodType {
  switch (field.type) {
    case "text":
      return z.string();
    case "number":
      return z.number();
    case "boolean":
      return z.boolean();
    case "list":
      return z.array(z.string());
    case "enum":
      return enumSchema(field.values);
    case "object":
      // Any JSON object. looseObject renders as `additionalProperties: {}` (no propertyNames,
      // which OpenAI rejects and the provider would strip with a warning).
      return z.looseObject({});
  }
}

export function fieldsSchema(fields: readonly FieldSpec[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    const schema = baseSchema(field).nullish();
    shape[field.name] = field.description ? schema.describe(field.description) : schema;
  }
  return z.object(shape);
}

/** The properties that carry the reading of the reply, named so no field's name is taken. */
export function readingProperties(fields: readonly FieldSpec[]): { intent: string; topic: string; corrects: string } {
  const taken = new Set(fields.map((field) => field.name));
  const free = (name: string) => {
    let candidate = name;
    while (taken.has(candidate)) candidate = `_${candidate}`;
    return candidate;
  };
  return { intent: free("reply_intent"), topic: free("reply_topic"), corrects: free("reply_corrects") };
}

/**
 * The extraction schema with the reading of the reply (what it does with the pending question)
 * beside the fields. The reading is asked for but never required: a model that leaves it out or
 * answers outside its values still gives the fields, and the engine then reads skip, handoff and
 * a question to the bot by rule (a missing or unknown value parses as null, never as a failed turn).
 */
export function extractSchema(fields: readonly FieldSpec[], reading: ExtractRequest["reading"]) {
  const base = fieldsSchema(fields);
  if (!reading) return base;
  const names = readingProperties(fields);
  return base.extend({
    [names.intent]: z
      .enum(REPLY_INTENTS as [string, ...string[]])
      .nullish()
      .catch(null)
      .describe(
        `What the client's latest reply does with the pending question (a ${reading.kind} question: "${reading.question}"): answer; yes; no; unsure (hedges, does not know: never a no); skip (declines or refuses to answer); question (asks the assistant something back); handoff (asks for a real person); off_topic (talks about something else); correction (says a summary read back to them is wrong)`,
      ),
    [names.topic]: z
      .enum(["who_reads", "real_person", "data", "meaning", "other"])
      .nullish()
      .catch(null)
      .describe("Only when the intent is question: who reads this; whether this is a real person; what happens to their data; what the question means; or other"),
    [names.corrects]: z.enum(["concern", "goal"]).nullish().catch(null).describe("Only when the intent is correction: the part of the summary that was wrong, when clear"),
  });
}

/** The reading the model gave, under the engine's READING_KEYS. */
export function presentReading(output: Record<string, unknown>, fields: readonly FieldSpec[]): Record<string, JsonValue> {
  const names = readingProperties(fields);
  const values: Record<string, JsonValue> = {};
  for (const key of ["intent", "topic", "corrects"] as const) {
    const value = output[names[key]];
    if (typeof value === "string" && value) values[READING_KEYS[key]] = value;
  }
  return values;
}

const jsonValue: z.ZodType<JsonValue> = z.json();

/** The fields the model filled in: absent and null values are left out. */
export function presentFields(output: Record<string, unknown>, fields: readonly FieldSpec[]): Record<string, JsonValue> {
  const values: Record<string, JsonValue> = {};
  for (const field of fields) {
    const value = output[field.name];
    if (value === undefined || value === null) continue;
    // Parsed JSON from the model, already checked against the field schema; this narrows the type.
    const parsed = jsonValue.safeParse(value);
    if (parsed.success) values[field.name] = parsed.data;
  }
  return values;
}

export const judgeSchema = z.object({
  done: z.boolean().describe("Whether the stated criterion holds now"),
  understanding: z.number().describe("How well the client seems to understand what was explained, 0 (not at all) to 100 (fully)"),
  hasQuestions: z.boolean().describe("Whether the client still has questions"),
});

/** The allowed scores as a literal set, so strict structured output cannot answer outside them. */
export function interpretSchema(scores: readonly number[]) {
  const [first, ...rest] = [...new Set(scores)];
  const score = first === undefined ? z.number() : z.literal([first, ...rest]);
  return z.object({
    score: score.nullable().describe("The score of the one option that matches the client's answer, or null when it is unclear"),
  });
}
