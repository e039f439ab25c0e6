/**
 * assess: a standard instrument, item by item, with its fixed wording and options (never
 * reworded). Every reply is read first: a skip leaves the item unanswered (null) at once, an unsure
 * reply gets one clarifying re-ask (in model mode only when the model cannot read it as one of the
 * options either: a hedged answer is still an answer), a question to the bot or a request for a person is answered and
 * the item asked again. Answers are interpreted by rule first, then by the model when there is
 * one; an unclear answer gets the item and its options again, with a varied lead-in. Stores <prefix>_items, _total and _band; PHQ-9 item 9
 * above 0 raises a safety event whatever the total.
 */
import type { CompiledAction } from "../../script";
import { ANSWER_OPTIONS, getInstrument, interpretAnswer, renderItemQuestion, scoreInstrument } from "../../instruments";
import { maxLevel } from "../../safety";
import { readReply } from "../../understanding";
import type { HandlerRun, RunContext } from "../context";
import { assessQuestion } from "../pending-question";
import { reaskLead, SKIP_ACK, UNSURE_LEAVE, unsureReask } from "../reply-texts";
import type { EngineEvent, RiskLevel } from "../types";
import { asideFor, joinText, sayAndAwait } from "./reply-intents";

type AssessAction = Extract<CompiledAction, { action_type: "assess" }>;

/** After this many unclear answers to one item it is left unanswered, so no client is stuck. */
export const MAX_UNCLEAR_ANSWERS = 3;

export async function* startAssess(ctx: RunContext, action: AssessAction): HandlerRun {
  yield ctx.position(action, 1);
  ctx.frame.progress = { type: "assess", item: 0, scores: [], unclear: 0 };
  yield* ctx.sayVerbatim(action.action_id, "assess_item", renderItemQuestion(action.config.instrument, 0, ctx.language, { includeStem: true }));
  return { kind: "await" };
}

async function interpret(ctx: RunContext, action: AssessAction, reply: string): Promise<number | null> {
  const byRule = interpretAnswer(reply, ctx.language);
  if (byRule.score !== null) return byRule.score;
  if (byRule.reason === "empty" || ctx.llm.mode === "template") return null;
  return interpretByModel(ctx, action, reply);
}

/** The model's choice among the options, or null when it finds the answer unclear (or answers outside them). */
async function interpretByModel(ctx: RunContext, action: AssessAction, reply: string): Promise<number | null> {
  const score = await ctx.llm.interpret({
    prompt: ctx.prompt(action, "task_interpret", {
      options: ANSWER_OPTIONS.map((o) => `${o.score} = ${o.label[ctx.language]}`).join("; "),
    }),
    options: ANSWER_OPTIONS.map((o) => ({ score: o.score, label: o.label[ctx.language] })),
    reply,
  });
  return score !== null && Number.isInteger(score) && score >= 0 && score <= 3 ? score : null;
}

export async function* replyAssess(ctx: RunContext, action: AssessAction, reply: string): HandlerRun {
  const { instrument } = action.config;
  const language = ctx.language;
  const prefix = action.config.output_prefix;
  const progress = ctx.frame.progress?.type === "assess" ? ctx.frame.progress : { type: "assess" as const, item: 0, scores: [], unclear: 0 };
  const itemText = renderItemQuestion(instrument, progress.item, language, { includeStem: false });
  const reading = readReply(assessQuestion(itemText, language), reply);
  const reasks = progress.reasks ?? 0;

  let score: number | null;
  const aside = asideFor(ctx, reading);
  const unsure = reading.intent === "unsure" && typeof reading.value !== "number";
  // A hedged reply the model still reads as one of the options ("a handful of days I guess") is that
  // answer, as on an ai_ask; only one it finds unclear too gets the clarifying re-ask.
  const hedged = unsure && ctx.llm.mode === "model" ? await interpretByModel(ctx, action, reply) : null;
  if (reading.intent === "skip") {
    yield* ctx.sayVerbatim(action.action_id, "skip_ack", SKIP_ACK[language]);
    score = null;
  } else if (aside) {
    // An aside counts as an unclear answer, so no client is held on one item.
    if (progress.unclear + 1 < MAX_UNCLEAR_ANSWERS) return yield* sayAndAwait(ctx, action, { ...progress, unclear: progress.unclear + 1 }, aside.purpose, joinText(language, aside.text, itemText));
    yield* ctx.sayVerbatim(action.action_id, "leave", UNSURE_LEAVE[language]);
    score = null;
  } else if (hedged !== null) {
    score = hedged;
  } else if (unsure) {
    if ((progress.unsure ?? 0) === 0) {
      const next = { ...progress, unsure: 1, reasks: reasks + 1 };
      return yield* sayAndAwait(ctx, action, next, "assess_reask", joinText(language, unsureReask("option", language), itemText));
    }
    yield* ctx.sayVerbatim(action.action_id, "leave", UNSURE_LEAVE[language]);
    score = null;
  } else {
    score = typeof reading.value === "number" ? reading.value : await interpret(ctx, action, reply);
    if (score === null && progress.unclear + 1 < MAX_UNCLEAR_ANSWERS) {
      const next = { ...progress, unclear: progress.unclear + 1, reasks: reasks + 1 };
      return yield* sayAndAwait(ctx, action, next, "assess_reask", joinText(language, reaskLead(reasks, language), itemText));
    }
  }

  const scores = [...progress.scores, score];
  const definition = getInstrument(instrument);
  if (score !== null && definition.selfHarmItemIndex === progress.item && score > 0) {
    yield* raiseSafety(ctx, "medium", `${instrument}_item${progress.item + 1}`);
    // Section 7: a positive self-harm item interrupts the script whatever the total.
    ctx.requestInterrupt(`${instrument}_item${progress.item + 1}`);
  }

  const nextItem = progress.item + 1;
  if (nextItem < definition.items.length) {
    ctx.frame.progress = { type: "assess", item: nextItem, scores, unclear: 0, reasks };
    yield ctx.position(action, nextItem + 1);
    yield* ctx.sayVerbatim(action.action_id, "assess_item", renderItemQuestion(instrument, nextItem, ctx.language, { includeStem: false }));
    return { kind: "await" };
  }

  // Unanswered items count as 0 in the total, so the band is a lower bound; they stay null in the list.
  const result = scoreInstrument(instrument, scores.map((s) => s ?? 0));
  yield ctx.setVariable(`${prefix}_items`, scores, action.action_id);
  yield ctx.setVariable(`${prefix}_total`, result.total, action.action_id);
  yield ctx.setVariable(`${prefix}_band`, result.band, action.action_id);
  const unanswered = scores.flatMap((s, i) => (s === null ? [`${prefix}_item${i + 1}`] : []));
  return unanswered.length ? { kind: "done", reason: "completed", unfilled: unanswered } : { kind: "done", reason: "completed" };
}

function* raiseSafety(ctx: RunContext, level: RiskLevel, reason: string): Generator<EngineEvent> {
  ctx.state.risk.level = maxLevel(ctx.state.risk.level, level);
  yield { type: "safety", level, reason, source: "instrument", action: "protocol" };
}
