/**
 * What ai_ask and assess do with a reply that is not (only) an answer: a skip is honoured at once
 * and recorded, a question about the service gets a short honest answer from the project's
 * settings, a request for a person gets the handoff text, and a reply that wanders off gets a
 * gentle bridge back; each of the last three is followed by the pending question again.
 */
import { normaliseName } from "../../script/names";
import type { ReplyReading } from "../../understanding";
import type { HandlerRun, RunContext } from "../context";
import { CANNOT_ANSWER, handoffText, MEANING_GENERIC, meaningText, OFF_TOPIC_BRIDGE, serviceAnswer } from "../reply-texts";
import type { ActionProgress, EngineEvent, Language } from "../types";

/** Says something of the engine's own for an action, then waits on its question with `progress`. */
export async function* sayAndAwait(ctx: RunContext, action: { action_id: string }, progress: ActionProgress, purpose: string, text: string): HandlerRun {
  ctx.frame.progress = progress;
  yield* ctx.sayVerbatim(action.action_id, purpose, text);
  return { kind: "await" };
}

/** Sentences of one message: a space between English ones, none between Chinese ones. */
export function joinText(language: Language, ...parts: readonly string[]): string {
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .join(language === "zh" ? "" : " ");
}

/**
 * The client skipped these fields: nothing is stored (conditions and placeholders see no value),
 * and each skip is recorded as a `variable-set` marked `skipped`, so review shows it in lineage.
 */
export function* recordSkips(ctx: RunContext, names: readonly string[], source: string): Generator<EngineEvent> {
  for (const written of names) {
    const name = normaliseName(written);
    yield { type: "variable-set", name, value: null, source, scope: ctx.variables.scopeFor(name), skipped: true };
  }
}

/**
 * What to say before asking the pending question again, for a question to the bot, a request for
 * a person or a reply off topic; undefined for every other intent. `hint` explains the question.
 */
export function asideFor(ctx: RunContext, reading: ReplyReading, hint?: string): { purpose: string; text: string } | undefined {
  const language = ctx.language;
  switch (reading.intent) {
    case "question": {
      const topic = reading.topic ?? "other";
      if (topic === "who_reads" || topic === "real_person" || topic === "data") return { purpose: "answer_question", text: serviceAnswer(ctx.scheme, topic, language) };
      if (topic === "meaning") return { purpose: "answer_question", text: hint ? meaningText(hint, language) : MEANING_GENERIC[language] };
      return { purpose: "answer_question", text: CANNOT_ANSWER[language] };
    }
    case "handoff":
      return { purpose: "handoff", text: handoffText(ctx.scheme, language) };
    case "off_topic":
      return { purpose: "bridge", text: OFF_TOPIC_BRIDGE[language] };
    default:
      return undefined;
  }
}
