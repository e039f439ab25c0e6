/**
 * ai_say: tell the client something. One round moves on in the same turn; `require_acknowledgment`
 * waits for any reply; `max_rounds > 1` explains again after each reply until `exit` /
 * `exit_criteria` holds or the rounds run out (template mode: one reply, then on).
 */
import type { CompiledAction } from "../../script";
import { readReply } from "../../understanding";
import type { RunContext, HandlerRun } from "../context";
import { asideFor } from "./reply-intents";

type SayAction = Extract<CompiledAction, { action_type: "ai_say" }>;

export async function* startSay(ctx: RunContext, action: SayAction): HandlerRun {
  const { config } = action;
  yield ctx.position(action, 1);
  const content = ctx.render(config.content);
  const prompt = ctx.prompt(action, "task_say", { content }, { tone: config.tone });
  yield* ctx.say(action.action_id, "say", prompt, content);
  const waits = config.require_acknowledgment || config.max_rounds > 1;
  if (!waits) return { kind: "done", reason: "completed" };
  ctx.frame.progress = { type: "ai_say", round: 1 };
  return { kind: "await" };
}

/**
 * A reply to something said (often "…anything you'd like to ask about that?") that asks who reads
 * this, whether this is a person or what happens to the data, or asks for a person, gets the
 * project's answer before the script goes on: such a question is never passed over.
 */
function* answerServiceQuestion(ctx: RunContext, action: SayAction, reply: string) {
  const reading = readReply({ kind: "open", text: ctx.render(action.config.content), lang: ctx.language }, reply);
  const service = reading.intent === "handoff" || (reading.intent === "question" && (reading.topic === "who_reads" || reading.topic === "real_person" || reading.topic === "data"));
  const aside = service ? asideFor(ctx, reading) : undefined;
  if (aside) yield* ctx.sayVerbatim(action.action_id, aside.purpose, aside.text);
}

export async function* replySay(ctx: RunContext, action: SayAction, reply = ""): HandlerRun {
  const { config } = action;
  const progress = ctx.frame.progress;
  const round = progress?.type === "ai_say" ? progress.round : 1;
  // Inside a safety trigger's run the protocol's own words stand.
  if (reply.trim() && !ctx.state.stack.some((frame) => frame.interrupt)) yield* answerServiceQuestion(ctx, action, reply);
  if (config.max_rounds <= 1) return { kind: "done", reason: "acknowledged" };
  if (ctx.llm.mode === "template") return { kind: "done", reason: "acknowledged" };

  if (await exitHolds(ctx, action, round)) return { kind: "done", reason: "exit" };

  const next = round + 1;
  ctx.frame.progress = { type: "ai_say", round: next };
  yield ctx.position(action, next);
  const content = ctx.render(config.content);
  const prompt = ctx.prompt(
    action,
    "task_explain_round",
    { content, round: String(next), max_rounds: String(config.max_rounds) },
    { tone: config.tone },
  );
  yield* ctx.say(action.action_id, "explain_round", prompt, content);
  // The last round's message is shown, then the flow moves on.
  return next >= config.max_rounds ? { kind: "done", reason: "max_rounds" } : { kind: "await" };
}

async function exitHolds(ctx: RunContext, action: SayAction, round: number): Promise<boolean> {
  const { exit, exit_criteria: criteria } = action.config;
  if (criteria?.min_rounds && round < criteria.min_rounds) return false;
  if (criteria?.custom_conditions?.some((condition) => ctx.holds(condition))) return true;
  const structured = criteria && (criteria.understanding_threshold !== undefined || criteria.has_questions !== undefined);
  if (!exit && !structured) return false;
  const criterion = exit ? ctx.render(exit) : "the client has understood and has no more questions";
  const judgment = await ctx.llm.judge({ prompt: ctx.prompt(action, "task_judge", { criterion }), criterion });
  if (exit && judgment.done) return true;
  if (!structured) return false;
  const understood =
    criteria.understanding_threshold === undefined || (judgment.understanding ?? 0) >= criteria.understanding_threshold;
  const questionsMatch = criteria.has_questions === undefined || judgment.hasQuestions === criteria.has_questions;
  return understood && questionsMatch;
}
