/**
 * The runtime: `start` and `turn` run a compiled session script and stream the events of
 * script-format.md §9, returning the next state. Pure: the state passed in is never modified
 * (a failed turn leaves it as it was, so the same turn can be retried), and the same inputs with
 * the same model outputs give the same events.
 */
import type { CompiledAction, CompiledScript, CompiledSessionScript, CompiledTopic } from "../script";
import { resolveScheme } from "../prompts/default-scheme";
import { RunContext, type HandlerOutcome, type HandlerRun } from "./context";
import { findAction, findPhase, findTopicInSession, nextAfter, type LocatedTopic } from "./navigation";
import { compactMemory } from "./memory";
import { replyAsk, startAsk } from "./actions/ai-ask";
import { replySay, startSay } from "./actions/ai-say";
import { startThink } from "./actions/ai-think";
import { replyAssess, startAssess } from "./actions/assess";
import { returnFromSkill, startSkill } from "./actions/use-skill";
import { classifyWithModel, combineAssessments, interrupt, lexiconAssessment, PROTOCOL_ACTION_ID, safetyGate, type Assessment } from "./safety-gate";
import { listen, mayResume, startHold } from "./crisis-record";
import { renderItemQuestion } from "../instruments";
import { pendingQuickReplies } from "./quick-replies";
import {
  EngineError,
  STATE_VERSION,
  type EngineEvent,
  type EngineOptions,
  type EngineRun,
  type Language,
  type SessionState,
} from "./types";

function languageOf(script: CompiledSessionScript, options: EngineOptions): Language {
  if (options.language) return options.language;
  return /^zh/i.test(String(script.metadata.language ?? "")) ? "zh" : "en";
}

function asSession(script: CompiledScript): CompiledSessionScript {
  if (script.kind !== "session") {
    throw new EngineError(`Only session scripts can be started; this is a ${script.kind} script.`, "not_a_session");
  }
  return script;
}

export function initialState(script: CompiledSessionScript, options: EngineOptions): SessionState {
  return {
    stateVersion: STATE_VERSION,
    scriptKey: script.key,
    scriptVersion: options.scriptVersion,
    status: "awaiting_input",
    turn: 0,
    language: languageOf(script, options),
    stack: [{ kind: "session", scriptKey: script.key, phaseId: null, topicId: null, actionId: null, progress: null }],
    variables: { session: {}, phase: {}, topic: {} },
    memory: { recent: [], summary: "" },
    risk: { level: "none" },
  };
}

/** Rejects a state the script cannot continue, with a message a person can act on. */
export function assertCompatible(script: CompiledSessionScript, state: SessionState, options: EngineOptions): void {
  if (state.stateVersion !== STATE_VERSION) {
    throw new EngineError(`This session's saved state has format ${String(state.stateVersion)}; this engine reads format ${STATE_VERSION}.`, "state_version");
  }
  if (state.scriptKey !== script.key) {
    throw new EngineError(`This session belongs to script "${state.scriptKey}", not "${script.key}".`, "script_mismatch");
  }
  if (state.scriptVersion !== options.scriptVersion) {
    throw new EngineError(
      `This session is pinned to script version ${state.scriptVersion} and cannot continue on version ${options.scriptVersion}.`,
      "script_version",
    );
  }
}

/** Starts a session: runs until the script first needs the client (or ends). */
export async function* start(compiled: CompiledScript, options: EngineOptions): EngineRun {
  const script = asSession(compiled);
  const startAt = options.startTopicId === undefined ? undefined : startTopic(script, options.startTopicId);
  const state = initialState(script, options);
  const ctx = new RunContext(script, state, options, resolveScheme(script.session.template_scheme, options.promptOverrides));
  ctx.variables.initialise(script.session.declare, state.variables.session);
  if (startAt) enterTopicDirectly(ctx, startAt);
  for (const [name, value] of Object.entries(options.initialVariables ?? {})) {
    yield ctx.setVariable(name, structuredClone(value), "initial");
  }
  yield* withQuickReplies(ctx, advance(ctx, null));
  return state;
}

/** The topic `startTopicId` names, with its phase; an EngineError when the script has no such topic. */
function startTopic(script: CompiledSessionScript, topicId: string): LocatedTopic {
  const located = findTopicInSession(script, topicId);
  if (!located) {
    const known = script.session.phases.flatMap((p) => p.topics.map((t) => t.topic_id));
    const list = known.length <= 20 ? ` Its topics: ${known.join(", ")}.` : "";
    throw new EngineError(`Cannot start at topic "${topicId}": script "${script.key}" has no such topic.${list}`, "unknown_topic");
  }
  return located;
}

/** Puts the session frame at the start of a topic, as if its phase and the topic had just been entered. */
function enterTopicDirectly(ctx: RunContext, { phase, topic }: LocatedTopic): void {
  const frame = ctx.frame;
  frame.phaseId = phase.phase_id;
  ctx.state.variables.phase = {};
  ctx.variables.initialise(phase.declare, ctx.state.variables.phase);
  frame.topicId = topic.topic_id;
  frame.actionId = null;
  frame.progress = null;
  ctx.variables.enterTopic(topic);
}

/**
 * One client message: the safety gate acts on its assessment, then the current action gets the
 * reply and the script runs on.
 *
 * In model mode the risk classifier is a model call of its own. Rather than wait for it before
 * the script starts, the turn runs on the lexicon's verdict while the classifier answers, and
 * holds every event back until the first text would reach the client. Then, if the classifier
 * raised the level, that run is dropped (nothing of it was shown or returned) and the turn runs
 * again from the same state with the raised level. Either way the events and the state are
 * exactly those of waiting first; the client's first words just come one model call sooner.
 */
export async function* turn(compiled: CompiledScript, previous: SessionState, clientText: string, options: EngineOptions): EngineRun {
  const script = asSession(compiled);
  assertCompatible(script, previous, options);
  if (previous.status === "complete") throw new EngineError("This session has ended; start a new one.", "session_complete");
  const first = beginTurn(script, previous, clientText, options);
  const lexicon = lexiconAssessment(first, clientText);
  const classified = classifyWithModel(first, clientText);
  if (!classified) return yield* runTurn(first, clientText, lexicon);

  const speculative = runTurn(first, clientText, lexicon);
  const held: EngineEvent[] = [];
  let next: IteratorResult<EngineEvent, SessionState> | { failed: unknown };
  try {
    for (next = await speculative.next(); !next.done && next.value.type !== "text-delta"; next = await speculative.next()) held.push(next.value);
  } catch (error) {
    next = { failed: error };
  }
  const assessment = combineAssessments(lexicon, await classified);
  if (assessment === lexicon) {
    if ("failed" in next) throw next.failed;
    for (const event of held) yield event;
    for (; !next.done; next = await speculative.next()) yield next.value;
    return next.value;
  }
  if (!("failed" in next)) await speculative.return(first.state).catch(() => undefined);
  return yield* runTurn(beginTurn(script, previous, clientText, options), clientText, assessment);
}

/** A fresh working copy of the state for this turn, with the client's message in memory. */
function beginTurn(script: CompiledSessionScript, previous: SessionState, clientText: string, options: EngineOptions): RunContext {
  const state: SessionState = structuredClone(previous);
  state.turn += 1;
  state.memory.recent.push({ role: "client", text: clientText, turn: state.turn });
  return new RunContext(script, state, options, resolveScheme(script.session.template_scheme, options.promptOverrides));
}

async function* runTurn(ctx: RunContext, clientText: string, detected: Assessment): EngineRun {
  // What the client says about a plan, means or timing is recorded before anything asks for it.
  const { assessment, event } = listen(ctx, clientText, detected);
  if (event) yield event;
  yield* withQuickReplies(ctx, respond(ctx, clientText, assessment));
  ctx.state.memory = await compactMemory(ctx.state.memory, ctx.options.llm, ctx);
  return ctx.state;
}

async function* respond(ctx: RunContext, clientText: string, assessment: Assessment): AsyncGenerator<EngineEvent, void> {
  const handled = yield* safetyGate(ctx, clientText, assessment, runForward, resumeScript);
  if (!handled) yield* advance(ctx, clientText);
}

/** Every `awaiting-input` gets the quick replies of the question then pending (none for open questions). */
async function* withQuickReplies(ctx: RunContext, run: AsyncGenerator<EngineEvent, void>): AsyncGenerator<EngineEvent, void> {
  let finished = false;
  try {
    for (let next = await run.next(); !next.done; next = await run.next()) {
      if (next.value.type !== "awaiting-input") {
        yield next.value;
        continue;
      }
      const options = pendingQuickReplies(ctx.script, ctx.state, ctx.options.techniques);
      yield options.length > 0 ? { type: "awaiting-input", options } : next.value;
    }
    finished = true;
  } finally {
    // A run dropped early (a speculative turn the classifier overruled) closes the inner one too.
    if (!finished) await run.return();
  }
}

function currentAction(ctx: RunContext): CompiledAction | undefined {
  const frame = ctx.frame;
  const topic = ctx.currentTopic();
  return topic && frame.actionId ? findAction(topic, frame.actionId) : undefined;
}

function startAction(ctx: RunContext, action: CompiledAction): HandlerRun {
  switch (action.action_type) {
    case "ai_say":
      return startSay(ctx, action);
    case "ai_ask":
      return startAsk(ctx, action);
    case "ai_think":
      return startThink(ctx, action);
    case "use_skill":
      return startSkill(ctx, action);
    case "assess":
      return startAssess(ctx, action);
  }
}

async function* replyToAction(ctx: RunContext, action: CompiledAction, reply: string): HandlerRun {
  switch (action.action_type) {
    case "ai_say":
      return yield* replySay(ctx, action, reply);
    case "ai_ask":
      return yield* replyAsk(ctx, action, reply);
    case "assess":
      return yield* replyAssess(ctx, action, reply);
    case "ai_think":
    case "use_skill":
      // These never wait for the client; a reply here means the state was saved mid-action.
      return { kind: "done", reason: "completed" };
  }
}

function* complete(ctx: RunContext, action: CompiledAction, outcome: Extract<HandlerOutcome, { kind: "done" }>): Generator<EngineEvent> {
  ctx.frame.progress = null;
  const event: EngineEvent = { type: "action-complete", actionId: action.action_id, reason: outcome.reason };
  if (outcome.unfilled?.length) event.unfilled = outcome.unfilled;
  yield event;
}

async function* advance(ctx: RunContext, reply: string | null): AsyncGenerator<EngineEvent, void> {
  if (reply !== null) {
    const action = currentAction(ctx);
    if (action) {
      const outcome = yield* replyToAction(ctx, action, reply);
      if (outcome.kind === "await") {
        yield { type: "awaiting-input" };
        return;
      }
      if (outcome.kind === "done") yield* complete(ctx, action, outcome);
    }
  }

  yield* runForward(ctx);
}

/** Runs actions from the current position until the script needs the client or ends. */
async function* runForward(ctx: RunContext): AsyncGenerator<EngineEvent, void> {
  for (;;) {
    // An instrument answer (PHQ-9 item 9) asked for the safety protocol: it comes before anything else.
    const pending = ctx.takePendingInterrupt();
    if (pending && !ctx.state.risk.protocol && !ctx.state.stack.some((f) => f.interrupt)) {
      yield* interrupt(ctx, pending, runForward);
      return;
    }
    const next = yield* moveToNextAction(ctx);
    if (next.kind === "end") {
      ctx.state.status = "complete";
      yield { type: "session-complete" };
      return;
    }
    if (next.kind === "resume") {
      yield* resumeScript(ctx);
      return;
    }
    if (next.kind === "hold") {
      yield* holdForSafety(ctx, next.triggerId);
      return;
    }
    const { action } = next;
    const outcome = yield* startAction(ctx, action);
    if (outcome.kind === "await") {
      ctx.state.status = "awaiting_input";
      yield { type: "awaiting-input" };
      return;
    }
    if (outcome.kind === "done") yield* complete(ctx, action, outcome);
  }
}

/**
 * After a safety interruption: the action that was waiting asks its question again (so the client
 * knows where they are); when nothing was waiting, the script runs on.
 */
async function* resumeScript(ctx: RunContext): AsyncGenerator<EngineEvent, void> {
  const action = currentAction(ctx);
  const progress = ctx.frame.progress;
  if (action && progress) {
    if (action.action_type === "assess" && progress.type === "assess") {
      yield* ctx.sayVerbatim(action.action_id, "assess_item", renderItemQuestion(action.config.instrument, progress.item, ctx.language, { includeStem: false }));
    } else if (action.action_type === "ai_ask" || action.action_type === "ai_say") {
      const content = ctx.render(action.config.content);
      const task = action.action_type === "ai_ask" ? "task_ask" : "task_say";
      yield* ctx.say(action.action_id, action.action_type === "ai_ask" ? "ask" : "say", ctx.prompt(action, task, { content }, { tone: action.config.tone }), content);
    }
    ctx.state.status = "awaiting_input";
    yield { type: "awaiting-input" };
    return;
  }
  yield* runForward(ctx);
}

/** A safety trigger's run ended before the client said they are safe: the built-in check stays with them. */
function* holdForSafety(ctx: RunContext, triggerId: string): Generator<EngineEvent> {
  const held = startHold(ctx, triggerId);
  yield held.event;
  for (const message of held.messages) yield* ctx.sayVerbatim(PROTOCOL_ACTION_ID, "safety", message);
  ctx.state.status = "awaiting_input";
  yield { type: "awaiting-input" };
}

/**
 * Moves the top frame to its next runnable action (skipping actions, topics and phases whose
 * conditions are false), returning from finished techniques on the way. Undefined: the session ended.
 */
type NextStep = { kind: "action"; action: CompiledAction } | { kind: "end" } | { kind: "resume" } | { kind: "hold"; triggerId: string };

async function* moveToNextAction(ctx: RunContext): AsyncGenerator<EngineEvent, NextStep> {
  for (;;) {
    const frame = ctx.frame;
    const topic = ctx.currentTopic();
    if (topic) {
      for (const candidate of nextAfter(topic.actions, (a) => a.action_id, frame.actionId)) {
        frame.actionId = candidate.action_id;
        frame.progress = null;
        if (ctx.holds(candidate.condition)) return { kind: "action", action: candidate };
        yield { type: "action-complete", actionId: candidate.action_id, reason: "condition_false" };
      }
    }
    if (frame.interrupt) {
      // A safety trigger's run has finished: back to the script (once its `resume_when` holds, read
      // in the run's own scope), or the end of the session.
      const { triggerId, then } = frame.interrupt;
      const resumes = then === "end_session" || mayResume(ctx, triggerId);
      ctx.state.stack.pop();
      if (then === "end_session") return { kind: "end" };
      return resumes ? { kind: "resume" } : { kind: "hold", triggerId };
    }
    if (frame.kind === "technique") {
      const callerFrame = ctx.state.stack[ctx.state.stack.length - 2];
      const caller = callerFrame ? callerAction(ctx, callerFrame.topicId, callerFrame.actionId, callerFrame.kind, callerFrame.scriptKey) : undefined;
      if (!caller || caller.action_type !== "use_skill") {
        ctx.state.stack.pop();
        continue;
      }
      yield* returnFromSkill(ctx, caller);
      yield* complete(ctx, caller, { kind: "done", reason: "completed" });
      continue;
    }
    const nextTopic = enterNextTopic(ctx);
    if (!nextTopic) return { kind: "end" };
  }
}

function callerAction(
  ctx: RunContext,
  topicId: string | null,
  actionId: string | null,
  kind: "session" | "technique",
  scriptKey: string,
): CompiledAction | undefined {
  if (!topicId || !actionId) return undefined;
  const topic: CompiledTopic | undefined =
    kind === "session" ? findTopicInSession(ctx.script, topicId)?.topic : ctx.technique(scriptKey)?.technique.topic;
  return topic ? findAction(topic, actionId) : undefined;
}

/** Moves the session frame into the next topic whose phase and topic conditions hold. */
function enterNextTopic(ctx: RunContext): CompiledTopic | undefined {
  const frame = ctx.frame;
  const phases = ctx.script.session.phases;
  let phase = frame.phaseId ? findPhase(ctx.script, frame.phaseId) : undefined;
  let topicCandidates = phase ? nextAfter(phase.topics, (t) => t.topic_id, frame.topicId) : [];

  for (;;) {
    for (const topic of topicCandidates) {
      if (!ctx.holds(topic.entry_condition)) continue;
      frame.topicId = topic.topic_id;
      frame.actionId = null;
      frame.progress = null;
      ctx.variables.enterTopic(topic);
      return topic;
    }
    const nextPhase = nextAfter(phases, (p) => p.phase_id, phase?.phase_id ?? null).find((p) => ctx.holds(p.entry_condition));
    if (!nextPhase) return undefined;
    phase = nextPhase;
    frame.phaseId = nextPhase.phase_id;
    frame.topicId = null;
    ctx.state.variables.phase = {};
    ctx.variables.initialise(nextPhase.declare, ctx.state.variables.phase);
    topicCandidates = nextPhase.topics;
  }
}
