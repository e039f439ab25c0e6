/**
 * ai_ask: ask, and extract output fields from every reply. Completes when every required field
 * has a value (and, in model mode, a custom `exit` holds), or after `max_rounds` questions with the
 * missing fields reported as `unfilled`. The final reply is always used; nothing is dropped. With
 * `rephrase`, the follow-up is that other wording, and there is only one.
 */
import type { CompiledAction, CompiledOutputField } from "../../script";
import type { HandlerRun, RunContext } from "../context";
import type { EngineEvent, JsonValue } from "../types";
import { extractFields } from "./extraction";

type AskAction = Extract<CompiledAction, { action_type: "ai_ask" }>;

const DEFAULT_EXIT = "the client has answered";

const FOLLOW_UP_PREFIX = {
  en: "Thank you. Could you tell me a little more? ",
  zh: "谢谢你。能再多说一点吗？",
} as const;

function assignLiterals(ctx: RunContext, action: AskAction): EngineEvent[] {
  return action.config.output
    .filter((field) => field.mode === "assign" && field.value !== undefined)
    .map((field) => ctx.setVariable(field.get, field.value as JsonValue, action.action_id));
}

function missingRequired(ctx: RunContext, fields: readonly CompiledOutputField[]): CompiledOutputField[] {
  return fields.filter((field) => field.mode === "extract" && field.required && ctx.variables.lookup(field.get) === undefined);
}

export async function* startAsk(ctx: RunContext, action: AskAction): HandlerRun {
  const { config } = action;
  yield ctx.position(action, 1);
  yield* assignLiterals(ctx, action);
  const content = ctx.render(config.content);
  const prompt = ctx.prompt(action, "task_ask", { content }, { tone: config.tone });
  yield* ctx.say(action.action_id, "ask", prompt, content);
  ctx.frame.progress = { type: "ai_ask", round: 1 };
  return { kind: "await" };
}

/** With `rephrase`, the question is asked at most twice: as written, then once in other words. */
function maxRounds(action: AskAction): number {
  return action.config.rephrase ? Math.min(action.config.max_rounds, 2) : action.config.max_rounds;
}

export async function* replyAsk(ctx: RunContext, action: AskAction, reply: string): HandlerRun {
  const { config } = action;
  const rounds = maxRounds(action);
  const progress = ctx.frame.progress;
  const round = progress?.type === "ai_ask" ? progress.round : 1;
  const content = ctx.render(config.content);

  // Follow-up replies answer what was missing: rule-based extraction must not overwrite what the
  // first reply gave (the model, which sees the whole exchange, may still correct it).
  const candidates =
    round === 1
      ? config.output
      : config.output.filter(
          (f) => ctx.variables.lookup(f.get) === undefined || (ctx.llm.mode === "model" && f.extraction_method === "llm"),
        );
  const found = await extractFields(ctx, candidates, reply, () => ctx.prompt(action, "task_extract", {}), config.output, round > 1);
  for (const [name, value] of Object.entries(found)) yield ctx.setVariable(name, value, action.action_id);

  const missing = missingRequired(ctx, config.output);
  if (missing.length === 0) {
    const exit = ctx.render(config.exit);
    const customExit = ctx.llm.mode === "model" && exit.trim() !== DEFAULT_EXIT;
    const exitHolds = customExit
      ? (await ctx.llm.judge({ prompt: ctx.prompt(action, "task_judge", { criterion: exit }), criterion: exit })).done
      : true;
    if (exitHolds || round >= rounds) return { kind: "done", reason: "completed" };
  } else if (round >= rounds) {
    return { kind: "done", reason: "max_rounds", unfilled: missing.map((f) => f.get) };
  }

  const next = round + 1;
  ctx.frame.progress = { type: "ai_ask", round: next };
  yield ctx.position(action, next);
  const missingText = missing.map((f) => (f.define ? ctx.render(f.define) : f.get)).join("; ") || "more detail";
  const prompt = ctx.prompt(action, "task_follow_up", { content, missing: missingText }, { tone: config.tone });
  const fallback = config.rephrase ? ctx.render(config.rephrase) : FOLLOW_UP_PREFIX[ctx.language] + content;
  yield* ctx.say(action.action_id, "follow_up", prompt, fallback);
  return { kind: "await" };
}
