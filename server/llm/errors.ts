import { APICallError, JSONParseError, NoObjectGeneratedError, NoOutputGeneratedError, TypeValidationError } from "ai";
import { LlmError } from "../engine/llm/port";

/** Short, stable codes for LlmCall records and logs (never free text from the model or the prompt). */
export type LlmErrorCode =
  | "timeout"
  | "rate_limited"
  | "server_error"
  | "auth"
  | "bad_request"
  | "network"
  | "stream_cut"
  | "content_filter"
  | "invalid_output"
  | "cancelled"
  | "unknown";

/** Thrown inside the port for failures the AI SDK reports as stream parts rather than errors. */
export class StreamFailure extends Error {
  constructor(readonly code: "stream_cut" | "content_filter" | "timeout" | "cancelled") {
    super(code);
    this.name = "StreamFailure";
  }
}

/** An LlmError that also carries its short code, for the usage record. */
export class CodedLlmError extends LlmError {
  constructor(
    message: string,
    purpose: string,
    retryable: boolean,
    readonly code: LlmErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, purpose, retryable, options);
  }
}

function statusOf(error: unknown): number | undefined {
  return APICallError.isInstance(error) ? error.statusCode : undefined;
}

/**
 * A cause that is safe to log: the error's name, HTTP status and low-level code only. The raw
 * AI SDK errors carry the request body (the whole prompt, client text included), so they are
 * never attached.
 */
function safeCause(error: unknown): Error {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const status = statusOf(current);
    const code = (current as { code?: unknown }).code;
    parts.push(`${current.name}${status !== undefined ? ` ${status}` : ""}${typeof code === "string" ? ` ${code}` : ""}`);
    current = current.cause;
  }
  return new Error(parts.length ? parts.join(" <- ") : typeof error);
}

function formatDuration(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${Number((ms / 1_000).toFixed(1))} s`;
}

/**
 * Turns anything a model call can throw into an LlmError with a plain message. `timedOut` is
 * the port's own timer (an abort from it looks like any other abort to the SDK).
 */
export function toLlmError(error: unknown, purpose: string, context: { timedOut: boolean; timeoutMs: number }): CodedLlmError {
  if (error instanceof CodedLlmError) return error;
  const cause = safeCause(error);
  const make = (code: LlmErrorCode, retryable: boolean, message: string) =>
    new CodedLlmError(message, purpose, retryable, code, { cause });

  if (context.timedOut) {
    return make("timeout", true, `The model did not answer within ${formatDuration(context.timeoutMs)}`);
  }
  if (error instanceof StreamFailure) {
    switch (error.code) {
      case "stream_cut":
        return make("stream_cut", true, "The model's reply was cut off before it finished");
      case "content_filter":
        return make("content_filter", false, "The model service's content filter stopped the reply");
      case "timeout":
        return make("timeout", true, "The model did not answer in time");
      case "cancelled":
        return make("cancelled", false, "The model call was cancelled");
    }
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === 429) return make("rate_limited", true, "The model service is busy (rate limited)");
    if (status === 401 || status === 403) return make("auth", false, `The model service refused the credentials (HTTP ${status})`);
    if (status !== undefined && status >= 500) return make("server_error", true, `The model service failed (HTTP ${status})`);
    // A 200 whose body broke off half-way: the connection dropped during the reply.
    if (status === 200) return make("stream_cut", true, "The connection to the model service dropped during the reply");
    if (status === undefined) return make("network", error.isRetryable, "The model service could not be reached");
    return make("bad_request", error.isRetryable, `The model service rejected the request (HTTP ${status})`);
  }
  if (NoObjectGeneratedError.isInstance(error) || NoOutputGeneratedError.isInstance(error) || TypeValidationError.isInstance(error) || JSONParseError.isInstance(error)) {
    return make("invalid_output", false, "The model's answer did not have the expected shape");
  }
  if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError")) {
    return make("cancelled", false, "The model call was cancelled");
  }
  if (error instanceof TypeError) return make("network", true, "The model service could not be reached");
  return make("unknown", false, "The model call failed");
}
