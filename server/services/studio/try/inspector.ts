/** What the try-it panel's inspector shows after each step: position, variables, safety level, model calls. */
import type { LlmUsage } from "../../../engine/llm/port";
import type { JsonValue, RiskLevel, SessionState, VariableMap } from "../../../engine/runtime";
import type { RecordedLlmCall } from "../../../llm/recording";

export interface InspectorPosition {
  phaseId: string | null;
  topicId: string | null;
  actionId: string | null;
  /** The technique being run (a use_skill call or a safety trigger), else null. */
  skill: string | null;
  /** Round of the current ai_say/ai_ask, when it is waiting. */
  round: number | null;
  status: SessionState["status"];
  /** Client messages so far. */
  turn: number;
}

export interface InspectorVariable {
  name: string;
  value: JsonValue;
  /** session | phase | topic | skill (a technique's own scope; `skill` names it). */
  scope: string;
  /** The action that wrote it, or declare / initial / input. */
  source: string;
  turn: number;
  skill?: string;
}

export interface Inspector {
  /** The mode this step ran in (model only when the deployment has a model). */
  mode: "template" | "model";
  position: InspectorPosition;
  variables: InspectorVariable[];
  safetyLevel: RiskLevel;
  /** The built-in safety protocol is running (the script waits meanwhile). */
  safetyProtocol: boolean;
  /** Model mode: each call's prompt and raw output, in order. Template mode: empty. */
  llmCalls: RecordedLlmCall[];
  /** Model mode: what the port reported per model call (model, tokens, latency, error). */
  usage: LlmUsage[];
}

function listOf(map: VariableMap, scope: string, skill?: string): InspectorVariable[] {
  return Object.entries(map).map(([name, record]) => ({
    name,
    value: record.value,
    scope,
    source: record.source,
    turn: record.turn,
    ...(skill ? { skill } : {}),
  }));
}

export function inspect(state: SessionState, mode: Inspector["mode"], llmCalls: readonly RecordedLlmCall[], usage: readonly LlmUsage[]): Inspector {
  const top = state.stack[state.stack.length - 1];
  const session = state.stack[0];
  const progress = top?.progress;
  const variables = [
    ...listOf(state.variables.session, "session"),
    ...listOf(state.variables.phase, "phase"),
    ...listOf(state.variables.topic, "topic"),
    ...state.stack.flatMap((frame) => (frame.kind === "technique" ? listOf(frame.locals ?? {}, "skill", frame.scriptKey) : [])),
  ];
  return {
    mode,
    position: {
      phaseId: session?.phaseId ?? null,
      topicId: top?.topicId ?? null,
      actionId: top?.actionId ?? null,
      skill: top?.kind === "technique" ? top.scriptKey : null,
      round: progress && (progress.type === "ai_say" || progress.type === "ai_ask") ? progress.round : null,
      status: state.status,
      turn: state.turn,
    },
    variables,
    safetyLevel: state.risk.level,
    safetyProtocol: Boolean(state.risk.protocol),
    llmCalls: mode === "model" ? [...llmCalls] : [],
    usage: mode === "model" ? [...usage] : [],
  };
}
