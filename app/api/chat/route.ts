import { z } from "zod";
import { getPlatform } from "@/server/platform";
import { problem } from "@/server/api/problem";
import { readClientId } from "@/server/auth/identity";
import { HTTP_STATUS, ServiceError } from "@/server/services/errors";
import { prepareTurn } from "@/server/services/sessions/run-turn";
import { chatStreamResponse } from "@/server/api/chat/ui-stream";
import { withRoute } from "@/server/observability/route";
import { getMetrics } from "@/server/observability/metrics";
import { isDraining } from "@/server/lifecycle";
import { NAMES_FIELD, storableString } from "@/server/engine/text/storable";
import { isDatabaseUnavailable, STORAGE_RETRY_AFTER_SECONDS } from "@/server/api/errors";
import { getLogger } from "@/server/log";
import { errorCause } from "@/server/observability/error-cause";
import { guardedRoute } from "@/server/security/api-guard";

export const dynamic = "force-dynamic";

/** A body far larger than any allowed message is refused before it is read. */
const MAX_BODY_BYTES = 64 * 1024;

/** Ids with a character Postgres refuses are refused (400); the text is cleaned by the turn, never refused. */
const ChatRequest = z.object({
  sessionId: storableString().min(1).max(64),
  message: z.object({ id: storableString().min(1).max(100), text: z.string() }),
});

// proxy.ts skips this route (its CPU was a tenth of a turn's): `guardedRoute` applies the proxy's
// cross-origin rules and Content-Security-Policy here, to every method, as the proxy did.
export const POST = guardedRoute(withRoute("/api/chat", async (req: Request, _context, { keepOpen }): Promise<Response> => {
  if (isDraining()) return problem(503, "The service is restarting. Please send your message again in a moment.", { code: "RESTARTING", headers: { "Retry-After": "5" } });
  const platform = getPlatform();
  const clientId = readClientId(req.headers.get("cookie"), platform.env.AUTH_SECRET);
  if (!clientId) return problem(401, "No client identity: reload the page and try again.", { code: "NO_IDENTITY" });

  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return problem(413, "The message is too long.", { code: "TOO_LARGE" });
  const raw = await req.text();
  if (raw.length > MAX_BODY_BYTES) return problem(413, "The message is too long.", { code: "TOO_LARGE" });
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return problem(400, "Send {sessionId, message: {id, text}} as JSON.", { code: "BAD_REQUEST" });
  }
  const parsed = ChatRequest.safeParse(json);
  if (!parsed.success) {
    const named = parsed.error.issues.find((issue) => issue.code === "custom" && issue.params?.[NAMES_FIELD]);
    return problem(400, named?.message ?? "Send {sessionId, message: {id, text}} as JSON.", { code: "BAD_REQUEST" });
  }
  const body = parsed.data;

  try {
    const prepared = await prepareTurn(
      {
        prisma: platform.db.prisma,
        sql: platform.db.sql,
        cache: platform.cache,
        llmFor: platform.llmFor,
        turnLimits: { perClient: platform.env.TURNS_PER_MINUTE_PER_CLIENT, perSession: platform.env.TURNS_PER_MINUTE_PER_SESSION },
      },
      { clientId, sessionId: body.sessionId, clientMessageId: body.message.id, text: body.message.text },
    );
    // The request's span covers the streamed turn, so the whole turn is one trace under it.
    return chatStreamResponse({ run: (sink) => keepOpen(prepared.run(sink)) }, body.message.id);
  } catch (error) {
    if (error instanceof ServiceError) {
      getMetrics().turns.inc({ outcome: error.code.toLowerCase() });
      const headers: Record<string, string> = {};
      if (error.details.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.details.retryAfterSeconds);
      return problem(HTTP_STATUS[error.code], error.message, { code: error.code, headers });
    }
    if (isDatabaseUnavailable(error)) {
      getLogger().warn({ route: "/api/chat", cause: errorCause(error) }, "turn refused: the database is unavailable");
      getMetrics().turns.inc({ outcome: "unavailable" });
      return problem(503, "Storage is temporarily unavailable. Please send your message again in a moment.", { code: "UNAVAILABLE", headers: { "Retry-After": String(STORAGE_RETRY_AFTER_SECONDS) } });
    }
    throw error;
  }
}));

/** Replies are sent by POST; a GET gets a clear answer instead of an empty 405. */
export const GET = guardedRoute(() =>
  problem(405, "Send messages with POST {sessionId, message: {id, text}}.", { code: "METHOD_NOT_ALLOWED", headers: { Allow: "POST" } }),
);

// What Next answers by itself for the other methods (a 204 listing the methods above; an empty
// 405), behind the same rules: written out only because the proxy no longer wraps this route.
export const OPTIONS = guardedRoute(() => new Response(null, { status: 204, headers: { Allow: "GET, HEAD, OPTIONS, POST" } }));
const notAllowed = guardedRoute(() => new Response(null, { status: 405 }));
export { notAllowed as PUT, notAllowed as DELETE, notAllowed as PATCH };
