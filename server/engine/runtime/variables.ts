/**
 * Variable scopes: topic → phase → session → global for the session script, and a fresh scope per
 * technique call (its inputs and its own writes). Undeclared writes go to session scope, so a
 * value captured in one topic is visible in every later topic.
 */
import { DISCLOSURE_VARIABLES, type CompiledDeclare, type CompiledSessionScript, type CompiledTopic } from "../script";
import { normaliseName } from "../script/names";
import type { DisclosureKind } from "./disclosures";
import type { EngineEvent, Frame, JsonValue, SessionState, VariableMap } from "./types";
import { findTopicInSession } from "./navigation";

export type Scope = "session" | "phase" | "topic" | "skill";

const ENGINE_VARIABLES = new Set(["risk_level", ...DISCLOSURE_VARIABLES]);

/** The latest affirmed disclosure of a kind ("I don't have pills" tells nothing to act on). */
function latestDisclosure(state: SessionState, kind: DisclosureKind) {
  return state.risk.disclosures?.findLast((d) => d.kind === kind && !d.negated);
}

/**
 * The value of a variable the engine provides (`risk_level`, `disclosed_plan`, `disclosed_means`,
 * `disclosed_timing`, `disclosed_when`), or undefined when it is unset or not the engine's.
 */
export function engineVariable(state: SessionState, name: string): JsonValue | undefined {
  switch (name) {
    case "risk_level":
      return state.risk.level;
    case "disclosed_plan":
      return latestDisclosure(state, "plan")?.text;
    case "disclosed_means":
      return latestDisclosure(state, "means")?.text;
    case "disclosed_timing":
      return latestDisclosure(state, "timing")?.text;
    case "disclosed_when":
      return latestDisclosure(state, "timing")?.when;
    default:
      return undefined;
  }
}

export function isEngineVariable(name: string): boolean {
  return ENGINE_VARIABLES.has(name);
}

export class Variables {
  constructor(
    private readonly state: SessionState,
    private readonly script: CompiledSessionScript,
    private readonly globals: Readonly<Record<string, JsonValue>>,
  ) {}

  private get frame(): Frame {
    const top = this.state.stack[this.state.stack.length - 1];
    if (!top) throw new Error("the session has no position");
    return top;
  }

  /** The value visible at the current position, or undefined when unset. */
  lookup = (written: string): JsonValue | undefined => {
    const name = normaliseName(written);
    if (isEngineVariable(name)) return engineVariable(this.state, name);
    const frame = this.frame;
    if (frame.kind === "technique") return frame.locals?.[name]?.value ?? this.globals[name];
    const { topic, phase, session } = this.state.variables;
    return topic[name]?.value ?? phase[name]?.value ?? session[name]?.value ?? this.globals[name];
  };

  /** Every set value visible at the current position (for prompts and ai_think), with what the client has disclosed. */
  visible(): Record<string, JsonValue> {
    const frame = this.frame;
    const disclosed: Record<string, JsonValue> = {};
    for (const name of DISCLOSURE_VARIABLES) {
      const value = engineVariable(this.state, name);
      if (value !== undefined) disclosed[name] = value;
    }
    if (frame.kind === "technique") {
      return { ...this.globals, ...valuesOf(frame.locals ?? {}), ...disclosed };
    }
    const { topic, phase, session } = this.state.variables;
    return { ...this.globals, ...valuesOf(session), ...valuesOf(phase), ...valuesOf(topic), ...disclosed };
  }

  /** Where a write of `name` lands at the current position. */
  scopeFor(written: string): Scope {
    const name = normaliseName(written);
    const frame = this.frame;
    if (frame.kind === "technique") return "skill";
    const located = frame.topicId ? findTopicInSession(this.script, frame.topicId) : undefined;
    if (located?.topic.declare.some((d) => d.var === name)) return "topic";
    if (located?.phase.declare.some((d) => d.var === name)) return "phase";
    return "session";
  }

  set(written: string, value: JsonValue, source: string): EngineEvent {
    const name = normaliseName(written);
    const scope = this.scopeFor(name);
    const record = { value, source, turn: this.state.turn };
    if (scope === "skill") {
      const frame = this.frame;
      frame.locals = { ...(frame.locals ?? {}), [name]: record };
    } else {
      this.state.variables[scope][name] = record;
    }
    return { type: "variable-set", name, value, source, scope };
  }

  /** Initial values of a level's declarations (only those with a `value`). */
  initialise(declares: readonly CompiledDeclare[], target: VariableMap): void {
    for (const declared of declares) {
      if (declared.value !== undefined) {
        target[declared.var] = { value: declared.value as JsonValue, source: "declare", turn: this.state.turn };
      }
    }
  }

  enterTopic(topic: CompiledTopic): void {
    this.state.variables.topic = {};
    this.initialise(topic.declare, this.state.variables.topic);
  }
}

function valuesOf(map: VariableMap): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [name, record] of Object.entries(map)) out[name] = record.value;
  return out;
}
