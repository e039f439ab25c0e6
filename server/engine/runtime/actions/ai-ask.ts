/**
 * ai_ask: ask, and read every reply against the pending question before extracting from it.
 * A skip is honoured at once (the fields stay unset, the skip is recorded); an unsure reply gets
 * one clarifying re-ask, and a second leaves the field unfilled; a question to the bot, a request
 * for a person or a reply off topic is answered briefly and the question asked again; a "no" that
 * ends the session (`confirm_no`) is checked first; a summary (`confirms`) can be corrected part by
 * part (./ask-correction.ts). Otherwise: completes when every required field has a value (and, in
 * model mode, a custom `exit` holds), or after `max_rounds` questions with the missing fields
 * reported as `unfilled`. Re-asks repeat only the question, worded differently each time.
 */
import type { CompiledAction, CompiledOutputField } from "../../script";
import type { ReplyReading } from "../../understanding";
import type { HandlerOutcome, HandlerRun, RunContext } from "../context";
import { askQuestion, extractFieldsOf, primaryField, questionOnly } from "../pending-question";
import { CONFIRM_NO, reaskLead, SKIP_ACK, UNSURE_LEAVE, unsureReask } from "../reply-texts";
import type { AskReplyProgress, EngineEvent, JsonValue } from "../types";
import { correctionQuestion, replyInCorrection, startCorrection } from "./ask-correction";
import { isSubstantial, readAndExtract } from "./extraction";
import { asideFor, joinText, recordSkips, sayAndAwait } from "./reply-intents";

export type AskAction = Extract<CompiledAction, { action_type: "ai_ask" }>;

/** Replies answered with an aside (a question to the bot, a request for a person, off topic) before the question is left. */
const MAX_ASIDES = 6;
export type AskProgress = { type: "ai_ask"; round: number } & AskReplyProgress;

const DEFAULT_EXIT = "the client has answered";

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

function askProgress(ctx: RunContext): AskProgress {
  const progress = ctx.frame.progress;
  return progress?.type === "ai_ask" ? progress : { type: "ai_ask", round: 1 };
}

/**
 * In template mode a text field takes the whole reply, so "no idea really" or "did you see the match
 * last night?" would count as a value given. Such a reply gives a value only when something other
 * than the reply itself was found (a rating, a name, a duration), or, for an unsure reply, when it
 * says enough to be an answer ("I'm not sure, I've just been flat since the move") and, off topic,
 * is not a question of its own ("did you see the match last night?").
 */
function onlyFreeText(ctx: RunContext, reply: string, reading: ReplyReading, values: Record<string, JsonValue | undefined>): boolean {
  if (ctx.llm.mode !== "template") return false;
  const given = Object.values(values).filter((value) => value !== undefined);
  const asWritten = (value: JsonValue | undefined) => typeof value === "string" && value.trim() === reply.trim();
  if (given.length === 0 || !given.every(asWritten)) return false;
  return reading.intent === "unsure" ? !isSubstantial(reply) : /[?？吗嘛]\s*$/u.test(reply.trim());
}

/** The text of the question pending at this stage (what an aside is followed by). */
function pendingText(ctx: RunContext, action: AskAction, progress: AskProgress, content: string): string {
  if (progress.stage === "confirm_no") return ctx.render(action.config.confirm_no ?? CONFIRM_NO[ctx.language]);
  if (progress.stage === "which_part" || progress.stage === "correct") return correctionQuestion(ctx, action, progress);
  return questionOnly(content);
}

/** The client skipped the question: its unset fields stay unset and the skip is recorded. */
export async function* skipAsk(ctx: RunContext, action: AskAction): HandlerRun {
  const unset = extractFieldsOf(action).filter((field) => ctx.variables.lookup(field.get) === undefined);
  yield* recordSkips(ctx, unset.map((field) => field.get), action.action_id);
  yield* ctx.sayVerbatim(action.action_id, "skip_ack", SKIP_ACK[ctx.language]);
  return { kind: "done", reason: "skipped" };
}

/** Handles the intents that are not an answer; undefined when the reply is to be read as one. */
async function* notAnAnswer(ctx: RunContext, action: AskAction, progress: AskProgress, reading: ReplyReading, content: string): AsyncGenerator<EngineEvent, HandlerOutcome | undefined> {
  const language = ctx.language;
  if (reading.intent === "skip") return yield* skipAsk(ctx, action);
  // While a part of a summary is named or corrected, a loose reply is that part, not an aside;
  // only questions about the service and requests for a person are answered first.
  const correcting = progress.stage === "which_part" || progress.stage === "correct";
  const loose = reading.intent === "off_topic" || (reading.intent === "question" && (reading.topic === "other" || reading.topic === "meaning"));
  const aside = correcting && loose ? undefined : asideFor(ctx, reading, action.config.hint ? ctx.render(action.config.hint) : undefined);
  if (aside && (progress.asides ?? 0) >= MAX_ASIDES) {
    // Met with asides this often and still no answer: the question is left, so no client is held on it.
    yield* ctx.sayVerbatim(action.action_id, "leave", UNSURE_LEAVE[language]);
    const missing = missingRequired(ctx, action.config.output).map((f) => f.get);
    return missing.length ? { kind: "done", reason: "max_rounds", unfilled: missing } : { kind: "done", reason: "completed" };
  }
  if (aside) yield ctx.position(action, progress.round);
  if (aside) return yield* sayAndAwait(ctx, action, { ...progress, asides: (progress.asides ?? 0) + 1 }, aside.purpose, joinText(language, aside.text, pendingText(ctx, action, progress, content)));
  // Unsure while a no is checked or a summary corrected: those stages decide for themselves.
  if (reading.intent !== "unsure" || progress.stage) return undefined;
  if ((progress.unsure ?? 0) >= 1) {
    const missing = missingRequired(ctx, action.config.output).map((f) => f.get);
    yield* ctx.sayVerbatim(action.action_id, "leave", UNSURE_LEAVE[language]);
    return missing.length ? { kind: "done", reason: "max_rounds", unfilled: missing } : { kind: "done", reason: "completed" };
  }
  const question = askQuestion(action, content, language, progress);
  const next = { ...progress, unsure: 1, reasks: (progress.reasks ?? 0) + 1 };
  yield ctx.position(action, progress.round);
  return yield* sayAndAwait(ctx, action, next, "clarify", joinText(language, unsureReask(question.kind, language), questionOnly(content)));
}

/** The reply to "would you like to stop here?": yes keeps the no, no is a yes to the question. */
async function* replyConfirmNo(ctx: RunContext, action: AskAction, progress: AskProgress, reading: ReplyReading, content: string): HandlerRun {
  const field = primaryField(action);
  if (field && (reading.intent === "yes" || reading.intent === "no")) {
    ctx.frame.progress = { ...progress, stage: undefined };
    yield ctx.setVariable(field.get, reading.intent === "no", action.action_id);
    return { kind: "done", reason: "completed" };
  }
  // Unclear: back to the question itself.
  const next: AskProgress = { type: "ai_ask", round: progress.round, reasks: (progress.reasks ?? 0) + 1 };
  return yield* sayAndAwait(ctx, action, next, "follow_up", joinText(ctx.language, reaskLead(progress.reasks ?? 0, ctx.language), questionOnly(content)));
}

export async function* replyAsk(ctx: RunContext, action: AskAction, reply: string): HandlerRun {
  const { config } = action;
  const rounds = maxRounds(action);
  const progress = askProgress(ctx);
  const round = progress.round;
  const content = ctx.render(config.content);
  // The reader sees the whole question (a summary's parts tell which one a correction is about).
  const question = askQuestion(action, progress.stage ? pendingText(ctx, action, progress, content) : content, ctx.language, progress);
  const inStage = progress.stage !== undefined;

  // Follow-up replies answer what was missing: rule-based extraction must not overwrite what the
  // first reply gave (the model, which sees the whole exchange, may still correct it).
  const candidates = inStage
    ? []
    : round === 1
      ? config.output
      : config.output.filter((f) => ctx.variables.lookup(f.get) === undefined || (ctx.llm.mode === "model" && f.extraction_method === "llm"));
  const { reading, found } = await readAndExtract(ctx, {
    fields: candidates,
    reply,
    prompt: () => ctx.prompt(action, "task_extract", {}),
    question,
    primary: inStage ? undefined : primaryField(action),
    siblings: config.output,
    followUp: round > 1,
  });

  // While a safety trigger's run asks its questions, every reply is an answer to them: nothing is
  // skipped or set aside there. And a reply that gives the value is an answer, however hedged or loose.
  const safetyRun = ctx.state.stack.some((frame) => frame.interrupt);
  const primary = primaryField(action);
  const gaveValue = primary ? found[primary.get] !== undefined : Object.keys(found).length > 0;
  const answered = gaveValue && (reading.intent === "unsure" || reading.intent === "off_topic") && !onlyFreeText(ctx, reply, reading, primary ? { [primary.get]: found[primary.get] } : found);
  const handled = safetyRun || answered ? undefined : yield* notAnAnswer(ctx, action, progress, reading, content);
  if (handled) return handled;
  if (progress.stage === "confirm_no") return yield* replyConfirmNo(ctx, action, progress, reading, content);
  if (progress.stage === "which_part" || progress.stage === "correct") return yield* replyInCorrection(ctx, action, progress, reading, reply);
  if (!safetyRun && question.kind === "confirm_summary" && (reading.intent === "no" || reading.intent === "correction")) {
    return yield* startCorrection(ctx, action, progress, reading, reply);
  }

  if (!safetyRun && primary && config.confirm_no && question.kind === "yes_no" && found[primary.get] === false) {
    // A no that ends the session is checked before it is taken.
    return yield* sayAndAwait(ctx, action, { ...progress, stage: "confirm_no" }, "confirm_no", ctx.render(config.confirm_no));
  }

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
  const reasks = progress.reasks ?? 0;
  ctx.frame.progress = { ...progress, round: next, reasks: reasks + 1 };
  yield ctx.position(action, next);
  const missingText = missing.map((f) => (f.define ? ctx.render(f.define) : f.get)).join("; ") || "more detail";
  const prompt = ctx.prompt(action, "task_follow_up", { content, missing: missingText }, { tone: config.tone });
  const fallback = config.rephrase ? ctx.render(config.rephrase) : joinText(ctx.language, reaskLead(reasks, ctx.language), questionOnly(content));
  yield* ctx.say(action.action_id, "follow_up", prompt, fallback);
  return { kind: "await" };
}
