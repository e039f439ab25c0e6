/** Errors a use case reports to its callers (tRPC and route handlers map them to their own shapes). */
export type ServiceErrorCode =
  | "NOT_FOUND"
  | "BUSY"
  /** The thing changed or exists already (another tab saved first, a taken path). */
  | "CONFLICT"
  | "ENDED"
  | "BAD_REQUEST"
  /** The caller is known but may not do this (a disabled account). */
  | "FORBIDDEN"
  | "TOO_LARGE"
  | "RATE_LIMITED"
  | "MODEL_UNAVAILABLE";

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly details: { retryAfterSeconds?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ServiceError";
  }
}

export const HTTP_STATUS: Record<ServiceErrorCode, number> = {
  NOT_FOUND: 404,
  BUSY: 409,
  CONFLICT: 409,
  ENDED: 409,
  BAD_REQUEST: 400,
  FORBIDDEN: 403,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  MODEL_UNAVAILABLE: 503,
};
