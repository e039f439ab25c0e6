/**
 * Extraction of output fields from a reply: `direct` and `pattern` by rule (always), `llm` through
 * the model, or, without one, by rule with care (see `extractWithoutModel`). Only values actually
 * found are returned.
 */
import type { CompiledOutputField } from "../../script";
import type { FieldSpec, JsonValue, Prompt } from "../../llm/port";
import { coerceToField, extractByPattern, findNumbers } from "../coerce";
import { explicitBoolean, readConfirmation } from "../confirmation";
import type { RunContext } from "../context";

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

const NAME_FIELD = /name|called|名字|称呼|叫|姓名|用户名|昵称/i;
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

export async function extractFields(
  ctx: RunContext,
  fields: readonly CompiledOutputField[],
  reply: string,
  prompt: () => Prompt,
  /** All of the action's output fields (to tell whether a field is its only one). */
  siblings: readonly CompiledOutputField[] = fields,
  followUp = false,
): Promise<Record<string, JsonValue>> {
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
  if (byModel.length === 0) return found;
  if (ctx.llm.mode === "template") return { ...extractWithoutModel(byModel, reply, siblings, followUp), ...found };
  const specs = byModel.map((field) => fieldSpec(field, (t) => ctx.render(t)));
  const values = await ctx.llm.extract({ prompt: prompt(), fields: specs, reply });
  // A model may still read a bare "I'm fine" as a yes; for an explicit field that is never enough.
  const vague = ["agree", "fine"].includes(readConfirmation(reply));
  for (const field of byModel) {
    const value = values[field.get];
    if (value === undefined || value === null || value === "") continue;
    if (isExplicit(field) && value === true && vague) continue;
    found[field.get] = value;
  }
  return found;
}
