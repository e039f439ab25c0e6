/**
 * Spans around the work a request does. Tracing is off unless the process started it (an OTLP
 * endpoint is configured, or a test registered its own exporter): then `withSpan` only calls its
 * function, so a server without tracing pays nothing for it.
 *
 * Span attributes name routes, procedures, ids, counts and outcomes; never message text,
 * variable values, prompts or request inputs. A failure is recorded by its class or code only:
 * an error's message may quote what a client wrote.
 */
import { SpanStatusCode, trace, type Attributes, type Span } from "@opentelemetry/api";
import { processSlot } from "../process-registry";

export const TRACER_NAME = "heartline";

const tracingSlot = processSlot("observability.tracing", () => false);

export function tracingOn(): boolean {
  return tracingSlot.get();
}

/** Marks tracing on for this process (after a tracer provider was registered). */
export function markTracingOn(): void {
  tracingSlot.set(true);
}

/** A span that records nothing, for callers when tracing is off. */
const OFF = trace.wrapSpanContext({ traceId: "00000000000000000000000000000000", spanId: "0000000000000000", traceFlags: 0 });

/** What a failure is, safe to export: the error's code when it has one, else its class. */
function errorType(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === "string" || typeof code === "number" ? String(code) : error.name;
  }
  return error === null ? "null" : typeof error;
}

/** Marks a span failed, naming only the kind of failure. */
export function markFailed(span: Span, error: unknown): void {
  const type = errorType(error);
  span.setAttribute("error.type", type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}

/** Runs `fn` in a new active span (a child of the current one), ended when `fn` settles. */
export async function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  if (!tracingOn()) return fn(OFF);
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Keeps a span open until `work` settles, and hands `work` back. */
export type KeepOpen = <T>(work: Promise<T>) => Promise<T>;

const passThrough: KeepOpen = (work) => work;

/**
 * Like `withSpan`, for work that goes on after `fn` returns (a reply streamed after its route
 * handler returned the response): the span ends once `fn` and every promise given to `keepOpen`
 * have settled, so the streamed work stays inside it.
 */
export async function withLongSpan<T>(name: string, attributes: Attributes, fn: (span: Span, keepOpen: KeepOpen) => Promise<T>): Promise<T> {
  if (!tracingOn()) return fn(OFF, passThrough);
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { attributes }, async (span) => {
    const pending: Promise<unknown>[] = [];
    let settled = false;
    const keepOpen: KeepOpen = (work) => {
      if (!settled) pending.push(work);
      return work;
    };
    try {
      return await fn(span, keepOpen);
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      settled = true;
      if (pending.length === 0) span.end();
      else void Promise.allSettled(pending).then(() => span.end());
    }
  });
}

/** The current trace and span ids, for log lines; nothing when no span is recording. */
export function traceIds(): { traceId: string; spanId: string } | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !trace.isSpanContextValid(context)) return undefined;
  return { traceId: context.traceId, spanId: context.spanId };
}
