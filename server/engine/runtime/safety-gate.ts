/**
 * Every client message passes here before the script sees it (script-format.md §7): the lexicon
 * (and in model mode a classifier that may only raise the level) assesses it; at high/imminent the
 * script is interrupted by its own trigger or the built-in protocol; medium gets a gentle check-in.
 */
import type { CompiledTrigger } from "../script";
import { detectRisk, isAtLeast, levelRank, maxLevel, RISK_CATEGORIES, type MessageContext, type RiskAssessment, type RiskCategory, type RiskLevel } from "../safety";
import type { ClassifyRiskResult } from "../llm/port";
import { buildPrompt } from "../prompts/build";
import type { RunContext } from "./context";
import { checkInMessage, continueProtocol, startProtocol } from "./protocol";
import { protocolContext } from "./crisis-record";
import { someoneElseStep } from "./someone-else";
import type { EngineEvent, Frame, SessionState } from "./types";

export const PROTOCOL_ACTION_ID = "safety_protocol";

/** Runs the script forward from the current position (provided by the engine). */
export type RunForward = (ctx: RunContext) => AsyncGenerator<EngineEvent, void>;
/** Shows the interrupted action's question again, or runs on when nothing was waiting. */
export type ResumeScript = (ctx: RunContext) => AsyncGenerator<EngineEvent, void>;

const URGENT_CATEGORIES = new Set(["suicide_plan", "means", "medical_emergency"]);

/** The reason (category) of the safety event recorded for someone else's emergency. */
export const SOMEONE_ELSE_REASON = "someone_else_in_danger";

export type Assessment = RiskAssessment & { source: string };

/**
 * The bot's last message and the client's previous one, as the detector reads a reply in context.
 * None while the protocol runs, or while a questionnaire item waits: each reads the answers to its
 * own questions itself (the instrument scores PHQ-9 item 9 and raises the risk by its own rule), and
 * a "yes" to "are you safe right now?" must not read as a yes to a question about ending one's life.
 * None either right after emergency guidance for someone else: its words (danger, emergency
 * services, what they took) around "ok, I called them" read as the client's own crisis.
 */
export function conversationContext(state: Pick<SessionState, "risk" | "stack" | "memory">): MessageContext {
  if (state.risk.protocol || state.risk.someoneElse || state.stack.at(-1)?.progress?.type === "assess") return {};
  // The message being assessed is already in memory: its context is what came before it, the
  // bot's last message and the client's turn before that.
  const recent = state.memory.recent;
  const botAt = recent.findLastIndex((entry) => entry.role === "bot");
  const lastBot = botAt >= 0 ? recent[botAt] : undefined;
  const previousClient = recent.slice(0, Math.max(0, botAt)).findLast((entry) => entry.role === "client");
  return { ...(lastBot ? { bot: lastBot.text } : {}), ...(previousClient ? { client: previousClient.text } : {}) };
}

/** The always-on detector's verdict (rules and the shipped classifier): no model service needed. */
export function lexiconAssessment(ctx: RunContext, text: string): Assessment {
  return { ...detectRisk(text, { lang: ctx.language, extraKeywords: ctx.options.crisisKeywords ?? [], context: conversationContext(ctx.state) }), source: "lexicon" };
}

/**
 * The model classifier's verdict, or null in template mode or when it failed: the classifier only
 * adds to the lexicon, so its outage must not block the turn (the port has recorded the failed call).
 */
export function classifyWithModel(ctx: RunContext, text: string): Promise<ClassifyRiskResult | null> | null {
  const llm = ctx.llm;
  if (llm.mode !== "model" || !llm.classifyRisk) return null;
  const prompt = buildPrompt(
    { scheme: ctx.scheme, language: ctx.language, tone: "careful", context: [], variables: {}, memory: { recent: ctx.state.memory.recent.slice(-4), summary: "" } },
    "task_classify_risk",
    {},
  );
  return llm.classifyRisk({ prompt, text }).catch(() => null);
}

/** The model may raise the lexicon's level, never lower it. */
export function combineAssessments(lexicon: Assessment, model: ClassifyRiskResult | null): Assessment {
  if (model && levelRank(model.level) > levelRank(lexicon.level)) {
    const someoneElse = lexicon.someoneElseUrgent ? { someoneElseUrgent: true as const } : {};
    return { level: model.level, category: knownCategory(model.category, lexicon.category), evidence: lexicon.evidence, source: "llm", ...someoneElse };
  }
  return lexicon;
}

/** A category outside the lexicon's (a model that ignored its schema) keeps the lexicon's. */
function knownCategory(category: string, fallback: RiskCategory): RiskCategory {
  return (RISK_CATEGORIES as readonly string[]).includes(category) ? (category as RiskCategory) : fallback;
}

function triggers(ctx: RunContext): CompiledTrigger[] {
  return [...ctx.script.triggers, ...(ctx.options.safetyTriggers ?? [])];
}

function coolingDown(ctx: RunContext, trigger: CompiledTrigger): boolean {
  const fired = ctx.state.risk.cooldowns?.[trigger.trigger_id];
  return fired !== undefined && ctx.state.turn - fired < (trigger.cooldown_turns ?? 0);
}

/** A crisis technique written in another language than the client's is no help to them. */
function speaksClientLanguage(ctx: RunContext, language: unknown): boolean {
  if (typeof language !== "string" || !language.trim()) return true;
  return (/^zh/i.test(language) ? "zh" : "en") === ctx.language;
}

function runnable(ctx: RunContext, trigger: CompiledTrigger): boolean {
  if (coolingDown(ctx, trigger)) return false;
  if (trigger.run.skill) {
    const technique = ctx.technique(trigger.run.skill);
    return technique !== undefined && speaksClientLanguage(ctx, technique.metadata.language);
  }
  return Boolean(trigger.run.topic && ctx.script.session.phases.some((p) => p.topics.some((t) => t.topic_id === trigger.run.topic)));
}

function findTrigger(ctx: RunContext, text: string, level: RiskLevel): CompiledTrigger | undefined {
  const lower = text.toLowerCase();
  return triggers(ctx).find((trigger) => {
    if (!runnable(ctx, trigger)) return false;
    switch (trigger.on) {
      case "risk_high":
        return isAtLeast(level, "high");
      case "risk_medium":
        return level === "medium";
      case "keyword":
        return (trigger.keywords ?? []).some((keyword) => keyword && lower.includes(keyword.toLowerCase()));
      case "condition":
        return ctx.holds(trigger.condition) && trigger.condition !== undefined;
    }
  });
}

function interrupted(ctx: RunContext): boolean {
  return Boolean(ctx.state.risk.protocol) || ctx.state.stack.some((frame) => frame.interrupt);
}

/** Pushes the trigger's technique or topic as an interrupting frame. */
export function pushTriggerFrame(ctx: RunContext, trigger: CompiledTrigger): void {
  ctx.state.risk.cooldowns = { ...(ctx.state.risk.cooldowns ?? {}), [trigger.trigger_id]: ctx.state.turn };
  const interrupt = { triggerId: trigger.trigger_id, then: trigger.then };
  const technique = trigger.run.skill ? ctx.technique(trigger.run.skill) : undefined;
  const frame: Frame = technique
    ? {
        kind: "technique",
        scriptKey: technique.key,
        phaseId: null,
        topicId: technique.technique.topic.topic_id,
        actionId: null,
        progress: null,
        locals: {},
        interrupt,
      }
    : { kind: "session", scriptKey: ctx.script.key, phaseId: ctx.frame.phaseId, topicId: trigger.run.topic ?? null, actionId: null, progress: null, interrupt };
  ctx.state.stack.push(frame);
}

function* sayProtocol(ctx: RunContext, messages: readonly string[]): Generator<EngineEvent> {
  for (const message of messages) yield* ctx.sayVerbatim(PROTOCOL_ACTION_ID, "safety", message);
}

/** Starts the built-in protocol or a risk_high trigger, for `reason`. */
export async function* interrupt(ctx: RunContext, reason: string, runForward: RunForward): AsyncGenerator<EngineEvent, void> {
  const trigger = triggers(ctx).find((t) => t.on === "risk_high" && runnable(ctx, t));
  if (trigger) {
    pushTriggerFrame(ctx, trigger);
    yield* runForward(ctx);
    return;
  }
  const started = startProtocol(ctx.language, reason, { ...protocolContext(ctx), ...(ctx.options.region ? { region: ctx.options.region } : {}) });
  ctx.state.risk.protocol = started.state;
  if (started.urgent && ctx.state.risk.level !== "imminent") {
    ctx.state.risk.level = "imminent";
    yield { type: "safety", level: "imminent", reason: "plan_disclosed", source: "protocol", action: "protocol" };
  }
  yield* sayProtocol(ctx, started.messages);
  ctx.state.status = "awaiting_input";
  yield { type: "awaiting-input" };
}

/**
 * Acts on the assessment of the client's message. Returns true when the message was handled here
 * (the script must not see it), false when the script should go on and process it.
 */
export async function* safetyGate(ctx: RunContext, text: string, assessment: Assessment, runForward: RunForward, resume: ResumeScript): AsyncGenerator<EngineEvent, boolean> {
  const { level } = assessment;
  ctx.state.risk.level = maxLevel(ctx.state.risk.level, level);
  const protocol = ctx.state.risk.protocol;

  // The built-in protocol owns the conversation until it lets go.
  if (protocol) {
    if (isAtLeast(level, "low")) yield safetyEvent(assessment, "protocol");
    const urgent = level === "imminent" || (isAtLeast(level, "high") && URGENT_CATEGORIES.has(assessment.category));
    const step = continueProtocol(protocol, text, ctx.language, { detectedUrgent: urgent, ...protocolContext(ctx), ...(ctx.options.region ? { region: ctx.options.region } : {}) });
    if (step.urgent && !urgent) {
      ctx.state.risk.level = "imminent";
      yield { type: "safety", level: "imminent", reason: "plan_disclosed", source: "protocol", action: "protocol" };
    }
    ctx.state.risk.protocol = step.state;
    yield* sayProtocol(ctx, step.messages);
    if (step.plan) yield ctx.setVariable("safety_plan", step.plan, PROTOCOL_ACTION_ID);
    if (step.finished) {
      yield* resume(ctx);
      return true;
    }
    ctx.state.status = "awaiting_input";
    yield { type: "awaiting-input" };
    return true;
  }

  // A trigger already running handles the reply like any action.
  if (interrupted(ctx)) {
    if (isAtLeast(level, "low")) yield safetyEvent(assessment, "logged");
    return false;
  }

  // Someone else in danger now: how to get them help comes first, unless the client is in crisis too.
  if (!isAtLeast(level, "high")) {
    const handled = yield* helpForSomeoneElse(ctx, assessment, resume);
    if (handled) return true;
  } else {
    ctx.state.risk.someoneElse = null;
  }

  const trigger = findTrigger(ctx, text, level);
  if (isAtLeast(level, "high")) {
    yield safetyEvent(assessment, trigger && (trigger.on === "risk_high" || trigger.on === "keyword") ? `trigger:${trigger.trigger_id}` : "protocol");
    if (trigger && (trigger.on === "risk_high" || trigger.on === "keyword")) {
      pushTriggerFrame(ctx, trigger);
      yield* runForward(ctx);
    } else {
      yield* interrupt(ctx, assessment.category, runForward);
    }
    return true;
  }
  if (trigger) {
    yield safetyEvent(assessment, `trigger:${trigger.trigger_id}`, trigger.on === "keyword" || trigger.on === "condition" ? trigger.on : undefined);
    pushTriggerFrame(ctx, trigger);
    yield* runForward(ctx);
    return true;
  }
  if (level === "medium") {
    yield safetyEvent(assessment, "check_in");
    yield* ctx.sayVerbatim(PROTOCOL_ACTION_ID, "safety_check_in", checkInMessage(ctx.language, ctx.options.region));
    return false;
  }
  if (level === "low") yield safetyEvent(assessment, "logged");
  return false;
}

/**
 * Emergency guidance for someone else in danger now, and the reply to it acknowledged before the
 * script goes on (someone-else.ts). Returns true when the message was handled here.
 */
async function* helpForSomeoneElse(ctx: RunContext, assessment: Assessment, resume: ResumeScript): AsyncGenerator<EngineEvent, boolean> {
  const step = someoneElseStep(ctx.state.risk.someoneElse ?? undefined, assessment.someoneElseUrgent === true, ctx.state.turn, ctx.language, ctx.options.region);
  if (step.kind === "none") {
    ctx.state.risk.someoneElse = null;
    return false;
  }
  if (step.kind === "after") {
    ctx.state.risk.someoneElse = null;
    if (isAtLeast(assessment.level, "low")) yield safetyEvent(assessment, "logged");
    yield* ctx.sayVerbatim(PROTOCOL_ACTION_ID, "safety", step.message);
    yield* resume(ctx);
    return true;
  }
  ctx.state.risk.someoneElse = step.state;
  yield safetyEvent({ ...assessment, category: SOMEONE_ELSE_REASON }, "emergency_guidance");
  yield* ctx.sayVerbatim(PROTOCOL_ACTION_ID, "safety", step.message);
  ctx.state.status = "awaiting_input";
  yield { type: "awaiting-input" };
  return true;
}


function safetyEvent(assessment: Omit<RiskAssessment, "category"> & { category: string; source: string }, action: string, source?: string): EngineEvent {
  return {
    type: "safety",
    level: assessment.level,
    reason: assessment.category,
    source: source ?? assessment.source,
    evidence: assessment.evidence,
    action,
  };
}
