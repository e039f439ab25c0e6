/**
 * The one error response of route handlers: `{ error, code }` with the HTTP status. `error` is a
 * sentence for people; `code` is stable, for clients to translate or branch on. Never cached.
 * (Errors raised inside tRPC procedures keep tRPC's own envelope; see `server/api/errors.ts`.)
 */
const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  413: "TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
  503: "UNAVAILABLE",
};

export interface ProblemBody {
  error: string;
  code: string;
}

export function problem(status: number, message: string, options: { code?: string; headers?: Record<string, string> } = {}): Response {
  const body: ProblemBody = { error: message, code: options.code ?? CODE_BY_STATUS[status] ?? "ERROR" };
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...options.headers } });
}
