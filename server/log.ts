import pino, { type Logger } from "pino";

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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "heartline" },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
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
