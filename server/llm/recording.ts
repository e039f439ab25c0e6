/**
 * A port wrapper that records what each call asked and got: the prompt (system text and
 * messages) and the output (composed text joined, or the structured result), in call order.
 * Used by the author's try-it panel to show the prompts and raw model outputs of a step.
 * Nothing here logs or stores; the records live as long as the caller keeps them.
 */
import type { JsonValue, LlmPort, Prompt } from "../engine/llm/port";

export interface RecordedLlmCall {
  /** As in the usage records: `compose:<purpose>`, `extract`, `judge`, `think`, `interpret`, `summarise`, `classify_risk`. */
  purpose: string;
  prompt: Prompt;
  /** Composed text (joined deltas; what was streamed when the caller stopped early), or the structured result; null until the call ends or when it failed. */
  output: JsonValue;
  /** The error message when the call failed. */
  error?: string;
  latencyMs: number;
}

export interface RecordingLlm {
  port: LlmPort;
  /** Filled as calls are made (a call appears when it starts). */
  calls: readonly RecordedLlmCall[];
}

/** Plain JSON of a port result (drops undefined fields). */
function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function recordingLlm(port: LlmPort): RecordingLlm {
  const calls: RecordedLlmCall[] = [];

  const begin = (purpose: string, prompt: Prompt): { call: RecordedLlmCall; started: number } => {
    const call: RecordedLlmCall = { purpose, prompt: structuredClone(prompt), output: null, latencyMs: 0 };
    calls.push(call);
    return { call, started: performance.now() };
  };

  async function recorded<T>(purpose: string, prompt: Prompt, run: () => Promise<T>): Promise<T> {
    const { call, started } = begin(purpose, prompt);
    try {
      const result = await run();
      call.output = toJson(result);
      return result;
    } catch (error) {
      call.error = messageOf(error);
      throw error;
    } finally {
      call.latencyMs = Math.round(performance.now() - started);
    }
  }

  const classifyRisk = port.classifyRisk?.bind(port);
  const wrapped: LlmPort = {
    mode: port.mode,
    model: port.model,
    async *compose(request) {
      const { call, started } = begin(`compose:${request.purpose}`, request.prompt);
      let text = "";
      try {
        for await (const delta of port.compose(request)) {
          text += delta;
          yield delta;
        }
      } catch (error) {
        call.error = messageOf(error);
        throw error;
      } finally {
        // Also when the caller stops reading early (an output guardrail cut): what was streamed.
        call.output = text;
        call.latencyMs = Math.round(performance.now() - started);
      }
    },
    extract: (request) => recorded("extract", request.prompt, () => port.extract(request)),
    judge: (request) => recorded("judge", request.prompt, () => port.judge(request)),
    think: (request) => recorded("think", request.prompt, () => port.think(request)),
    interpret: (request) => recorded("interpret", request.prompt, () => port.interpret(request)),
    summarise: (request) => recorded("summarise", request.prompt, () => port.summarise(request)),
    ...(classifyRisk ? { classifyRisk: (request) => recorded("classify_risk", request.prompt, () => classifyRisk(request)) } : {}),
  };
  return { port: wrapped, calls };
}
