/**
 * use_skill: run a technique's topic as a sub-conversation in a fresh scope holding its inputs.
 * When it finishes, its outputs are copied back to the caller and the caller continues.
 */
import type { CompiledAction } from "../../script";
import { findPlaceholders, isEmptyValue } from "../../script";
import type { JsonValue } from "../../llm/port";
import type { HandlerRun, RunContext } from "../context";
import type { EngineEvent, Frame, VariableMap } from "../types";

type SkillAction = Extract<CompiledAction, { action_type: "use_skill" }>;

/** Technique calls nest; this bounds a chain of calls that would otherwise never end. */
export const MAX_SKILL_DEPTH = 8;

/**
 * `"${x}"` alone passes x's value as it is (a number stays a number; `"${x|fallback}"` gives the
 * fallback when x is absent); other text is rendered with values as they are.
 */
function inputValue(ctx: RunContext, value: unknown): JsonValue | undefined {
  if (typeof value !== "string") return value as JsonValue;
  const placeholders = findPlaceholders(value);
  const only = placeholders[0];
  if (placeholders.length === 1 && only && only.text === value.trim()) {
    const found = ctx.variables.lookup(only.name);
    return isEmptyValue(found) && only.fallback !== undefined ? only.fallback : found;
  }
  return ctx.renderLiteral(value);
}

export async function* startSkill(ctx: RunContext, action: SkillAction): HandlerRun {
  const { config } = action;
  yield ctx.position(action, 1);
  const technique = ctx.technique(config.skill);
  if (!technique) return { kind: "done", reason: "skill_missing" };
  const onStack = ctx.state.stack.some((frame) => frame.kind === "technique" && frame.scriptKey === config.skill);
  if (onStack || ctx.state.stack.length > MAX_SKILL_DEPTH) return { kind: "done", reason: "recursion_blocked" };

  const locals: VariableMap = {};
  for (const input of config.input) {
    const value = inputValue(ctx, input.value);
    if (value !== undefined) locals[input.set] = { value, source: action.action_id, turn: ctx.state.turn };
  }
  for (const declared of technique.technique.topic.declare) {
    if (declared.value !== undefined && !(declared.var in locals)) {
      locals[declared.var] = { value: declared.value as JsonValue, source: "declare", turn: ctx.state.turn };
    }
  }
  ctx.frame.progress = { type: "use_skill" };
  const callee: Frame = {
    kind: "technique",
    scriptKey: config.skill,
    phaseId: null,
    topicId: technique.technique.topic.topic_id,
    actionId: null,
    progress: null,
    callerActionId: action.action_id,
    locals,
  };
  ctx.state.stack.push(callee);
  return { kind: "entered" };
}

/** Pops a finished technique frame and copies its outputs into the caller's scope. */
export function* returnFromSkill(ctx: RunContext, action: SkillAction): Generator<EngineEvent> {
  const finished = ctx.state.stack.pop();
  const locals = finished?.locals ?? {};
  for (const mapping of action.config.output) {
    const record = locals[mapping.from ?? mapping.get];
    if (record) yield ctx.setVariable(mapping.get, record.value, action.action_id);
  }
}
