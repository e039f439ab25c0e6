/**
 * The safety layer's record of a crisis as the client tells it: what they have said about a plan,
 * the means and the timing (kept in the state, shown to scripts as `disclosed_*`, stored as a
 * safety event with the words as evidence), what the built-in protocol is told of it, and whether
 * a safety trigger's run may hand back to the script.
 */
import { isAtLeast, maxLevel, type RiskEvidence } from "../safety";
import type { RunContext } from "./context";
import type { Assessment } from "./safety-gate";
import { findDisclosures, type Disclosure } from "./disclosures";
import { holdProtocol, type KnownParts, type ProtocolContext } from "./protocol";
import type { EngineEvent, SessionState } from "./types";

/** The state keeps the latest this many disclosures (a long crisis must not grow it without end). */
export const MAX_RECORDED_DISCLOSURES = 24;

/** The built-in protocol or a safety trigger's run holds the conversation. */
export function inCrisis(state: SessionState): boolean {
  return Boolean(state.risk.protocol) || state.stack.some((frame) => frame.interrupt);
}

function evidenceOf(disclosure: Disclosure): RiskEvidence {
  const detail = disclosure.means ?? disclosure.when;
  const rule = ["disclosure", disclosure.kind, ...(detail ? [detail] : []), ...(disclosure.negated ? ["negated"] : [])].join(":");
  return { start: disclosure.start, end: disclosure.end, text: disclosure.text, rule };
}

/**
 * A message the detector rates medium that also tells a plan, or both the means and a time ("我不想活了，
 * 打算今晚吃药"), is a crisis message: it gets the protocol, never a check-in followed by the
 * script's next question.
 */
function tellsAPlan(found: readonly Disclosure[]): boolean {
  const said = found.filter((d) => !d.negated);
  return said.some((d) => d.kind === "plan") || (said.some((d) => d.kind === "means") && said.some((d) => d.kind === "timing"));
}

/**
 * Listens to a client message before the script or the protocol sees it: when the safety layer
 * acts on it (a crisis is underway, or the message is at least medium risk), what it says about a
 * plan, the means and the timing is recorded, so neither asks for it again, and kept as a safety
 * event with the words as evidence. A medium message that tells a plan is raised to high.
 */
export function listen(ctx: RunContext, text: string, assessment: Assessment): { assessment: Assessment; event: EngineEvent | null } {
  if (!inCrisis(ctx.state) && !isAtLeast(assessment.level, "medium")) return { assessment, event: null };
  const found = findDisclosures(text);
  if (found.length === 0) return { assessment, event: null };
  const turn = ctx.state.turn;
  ctx.state.risk.disclosures = [...(ctx.state.risk.disclosures ?? []), ...found.map((d) => ({ ...d, turn }))].slice(-MAX_RECORDED_DISCLOSURES);
  const evidence = found.map(evidenceOf);
  const raised: Assessment =
    assessment.level === "medium" && !inCrisis(ctx.state) && tellsAPlan(found)
      ? { ...assessment, level: "high", evidence: [...assessment.evidence, ...evidence].sort((a, b) => a.start - b.start), source: "disclosure" }
      : assessment;
  return {
    assessment: raised,
    event: { type: "safety", level: maxLevel(raised.level, ctx.state.risk.level), reason: "disclosure", source: "disclosure", evidence, action: "recorded" },
  };
}

/** What the built-in protocol needs to know: what is known so far, and whether this message told some of it. */
export function protocolContext(ctx: RunContext): Pick<ProtocolContext, "known" | "disclosed"> {
  const all = ctx.state.risk.disclosures ?? [];
  const known: KnownParts = {
    plan: all.some((d) => d.kind === "plan"),
    means: all.some((d) => d.kind === "means"),
    timing: all.some((d) => d.kind === "timing" && !d.negated),
    affirmed: all.some((d) => !d.negated),
  };
  return { known, disclosed: all.some((d) => d.turn === ctx.state.turn && !d.negated) };
}

/**
 * Whether the safety trigger that started the finishing run lets the script resume: its
 * `resume_when` holds in the run's scope (or it has none). Called before the run's frame is popped.
 */
export function mayResume(ctx: RunContext, triggerId: string): boolean {
  const trigger = [...ctx.script.triggers, ...(ctx.options.safetyTriggers ?? [])].find((t) => t.trigger_id === triggerId);
  return !trigger?.resume_when || ctx.holds(trigger.resume_when);
}

/**
 * The run ended before the client confirmed they are safe: the built-in protocol's safety check
 * takes over (without asking again what the run asked) and hands back after two clear confirmations.
 */
export function startHold(ctx: RunContext, triggerId: string): { messages: string[]; event: EngineEvent } {
  const held = holdProtocol(ctx.language, `safety_not_confirmed:${triggerId}`);
  ctx.state.risk.protocol = held.state;
  return {
    messages: held.messages,
    event: { type: "safety", level: ctx.state.risk.level, reason: "safety_not_confirmed", source: "protocol", action: "protocol" },
  };
}
