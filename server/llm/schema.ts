import { z } from "zod";
import type { FieldSpec, JsonValue } from "../engine/llm/port";

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
