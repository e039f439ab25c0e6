import { JSONParseError, TypeValidationError, zodSchema, type JSONSchema7 } from "ai";
import type { z } from "zod";

/**
 * Structured-output specifications, built once per shape: the JSON Schema the provider is sent and
 * the schema's own validation, as the AI SDK's `Output.object` has them. Building one converts its
 * zod schema to JSON Schema, which cost more CPU than anything else in a structured call; a
 * script's steps ask for the same few shapes turn after turn. A specification holds no per-call
 * state, so one serves every call with its shape.
 */

export interface ObjectOutput<T> {
  /** What the provider is asked for: JSON of this schema, under this name (the same object every call). */
  responseFormat(): Promise<{ type: "json"; schema: JSONSchema7; name: string }>;
  /** The answer's text as a `T`; a JSONParseError or TypeValidationError when it is not one. */
  parse(text: string): Promise<T>;
}

/** Enough for every extraction shape of many published scripts; the oldest unused goes first. */
const MAX_SHAPES = 500;

const byShape = new Map<string, ObjectOutput<unknown>>();

/**
 * JSON.parse that refuses keys which could reach an object's prototype when the value is later
 * merged into another object (`__proto__`, or `constructor` holding a `prototype`), as the AI SDK's
 * own parser does: the text is the model's, and a prompt can steer it.
 */
function parseModelJson(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => {
    if (key === "__proto__" || (key === "constructor" && typeof value === "object" && value !== null && Object.hasOwn(value, "prototype"))) {
      throw new SyntaxError("the answer has a prototype key");
    }
    return value;
  });
}

function buildOutput<T>(name: string, schema: z.ZodType<T>): ObjectOutput<T> {
  const sdkSchema = zodSchema(schema);
  let format: Promise<{ type: "json"; schema: JSONSchema7; name: string }> | undefined;
  return {
    responseFormat() {
      format ??= Promise.resolve(sdkSchema.jsonSchema).then((jsonSchema) => ({ type: "json", schema: jsonSchema, name }));
      return format;
    },
    async parse(text) {
      let value: unknown;
      try {
        value = parseModelJson(text);
      } catch (cause) {
        throw new JSONParseError({ text, cause });
      }
      const result = await sdkSchema.validate?.(value);
      if (!result) return value as T;
      if (!result.success) throw new TypeValidationError({ value, cause: result.error });
      return result.value;
    },
  };
}

/**
 * The output specification for `name` and the schema `build` makes; `shape` must tell apart every
 * schema that `name` may have (it is never sent anywhere). `build` runs only for a new shape.
 */
export function objectOutput<T>(name: string, shape: string, build: () => z.ZodType<T>): ObjectOutput<T> {
  const key = `${name}\u0000${shape}`;
  const cached = byShape.get(key);
  if (cached) {
    // Most recently used last, so the first key is the one to evict.
    byShape.delete(key);
    byShape.set(key, cached);
    return cached as ObjectOutput<T>;
  }
  const output = buildOutput(name, build());
  byShape.set(key, output as ObjectOutput<unknown>);
  if (byShape.size > MAX_SHAPES) {
    const oldest = byShape.keys().next().value;
    if (oldest !== undefined) byShape.delete(oldest);
  }
  return output;
}
