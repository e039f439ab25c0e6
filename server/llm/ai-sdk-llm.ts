import { generateText, type LanguageModel } from "ai";
import { z } from "zod";
import type { ClassifyRiskRequest, ClassifyRiskResult, ComposeRequest, ExtractRequest, FieldSpec, JsonValue, LlmPort, LlmUsage, Prompt } from "../engine/llm/port";
import { delimitClientText } from "../engine/prompts/build";
import { RISK_CATEGORIES, RISK_LEVELS } from "../engine/safety/risk-types";
import { modelCallSpan, type ModelCallSpan } from "../observability/ai-telemetry";
import { tracingOn } from "../observability/tracing";
import { CodedLlmError, StreamFailure, toLlmError, type LlmErrorCode } from "./errors";
import { withRetries, type RetryPolicy } from "./retry";
import { extractSchema, interpretSchema, judgeSchema, presentFields, presentReading } from "./schema";
import { objectOutput, type ObjectOutput } from "./structured-outputs";

/** A provider's model itself (what `createOpenAI(...).chat(name)` makes), not a model id. */
export type ProviderModel = Extract<LanguageModel, { specificationVersion: "v4" }>;
type ProviderPrompt = Parameters<ProviderModel["doStream"]>[0]["prompt"];
type ProviderStreamPart = Awaited<ReturnType<ProviderModel["doStream"]>>["stream"] extends ReadableStream<infer Part> ? Part : never;
type FinishPart = Extract<ProviderStreamPart, { type: "finish" }>;

/** A call's token counts, as the usage record takes them. */
interface TokenCounts {
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
}

export interface AiSdkLlmOptions {
  model: ProviderModel;
  /** Reported as the port's `model` and in every usage record. */
  modelName: string;
  /** Deadline for one attempt (a whole streamed reply included); default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt for retryable failures; default 2. */
  maxRetries?: number;
  /** First backoff step (doubling, full jitter, capped at 8 s); default 500 ms. */
  retryBaseDelayMs?: number;
  /** One record per port call (retries included), for the LlmCall rows. */
  onUsage?: (usage: LlmUsage) => void;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_RETRY_BASE_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;

/** One attempt's deadline. Our own timer (not the SDK's `timeout`) so a timeout can be told apart from a cancel. */
class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  timedOut = false;

  constructor(ms: number) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new DOMException("model call timed out", "TimeoutError"));
    }, ms);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The call finished: stop the timer. */
  clear(): void {
    clearTimeout(this.timer);
  }

  /** The call is abandoned: stop the timer and abort the request (closes an open stream). */
  cancel(): void {
    clearTimeout(this.timer);
    if (!this.controller.signal.aborted) this.controller.abort();
  }
}

/**
 * A finish the provider reports without a real finish reason means the stream ended early: the
 * OpenAI provider says "other" with no raw reason when the server closed without one.
 */
function isIncomplete({ finishReason }: FinishPart): boolean {
  return finishReason.unified === "error" || (finishReason.unified === "other" && finishReason.raw === undefined);
}

/**
 * The AI SDK refuses an empty message list, but a session's first message has no history yet:
 * then the system text goes as the only message, which is what Chat Completions gets either way.
 * Client text is never put in a system message: it only ever arrives inside `prompt.messages`.
 */
function promptOptions(prompt: Prompt) {
  return prompt.messages.length > 0
    ? { instructions: prompt.system, messages: prompt.messages }
    : { messages: [{ role: "system" as const, content: prompt.system }], allowSystemInMessages: true };
}

/**
 * The provider's own prompt, as the AI SDK's `streamText` and `generateText` would build it from
 * `promptOptions`: the system text first, then each message as one text part. Built here because
 * streamed and structured calls go to the provider model directly (see `openStream`).
 */
function providerPrompt(prompt: Prompt): ProviderPrompt {
  const converted: ProviderPrompt = [{ role: "system", content: prompt.system }];
  for (const message of prompt.messages) {
    const content = [{ type: "text" as const, text: message.content }];
    converted.push(message.role === "user" ? { role: "user", content } : { role: "assistant", content });
  }
  return converted;
}

/**
 * The AI SDK's telemetry for one call: traced (when tracing is on) by purpose only. The SDK never
 * records the prompt or the output: both are a client's words. Off when this process does not
 * trace: the SDK would otherwise still copy and filter every call's and step's events for
 * tracing-channel subscribers that do not exist.
 */
function telemetry(purpose: string) {
  return tracingOn() ? { recordInputs: false, recordOutputs: false, functionId: purpose } : { isEnabled: false };
}

/** The risk classifier's answer: levels and categories are the lexicon's, so the two compare directly. */
const classifyRiskSchema = z.object({
  level: z.enum(RISK_LEVELS).describe("The risk level of the client's latest message"),
  category: z.enum(RISK_CATEGORIES).describe("The kind of risk, or none"),
  rationale: z.string().describe("One short sentence on why, for the human reviewer"),
});

/** Extraction schemas leave fields out and allow open objects, which OpenAI's strict mode refuses. */
const LOOSE_SCHEMA_OPTIONS = { providerOptions: { openai: { strictJsonSchema: false } } };

/** The message to classify must be the last one the model sees, even if memory was trimmed. */
function withClientText(prompt: Prompt, text: string): Prompt {
  const delimited = delimitClientText(text);
  const last = prompt.messages[prompt.messages.length - 1];
  if (last?.role === "user" && last.content === delimited) return prompt;
  return { ...prompt, messages: [...prompt.messages, { role: "user", content: delimited }] };
}

export function createAiSdkLlm(options: AiSdkLlmOptions): LlmPort {
  const { model, modelName, onUsage } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS,
    maxDelayMs: MAX_RETRY_DELAY_MS,
  };

  /** Returns a function that reports the call exactly once. */
  function usageRecorder(purpose: string) {
    const started = performance.now();
    let reported = false;
    return (usage: TokenCounts | undefined, error?: LlmErrorCode) => {
      if (reported) return;
      reported = true;
      const record: LlmUsage = { purpose, model: modelName, latencyMs: Math.round(performance.now() - started) };
      if (usage?.inputTokens !== undefined) record.promptTokens = usage.inputTokens;
      if (usage?.outputTokens !== undefined) record.completionTokens = usage.outputTokens;
      if (error) record.error = error;
      try {
        onUsage?.(record);
      } catch {
        // Bookkeeping must never fail a model call.
      }
    };
  }

  const coded = (error: unknown, purpose: string, deadline?: Deadline) =>
    toLlmError(error, purpose, { timedOut: deadline?.timedOut ?? false, timeoutMs });

  /** A non-streamed call: one deadline per attempt, retries, one usage record, LlmError on failure. */
  async function run<T>(purpose: string, attempt: (signal: AbortSignal) => Promise<{ value: T; usage: TokenCounts }>): Promise<T> {
    const record = usageRecorder(purpose);
    try {
      const { value, usage } = await withRetries(policy, async () => {
        const deadline = new Deadline(timeoutMs);
        try {
          return await attempt(deadline.signal);
        } catch (error) {
          throw coded(error, purpose, deadline);
        } finally {
          deadline.clear();
        }
      });
      record(usage);
      return value;
    } catch (error) {
      const failure = coded(error, purpose);
      record(undefined, failure.code);
      throw failure;
    }
  }

  /**
   * A structured call on the provider model itself, not through the AI SDK's `generateText`, for
   * the reasons given at `openStream`: the answer's text is parsed and validated by the shape's
   * own specification, and the call is traced as `generateText` would trace it.
   */
  function structured<T>(purpose: string, prompt: Prompt, output: ObjectOutput<T>, strict: boolean): Promise<T> {
    return run(purpose, async (signal) => {
      const responseFormat = await output.responseFormat();
      const span = modelCallSpan({ operation: "ai.generateText", provider: model.provider, modelId: model.modelId, purpose });
      let result: Awaited<ReturnType<ProviderModel["doGenerate"]>>;
      try {
        result = await span.run(() =>
          model.doGenerate({
            prompt: providerPrompt(prompt),
            responseFormat,
            abortSignal: signal,
            // OpenAI's strict mode needs every property required and no open objects; extraction
            // schemas have neither (fields may be left out, "object" fields are free-form).
            ...(strict ? {} : LOOSE_SCHEMA_OPTIONS),
          }),
        );
      } catch (error) {
        span.failed(error);
        throw error;
      }
      const usage = { inputTokens: result.usage.inputTokens.total, outputTokens: result.usage.outputTokens.total };
      span.finished(usage, result.finishReason.unified);
      let text = "";
      for (const part of result.content) if (part.type === "text") text += part.text;
      return { value: await output.parse(text), usage };
    });
  }

  async function extractFields(purpose: string, prompt: Prompt, fields: readonly FieldSpec[], reading?: ExtractRequest["reading"]): Promise<Record<string, JsonValue>> {
    if (fields.length === 0 && !reading) return {};
    const shape = JSON.stringify([fields, reading ?? null]);
    const output = await structured(purpose, prompt, objectOutput<Record<string, unknown>>(purpose, shape, () => extractSchema(fields, reading)), false);
    return reading ? { ...presentFields(output, fields), ...presentReading(output, fields) } : presentFields(output, fields);
  }

  /** One attempt's open stream: its reader, its deadline and its span. */
  interface OpenStream {
    parts: ReadableStreamDefaultReader<ProviderStreamPart>;
    deadline: Deadline;
    span: ModelCallSpan;
  }

  /** Reads parts until the next non-empty text delta; null at a clean end. Throws on any failure. */
  async function nextDelta(stream: OpenStream, state: { usage?: TokenCounts; finished: boolean }): Promise<string | null> {
    for (;;) {
      const next = await stream.parts.read();
      if (next.done) {
        if (!state.finished) throw new StreamFailure("stream_cut");
        return null;
      }
      const part = next.value;
      switch (part.type) {
        case "text-delta":
          if (part.delta) return part.delta;
          break;
        case "error":
          throw part.error;
        case "finish":
          if (part.finishReason.unified === "content-filter") throw new StreamFailure("content_filter");
          if (isIncomplete(part)) throw new StreamFailure("stream_cut");
          state.usage = { inputTokens: part.usage.inputTokens.total, outputTokens: part.usage.outputTokens.total };
          state.finished = true;
          stream.span.finished(state.usage, part.finishReason.unified);
          break;
        default:
          break;
      }
    }
  }

  /**
   * Opens one streamed call on the provider model itself, not through the AI SDK's `streamText`,
   * which for a plain text reply only adds work: prompt validation and conversion, its step and
   * event machinery and a second stream stage per part, about half of a streamed call's CPU.
   * What it did that matters here is done in this file: the prompt (`providerPrompt`), retries,
   * the deadline, usage, the finish checks, and its trace span (`modelCallSpan`).
   */
  async function openStream(prompt: Prompt, deadline: Deadline, span: ModelCallSpan): Promise<OpenStream> {
    const { stream } = await span.run(() => model.doStream({ prompt: providerPrompt(prompt), abortSignal: deadline.signal }));
    return { parts: stream.getReader(), deadline, span };
  }

  /** Stops an attempt's stream: aborts the HTTP request and lets its reader go. */
  function closeStream(stream: OpenStream): void {
    stream.deadline.cancel();
    stream.parts.cancel().catch(() => {
      // Already errored by the abort: nothing is left to release.
    });
  }

  async function* compose(request: ComposeRequest): AsyncGenerator<string> {
    const purpose = `compose:${request.purpose}`;
    const record = usageRecorder(purpose);
    const state: { usage?: TokenCounts; finished: boolean } = { finished: false };
    let stream: OpenStream | undefined;
    let settled = false;
    /** The failure as an LlmError, with the attempt's span ended by it. */
    const fail = (error: unknown, deadline: Deadline, span: ModelCallSpan) => {
      const failure = coded(error, purpose, deadline);
      if (failure.code === "cancelled") span.aborted();
      else span.failed(failure);
      return failure;
    };
    try {
      // Retries cover only the start of the stream: once text has reached the client it cannot be taken back.
      const opened = await withRetries(policy, async () => {
        const deadline = new Deadline(timeoutMs);
        const span = modelCallSpan({ operation: "ai.streamText", provider: model.provider, modelId: model.modelId, purpose });
        let attempt: OpenStream | undefined;
        try {
          attempt = await openStream(request.prompt, deadline, span);
          return { stream: attempt, first: await nextDelta(attempt, state) };
        } catch (error) {
          if (attempt) closeStream(attempt);
          else deadline.cancel();
          throw fail(error, deadline, span);
        }
      });
      stream = opened.stream;
      let delta = opened.first;
      while (delta !== null) {
        yield delta;
        try {
          delta = await nextDelta(stream, state);
        } catch (error) {
          throw fail(error, stream.deadline, stream.span);
        }
      }
      settled = true;
      // The reply was read to its end, so the request is over: nothing to abort (an abort here
      // would only make an exception and run the fetch's abort handlers for nothing).
      stream.deadline.clear();
      record(state.usage);
    } catch (error) {
      settled = true;
      if (stream) closeStream(stream);
      const failure = coded(error, purpose, stream?.deadline);
      record(state.usage, failure.code);
      throw failure;
    } finally {
      if (!settled) {
        // The consumer stopped early: abort the HTTP stream.
        if (stream) {
          stream.span.aborted();
          closeStream(stream);
        }
        record(state.usage, "cancelled");
      }
    }
  }

  return {
    mode: "model",
    model: modelName,
    compose,
    extract: (request) => extractFields("extract", request.prompt, request.fields, request.reading),
    think: (request) => extractFields("think", request.prompt, request.fields),
    async judge(request) {
      const output = await structured("judge", request.prompt, objectOutput("judge", "", () => judgeSchema), true);
      const understanding = Number.isFinite(output.understanding) ? Math.round(Math.min(100, Math.max(0, output.understanding))) : undefined;
      return { done: output.done, hasQuestions: output.hasQuestions, ...(understanding === undefined ? {} : { understanding }) };
    },
    async interpret(request) {
      const allowed = request.options.map((option) => option.score);
      try {
        const { score } = await structured("interpret", request.prompt, objectOutput("interpret", allowed.join(","), () => interpretSchema(allowed)), true);
        return score !== null && allowed.includes(score) ? score : null;
      } catch (error) {
        // An answer outside the options (a server without strict schemas) means "unclear", not a failed turn.
        if (error instanceof CodedLlmError && error.code === "invalid_output") return null;
        throw error;
      }
    },
    classifyRisk(request: ClassifyRiskRequest): Promise<ClassifyRiskResult> {
      return structured("classify_risk", withClientText(request.prompt, request.text), objectOutput("classify_risk", "", () => classifyRiskSchema), true);
    },
    async summarise(request) {
      const text = await run("summarise", async (signal) => {
        const result = await generateText({
          model,
          ...promptOptions(request.prompt),
          maxRetries: 0,
          abortSignal: signal,
          telemetry: telemetry("summarise"),
        });
        return { value: result.text.trim(), usage: result.usage };
      });
      return text || request.previous;
    },
  };
}
