/**
 * Wraps a route handler with what every request gets: a request id (kept from `x-request-id` when
 * sane) that every log line written for the request carries, a span (when tracing is on), a
 * structured log line at the end (route, method, status, latency — never bodies), HTTP metrics,
 * and a JSON 500 that says nothing internal when something unexpected throws.
 */
import { randomUUID } from "node:crypto";
import { SpanStatusCode } from "@opentelemetry/api";
import { getLogger } from "../log";
import { getMetrics } from "./metrics";
import { errorCause } from "./error-cause";
import { runWithRequestId } from "./request-context";
import { withLongSpan, type KeepOpen } from "./tracing";

/** `keepOpen`: the request's span lasts until this work settles too (a reply streamed after the response was returned). */
type Handler<C> = (req: Request, context: C, meta: { requestId: string; keepOpen: KeepOpen }) => Promise<Response> | Response;

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

export function withRoute<C = unknown>(route: string, handler: Handler<C>) {
  return async (req: Request, context: C): Promise<Response> => {
    const started = performance.now();
    const given = req.headers.get("x-request-id");
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    const attributes = { "http.request.method": req.method, "http.route": route, "heartline.request_id": requestId };
    return runWithRequestId(requestId, () =>
      withLongSpan(`${req.method} ${route}`, attributes, async (span, keepOpen) => {
        let response: Response;
        try {
          response = await handler(req, context, { requestId, keepOpen });
        } catch (error) {
          // The cause with quoted values cut out: an error's own text may quote what a client wrote.
          getLogger().error({ requestId, route, cause: errorCause(error) }, "request failed");
          response = Response.json({ error: "Something went wrong on our side. Please try again.", requestId }, { status: 500 });
        }
        span.setAttribute("http.response.status_code", response.status);
        if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: String(response.status) });
        const seconds = (performance.now() - started) / 1000;
        const metrics = getMetrics();
        metrics.httpRequests.inc({ route, method: req.method, status: String(response.status) });
        metrics.httpDuration.observe({ route, method: req.method }, seconds);
        getLogger().info({ requestId, route, method: req.method, status: response.status, ms: Math.round(seconds * 1000) }, "request");
        try {
          response.headers.set("x-request-id", requestId);
        } catch {
          // Some responses have immutable headers; the id is still in the log.
        }
        return response;
      }),
    );
  };
}
