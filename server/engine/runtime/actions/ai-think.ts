/**
 * ai_think: reason silently; no message reaches the client. Outputs come from the model in model
 * mode; without one (or when the model leaves a field out) they take their `value`, else stay unset.
 */
import type { CompiledAction } from "../../script";
import type { JsonValue } from "../../llm/port";
import type { HandlerRun, RunContext } from "../context";
import { fieldSpec } from "./extraction";

type ThinkAction = Extract<CompiledAction, { action_type: "ai_think" }>;

export async function* startThink(ctx: RunContext, action: ThinkAction): HandlerRun {
  const { config } = action;
  yield ctx.position(action, 1);
  const toExtract = config.output.filter((field) => field.mode === "extract");
  let results: Record<string, JsonValue> = {};
  if (toExtract.length > 0 && ctx.llm.mode === "model") {
    const visible = ctx.variables.visible();
    const variables = config.input_variables
      ? Object.fromEntries(config.input_variables.filter((n) => n in visible).map((n) => [n, visible[n] as JsonValue]))
      : visible;
    results = await ctx.llm.think({
      prompt: ctx.prompt(action, "task_think", { content: ctx.renderLiteral(config.content) }, { variables }),
      fields: toExtract.map((field) => fieldSpec(field, (t) => ctx.renderLiteral(t))),
    });
  }
  for (const field of config.output) {
    const value = field.mode === "extract" ? (results[field.get] ?? field.value) : field.value;
    if (value !== undefined && value !== null) yield ctx.setVariable(field.get, value as JsonValue, action.action_id);
  }
  return { kind: "done", reason: "completed" };
}
