/**
 * Extraction of output fields from a reply: `direct` and `pattern` by rule (always), `llm` through
 * the port (template mode: rule-based too). Only values actually found are returned.
 */
import type { CompiledOutputField } from "../../script";
import type { FieldSpec, JsonValue, Prompt } from "../../llm/port";
import { coerceToField, extractByPattern } from "../coerce";
import type { RunContext } from "../context";

export function fieldSpec(field: CompiledOutputField, render: (text: string) => string): FieldSpec {
  const spec: FieldSpec = { name: field.get, type: field.type };
  if (field.define) spec.description = render(field.define);
  if (field.values) spec.values = field.values as FieldSpec["values"];
  return spec;
}

/**
 * Without a model, `llm` extraction falls back to the whole reply, coerced. Typed fields check
 * themselves (a number, a yes/no, an allowed value); free text is taken only for a required field
 * or the action's only field, so an optional correction field never swallows an unrelated "no".
 */
function usableWithoutModel(field: CompiledOutputField, fields: readonly CompiledOutputField[]): boolean {
  if (field.type === "number" || field.type === "boolean" || field.type === "enum") return true;
  if (field.type === "object") return false;
  return field.required || fields.filter((f) => f.mode === "extract").length === 1;
}

export async function extractFields(
  ctx: RunContext,
  fields: readonly CompiledOutputField[],
  reply: string,
  prompt: () => Prompt,
  /** All of the action's output fields (to tell whether a field is its only one). */
  siblings: readonly CompiledOutputField[] = fields,
): Promise<Record<string, JsonValue>> {
  const found: Record<string, JsonValue> = {};
  const byModel: FieldSpec[] = [];
  for (const field of fields) {
    if (field.mode !== "extract") continue;
    if (field.extraction_method === "direct") {
      const value = coerceToField(reply, field);
      if (value !== undefined) found[field.get] = value;
    } else if (field.extraction_method === "pattern" && field.pattern) {
      const value = extractByPattern(reply, field.pattern, field);
      if (value !== undefined) found[field.get] = value;
    } else if (ctx.llm.mode === "model" || usableWithoutModel(field, siblings)) {
      byModel.push(fieldSpec(field, (t) => ctx.render(t)));
    }
  }
  if (byModel.length > 0) {
    const values = await ctx.llm.extract({ prompt: prompt(), fields: byModel, reply });
    for (const spec of byModel) {
      const value = values[spec.name];
      if (value !== undefined && value !== null && value !== "") found[spec.name] = value;
    }
  }
  return found;
}
