import pino, { type Logger } from "pino";
import { currentRequestId } from "./observability/request-context";
import { traceIds } from "./observability/tracing";

/**
 * Structured JSON logs. Clients' words are health data: fields that may carry message text,
 * variable values or secrets are redacted, whatever the level.
 */
export const REDACTED_PATHS = [
  "text",
  "message.text",
  "clientText",
  "content",
  "value",
  "values",
  "variables",
  "*.text",
  "*.value",
  "*.variables",
  "password",
  "*.password",
  "authorization",
  "cookie",
  "*.authorization",
  "*.cookie",
  "DATABASE_URL",
  "OPENAI_API_KEY",
  "UPSTASH_REDIS_REST_TOKEN",
  "AUTH_SECRET",
];

/**
 * What every line carries about where it was written: the request it belongs to and, when tracing
 * is on, the trace and span, so a log line leads to its trace and back. A line's own `requestId` wins.
 */
export function correlation(): Record<string, string> {
  const fields: Record<string, string> = {};
  const requestId = currentRequestId();
  if (requestId) fields.requestId = requestId;
  const ids = traceIds();
  if (ids) {
    fields.trace_id = ids.traceId;
    fields.span_id = ids.spanId;
  }
  return fields;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "heartline" },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: correlation,
    },
    destination,
  );
}

let rootLogger: Logger | undefined;

/** The process logger, at LOG_LEVEL (read directly so logging works even while env validation fails). */
export function getLogger(): Logger {
  rootLogger ??= createLogger(process.env.LOG_LEVEL?.trim() || "info");
  return rootLogger;
}
