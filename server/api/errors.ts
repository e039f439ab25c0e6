import { TRPCError } from "@trpc/server";
import type { ZodError } from "zod";
import { fieldPath, NAMES_FIELD } from "../engine/text/storable";
import { describeDatabaseError } from "../services/health";
import { ServiceError, type ServiceErrorCode } from "../services/errors";
import { getLogger } from "../log";
import { errorCause } from "../observability/error-cause";

const SERVICE_TO_TRPC: Record<ServiceErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  BUSY: "CONFLICT",
  CONFLICT: "CONFLICT",
  ENDED: "PRECONDITION_FAILED",
  BAD_REQUEST: "BAD_REQUEST",
  FORBIDDEN: "FORBIDDEN",
  TOO_LARGE: "PAYLOAD_TOO_LARGE",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  MODEL_UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

const UNAVAILABLE_PATTERN =
  /ECONNREFUSED|ECONNRESET|connect ECONN|Can't reach database|Connection terminated|terminating connection|shutting down|timeout exceeded when trying to connect|the database system is starting up/i;

/** What `Retry-After` says while the database cannot be reached. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/** True when an error means the database cannot be reached right now (as opposed to a bad query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error) {
      if (UNAVAILABLE_PATTERN.test(current.message)) return true;
      const code = (current as { code?: unknown }).code;
      if (code === "P1001" || code === "P1002" || code === "P1017" || code === "P2024") return true;
      current = current.cause;
    } else {
      return false;
    }
  }
  return false;
}

/** Maps use-case errors and infrastructure failures to clear tRPC errors; leaves everything else alone. */
export function toClientError(error: unknown): unknown {
  if (error instanceof TRPCError) return error;
  if (error instanceof ServiceError) return new TRPCError({ code: SERVICE_TO_TRPC[error.code], message: error.message, cause: error });
  if (isDatabaseUnavailable(error)) {
    return new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: `Storage is temporarily unavailable (${describeDatabaseError(error)}). Please try again in a moment.`,
      cause: error,
    });
  }
  return error;
}

/**
 * What a caller is told of a failure nobody planned for. Never the error's own text: a database
 * error quotes the values it refused and the statement's data.
 */
export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Please try again.";

/**
 * Logs a failed tRPC call that is not the caller's doing (an internal error, an outage), once,
 * with its cause as `errorCause` gives it: which procedure, never its input.
 */
export function logCallFailure({ error, path, type }: { error: TRPCError; path?: string | undefined; type: string }): void {
  if (error.code !== "INTERNAL_SERVER_ERROR" && error.code !== "SERVICE_UNAVAILABLE") return;
  const entry = { procedure: path ?? "unknown", type, code: error.code, cause: errorCause(error.cause ?? error) };
  if (error.code === "INTERNAL_SERVER_ERROR") getLogger().error(entry, "tRPC call failed");
  else getLogger().warn(entry, "tRPC call failed: a service is unavailable");
}

/** Most input problems named in one message. */
const MAX_INPUT_PROBLEMS = 5;

/**
 * Input problems as one line a person can read, each naming its field
 * ("yaml contains a NUL character (U+0000) at line 2, column 16, …; limit: Too big: …"),
 * instead of the issues as JSON.
 */
export function inputErrorMessage(error: ZodError): string {
  const problems = error.issues.slice(0, MAX_INPUT_PROBLEMS).map((issue) => {
    const namesField = issue.code === "custom" && issue.params?.[NAMES_FIELD] === true;
    const path = fieldPath(issue.path);
    return namesField || !path ? issue.message : `${path}: ${issue.message}`;
  });
  const more = error.issues.length - problems.length;
  if (problems.length === 1 && !more) return problems[0] ?? "";
  return `${problems.map((p) => p.replace(/\.$/, "")).join("; ")}${more > 0 ? ` (and ${more} more)` : ""}.`;
}
