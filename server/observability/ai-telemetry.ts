/**
 * The AI SDK's telemetry, as OpenTelemetry spans: one span per model operation (`ai.streamText`,
 * `ai.generateText`) under whatever span is active (a chat turn's engine step), with the model,
 * the purpose, the token counts and the finish reason. The provider's HTTP request runs inside it,
 * so an instrumented fetch nests below. Prompts, messages and outputs are never read: the events
 * carry them, this integration takes ids and numbers only.
 */
import { context, trace, type Span } from "@opentelemetry/api";
import type { Telemetry } from "ai";
import { markFailed, TRACER_NAME } from "./tracing";

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
      const operation = text(event, "operationId") ?? "ai.operation";
      const attributes: Record<string, string> = { "ai.operationId": operation };
      const provider = text(event, "provider");
      const model = text(event, "modelId");
      const purpose = text(event, "functionId");
      if (provider) attributes["gen_ai.provider.name"] = provider;
      if (model) attributes["gen_ai.request.model"] = model;
      if (purpose) attributes["ai.telemetry.functionId"] = purpose;
      const span = trace.getTracer(TRACER_NAME).startSpan(operation, { attributes });
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
      const input = count(usage, "inputTokens");
      const output = count(usage, "outputTokens");
      if (input !== undefined) span.setAttribute("gen_ai.usage.input_tokens", input);
      if (output !== undefined) span.setAttribute("gen_ai.usage.output_tokens", output);
      const finish = field(event, "finishReason");
      if (typeof finish === "string") span.setAttribute("gen_ai.response.finish_reasons", [finish]);
      span.end();
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
