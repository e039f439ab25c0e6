/**
 * What an action handler works with during one start/turn: the script, the (private, mutable)
 * next state, the variables at the current position, the LLM port, and helpers that emit events.
 */
import type {
  CompiledAction,
  CompiledCondition,
  CompiledSessionScript,
  CompiledTechniqueScript,
  CompiledTopic,
} from "../script";
import { evaluateCondition, renderReadable, renderTemplate } from "../script";
import type { ComposePurpose, JsonValue, LlmPort, Prompt } from "../llm/port";
import { buildPrompt } from "../prompts/build";
import { GuardedText, safeEnding, type GuardrailViolation } from "../safety";
import type { PromptKey, PromptScheme } from "../prompts/default-scheme";
import { findPhase, findTopicInSession } from "./navigation";
import type { EngineEvent, EngineOptions, Frame, Language, SessionState } from "./types";
import { Variables } from "./variables";

export type HandlerOutcome =
  | { kind: "await" }
  | { kind: "done"; reason: Extract<EngineEvent, { type: "action-complete" }>["reason"]; unfilled?: string[] }
  /** A technique frame was pushed; the loop continues inside it. */
  | { kind: "entered" };

export type HandlerRun = AsyncGenerator<EngineEvent, HandlerOutcome, undefined>;

export class RunContext {
  readonly variables: Variables;
  /** Set by an action (PHQ-9 item 9) that needs the safety protocol before the script goes on. */
  private pendingInterrupt: string | null = null;

  requestInterrupt(reason: string): void {
    this.pendingInterrupt ??= reason;
  }

  takePendingInterrupt(): string | null {
    const reason = this.pendingInterrupt;
    this.pendingInterrupt = null;
    return reason;
  }

  constructor(
    readonly script: CompiledSessionScript,
    readonly state: SessionState,
    readonly options: EngineOptions,
    readonly scheme: PromptScheme,
  ) {
    this.variables = new Variables(state, script, options.globals ?? {});
  }

  get llm(): LlmPort {
    return this.options.llm;
  }

  get language(): Language {
    return this.state.language;
  }

  get frame(): Frame {
    const top = this.state.stack[this.state.stack.length - 1];
    if (!top) throw new Error("the session has no position");
    return top;
  }

  technique(id: string): CompiledTechniqueScript | undefined {
    return this.options.techniques?.[id];
  }

  /** The topic the top frame is in. */
  currentTopic(): CompiledTopic | undefined {
    const frame = this.frame;
    if (!frame.topicId) return undefined;
    if (frame.kind === "technique") {
      const technique = this.technique(frame.scriptKey);
      return technique?.technique.topic.topic_id === frame.topicId ? technique.technique.topic : undefined;
    }
    return findTopicInSession(this.script, frame.topicId)?.topic;
  }

  /**
   * Script text for the client (and for the model to word): fallbacks for absent values, and long
   * free text never pasted mid-sentence (render-value.ts).
   */
  render(text: string): string {
    return renderReadable(text, this.variables.lookup, this.language);
  }

  /** Guidance for the model (goals, strategy, tone, reasoning tasks): values as they are, fallbacks for absent ones. */
  renderLiteral(text: string): string {
    return renderTemplate(text, this.variables.lookup);
  }

  holds(condition: CompiledCondition | undefined): boolean {
    return condition ? evaluateCondition(condition.ast, this.variables.lookup) : true;
  }

  /** Goals and strategy from the session down to the action, for the model's context. */
  private contextLines(action: CompiledAction, extra?: string): string[] {
    const frame = this.frame;
    const lines: string[] = [];
    if (frame.kind === "session") {
      const s = this.script.session;
      lines.push(s.session_name ? `Session: ${s.session_name}` : "");
      const phase = frame.phaseId ? findPhase(this.script, frame.phaseId) : undefined;
      if (phase) lines.push(phase.phase_goal ? `Phase goal: ${this.renderLiteral(phase.phase_goal)}` : "");
    } else {
      const technique = this.technique(frame.scriptKey);
      lines.push(`Technique: ${technique?.technique.name ?? frame.scriptKey}`);
    }
    const topic = this.currentTopic();
    if (topic?.topic_goal) lines.push(`Topic goal: ${this.renderLiteral(topic.topic_goal)}`);
    if (topic?.strategy) lines.push(`Strategy: ${this.renderLiteral(topic.strategy)}`);
    if (action.action_type === "ai_say" && action.config.say_goal) lines.push(`Why this is said: ${this.renderLiteral(action.config.say_goal)}`);
    if (extra) lines.push(extra);
    return lines.filter(Boolean);
  }

  prompt(
    action: CompiledAction,
    task: Exclude<PromptKey, "system" | "language_en" | "language_zh">,
    values: Record<string, string>,
    options: { tone?: string; variables?: Record<string, JsonValue> } = {},
  ): Prompt {
    return buildPrompt(
      {
        scheme: this.scheme,
        language: this.language,
        tone: options.tone ? this.renderLiteral(options.tone) : "warm, professional",
        context: this.contextLines(action),
        variables: options.variables ?? this.variables.visible(),
        memory: this.state.memory,
      },
      task,
      values,
    );
  }

  /**
   * Streams one client-visible message and remembers it. In model mode the output guardrail
   * checks each sentence (holding back only what a rule may still match in the unfinished one); a
   * violating sentence's unsent part and everything after it are replaced and logged. Template
   * mode is the author's text.
   */
  async *say(actionId: string, purpose: ComposePurpose, prompt: Prompt, fallbackText: string): AsyncGenerator<EngineEvent, string> {
    yield { type: "message-start", actionId, purpose };
    const guard = this.llm.mode === "model" ? new GuardedText() : null;
    let text = "";
    let violation: GuardrailViolation | null = null;
    for await (const delta of this.llm.compose({ purpose, prompt, fallbackText })) {
      if (!delta) continue;
      const step = guard ? guard.push(delta) : { emit: [delta], violation: null };
      for (const piece of step.emit) {
        text += piece;
        yield { type: "text-delta", actionId, delta: piece };
      }
      if (step.violation) {
        // Leaving the loop stops the model's stream: nothing after a violation is wanted.
        violation = step.violation;
        break;
      }
    }
    if (guard && !violation) {
      const step = guard.end();
      for (const piece of step.emit) {
        text += piece;
        yield { type: "text-delta", actionId, delta: piece };
      }
      violation = step.violation;
    }
    if (violation || !text.trim()) {
      // Nothing sent yet: the script's own text. Part sent: a short safe ending, not a repeat.
      // (A model that returned nothing must not leave the client with an empty bubble either.)
      let rest = fallbackText;
      if (violation && text.trim()) rest = this.safeContinuation(text, guard?.midSentence ?? false, violation);
      else text = "";
      text += rest;
      yield { type: "text-delta", actionId, delta: rest };
    }
    yield { type: "message-end", actionId, text };
    if (violation) {
      yield { type: "safety", level: "low", reason: `output_guardrail:${violation.category}`, source: "output_guardrail", action: "replaced" };
    }
    this.state.memory.recent.push({ role: "bot", text, turn: this.state.turn });
    return text;
  }

  /**
   * What follows sent text when the next words were withheld. Cut short after a word, the
   * sentence gets a dash; after a clause mark it simply goes on.
   */
  private safeContinuation(sent: string, midSentence: boolean, violation: GuardrailViolation): string {
    const ending = safeEnding(violation.category, this.language);
    const last = sent.trimEnd().slice(-1);
    if (this.language === "zh") return midSentence && !/[，、；：,;:]/u.test(last) ? `……${ending}` : ending;
    const space = /\s$/.test(sent) ? "" : " ";
    if (!midSentence) return space + ending;
    // "I can't ..." keeps its capital; any other ending now continues a sentence.
    const continued = /^I\b/.test(ending) ? ending : ending.charAt(0).toLowerCase() + ending.slice(1);
    return space + (/[,;:]/.test(last) ? "" : "— ") + continued;
  }

  /** A message whose wording must not change (instrument items): never passed through the model. */
  *sayVerbatim(actionId: string, purpose: string, text: string): Generator<EngineEvent, string> {
    yield { type: "message-start", actionId, purpose };
    yield { type: "text-delta", actionId, delta: text };
    yield { type: "message-end", actionId, text };
    this.state.memory.recent.push({ role: "bot", text, turn: this.state.turn });
    return text;
  }

  setVariable(name: string, value: JsonValue, source: string): EngineEvent {
    return this.variables.set(name, value, source);
  }

  position(action: CompiledAction, round: number): EngineEvent {
    const frame = this.frame;
    const event: EngineEvent = {
      type: "position",
      phaseId: frame.kind === "session" ? frame.phaseId : this.stackPhaseId(),
      topicId: frame.topicId,
      actionId: action.action_id,
      round,
    };
    if (frame.kind === "technique") event.skill = frame.scriptKey;
    return event;
  }

  private stackPhaseId(): string | null {
    return this.state.stack[0]?.phaseId ?? null;
  }
}
