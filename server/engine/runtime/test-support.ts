/** Shared by the runtime's tests (and the service and integration tests that drive it). */
import { compileScript, type CompiledScript } from "../script";
import type { LlmPort } from "../llm/port";
import { templateLlm } from "../llm/template";

/** One question ("How was your week?", `week` taken as said) and a goodbye: the runtime tests' plainest session. */
export const PLAIN_SESSION = `
session:
  session_id: plain
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_ask
              action_id: ask_week
              config:
                content: "How was your week?"
                output: [{ get: week, extraction_method: direct }]
            - action_type: ai_say
              action_id: bye
              config: { content: "Thanks for sharing." }
`;

/** Compile inline YAML or fail with its diagnostics. */
export function compileOrThrow(yaml: string, knownTechniques?: string[]): CompiledScript {
  const result = compileScript(yaml, knownTechniques ? { knownTechniques } : {});
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join("\n"));
  return result.script;
}

/**
 * The one fake LLM port for tests: a model named "fake" that answers as template mode does (the
 * script's own text, rule-based extraction, every judgment "done", no interpretation, the previous
 * summary) except where `overrides` say otherwise.
 */
export function fakeLlm(overrides: Partial<LlmPort> = {}): LlmPort {
  return { ...templateLlm, mode: "model", model: "fake", ...overrides };
}
