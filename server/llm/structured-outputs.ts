import { Output, zodSchema, type DeepPartial, type OutputInterface } from "ai";
import type { z } from "zod";

/**
 * The AI SDK's structured-output specifications, built once per shape. Building one converts its
 * zod schema to JSON Schema (the SDK memoises that per schema object only), which cost more CPU
 * than anything else in a structured call; a script's steps ask for the same few shapes turn after
 * turn. A specification holds no per-call state, so one serves every call with its shape.
 */

export type ObjectOutput<T> = OutputInterface<T, DeepPartial<T>, never>;

/** Enough for every extraction shape of many published scripts; the oldest unused goes first. */
const MAX_SHAPES = 500;

const byShape = new Map<string, ObjectOutput<unknown>>();

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
  const output = Output.object<T>({ schema: zodSchema(build()), name });
  byShape.set(key, output as ObjectOutput<unknown>);
  if (byShape.size > MAX_SHAPES) {
    const oldest = byShape.keys().next().value;
    if (oldest !== undefined) byShape.delete(oldest);
  }
  return output;
}
