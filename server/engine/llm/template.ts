/**
 * Template mode: the LLM port without a model. Messages are the script's own rendered text,
 * extraction is rule-based, judgments fall back to "done", and nothing is invented. Deterministic.
 */
import { coerceToField } from "../runtime/coerce";
import type { JsonValue, LlmPort } from "./port";

export const templateLlm: LlmPort = {
  mode: "template",
  model: null,
  async *compose(request) {
    yield request.fallbackText;
  },
  async extract(request) {
    const values: Record<string, JsonValue> = {};
    for (const field of request.fields) {
      const value = coerceToField(request.reply, field);
      if (value !== undefined) values[field.name] = value;
    }
    return values;
  },
  async judge() {
    return { done: true };
  },
  async think() {
    return {};
  },
  async interpret() {
    return null;
  },
  async summarise(request) {
    return request.previous;
  },
};
