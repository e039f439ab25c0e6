/**
 * The AI SDK's telemetry, as OpenTelemetry spans: one span per model operation (`ai.streamText`,
 * `ai.generateText`) under whatever span is active (a chat turn's engine step), with the model,
 * the purpose, the token counts and the finish reason. The provider's HTTP request runs inside it,
 * so an instrumented fetch nests below. Prompts, messages and outputs are never read: the events
 * carry them, this integration takes ids and numbers only. The chat's streamed and structured
 * calls go to the provider model without `streamText` / `generateText`, so they open the same
 * spans themselves (`modelCallSpan`); summaries still go through `generateText` and this integration.
 */
import { context, trace, type Span } from "@opentelemetry/api";
import type { Telemetry } from "ai";
import { markFailed, TRACER_NAME, tracingOn } from "./tracing";

/** Operations whose end never came (a stream dropped by its consumer) are let go past this many. */
const MAX_OPEN = 1_000;

interface CallEvent {
  callId?: unknown;
}

function field(event: unknown, key: string): unknown {
  return typeof event === "object" && event !== null ? (event as Record<string, unknown>)[key] : undefined;
}

function text(event: unknown, key: string): string | undefined {
  const value = field(event, key);
  return typeof value === "string" ? value : undefined;
}

function count(usage: unknown, key: string): number | undefined {
  const value = field(usage, key);
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

interface CallDetails {
  operation: string;
  provider?: string;
  modelId?: string;
  /** The call's purpose (the SDK's `functionId`). */
  purpose?: string;
}

function startCallSpan({ operation, provider, modelId, purpose }: CallDetails): Span {
  const attributes: Record<string, string> = { "ai.operationId": operation };
  if (provider) attributes["gen_ai.provider.name"] = provider;
  if (modelId) attributes["gen_ai.request.model"] = modelId;
  if (purpose) attributes["ai.telemetry.functionId"] = purpose;
  return trace.getTracer(TRACER_NAME).startSpan(operation, { attributes });
}

function endCallSpan(span: Span, inputTokens: number | undefined, outputTokens: number | undefined, finishReason: string | undefined): void {
  if (inputTokens !== undefined) span.setAttribute("gen_ai.usage.input_tokens", inputTokens);
  if (outputTokens !== undefined) span.setAttribute("gen_ai.usage.output_tokens", outputTokens);
  if (finishReason !== undefined) span.setAttribute("gen_ai.response.finish_reasons", [finishReason]);
  span.end();
}

/** One model call's span, for calls made on the provider model directly; each end is taken once. */
export interface ModelCallSpan {
  /** Runs `fn` with the span active, so the provider's HTTP request nests below it. */
  run<T>(fn: () => T): T;
  finished(usage: { inputTokens?: number; outputTokens?: number }, finishReason: string): void;
  failed(error: unknown): void;
  aborted(): void;
}

const NO_SPAN: ModelCallSpan = { run: (fn) => fn(), finished() {}, failed() {}, aborted() {} };

/**
 * The span the AI SDK's own telemetry would open for `operation` (same name and attributes), under
 * the active span; nothing when this process does not trace.
 */
export function modelCallSpan(details: CallDetails): ModelCallSpan {
  if (!tracingOn()) return NO_SPAN;
  const span = startCallSpan(details);
  let open = true;
  const close = (end: () => void) => {
    if (!open) return;
    open = false;
    end();
  };
  return {
    run: (fn) => context.with(trace.setSpan(context.active(), span), fn),
    finished: (usage, finishReason) => close(() => endCallSpan(span, usage.inputTokens, usage.outputTokens, finishReason)),
    failed: (error) =>
      close(() => {
        markFailed(span, error);
        span.end();
      }),
    aborted: () =>
      close(() => {
        span.setAttribute("ai.aborted", true);
        span.end();
      }),
  };
}

export function openTelemetryIntegration(): Telemetry {
  const open = new Map<string, Span>();

  const take = (event: CallEvent): Span | undefined => {
    const id = typeof event.callId === "string" ? event.callId : undefined;
    const span = id === undefined ? undefined : open.get(id);
    if (id !== undefined) open.delete(id);
    return span;
  };

  return {
    onStart(event) {
      const span = startCallSpan({ operation: text(event, "operationId") ?? "ai.operation", provider: text(event, "provider"), modelId: text(event, "modelId"), purpose: text(event, "functionId") });
      if (open.size >= MAX_OPEN) {
        const [oldestId, oldest] = open.entries().next().value ?? [];
        if (oldestId !== undefined) open.delete(oldestId);
        oldest?.end();
      }
      open.set(event.callId, span);
    },
    onEnd(event) {
      const span = take(event);
      if (!span) return;
      const usage = field(event, "totalUsage") ?? field(event, "usage");
      const finish = field(event, "finishReason");
      endCallSpan(span, count(usage, "inputTokens"), count(usage, "outputTokens"), typeof finish === "string" ? finish : undefined);
    },
    onError(event) {
      const span = take(event as CallEvent);
      if (!span) return;
      markFailed(span, field(event, "error"));
      span.end();
    },
    onAbort(event) {
      const span = take(event);
      if (!span) return;
      span.setAttribute("ai.aborted", true);
      span.end();
    },
    executeLanguageModelCall({ callId, execute }) {
      const span = open.get(callId);
      return span ? context.with(trace.setSpan(context.active(), span), execute) : execute();
    },
  };
}
