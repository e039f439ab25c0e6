/**
 * Turns a prepared turn into an AI SDK UI message stream: each bot message as a text part, and
 * the turn's position, variables, safety and quick replies as data parts. The turn runs to the end and is
 * stored even when the browser goes away mid-stream.
 *
 * The stream is written as server-sent events straight into one byte stream. The AI SDK's
 * `createUIMessageStream` + `createUIMessageStreamResponse` send the same bytes through four
 * stream stages and a tee (to keep a copy read when the browser leaves); every streamed delta
 * paid for each of them. Here the turn never waits on the reader, so nothing needs the copy.
 */
import { UI_MESSAGE_STREAM_HEADERS, type UIMessageChunk } from "ai";
import type { EngineEvent } from "../../engine/runtime";
import { ServiceError } from "../../services/errors";
import type { PreparedTurn } from "../../services/sessions/run-turn";
import { getMetrics } from "../../observability/metrics";
import { trackTurn } from "../../lifecycle";

function toChunks(event: EngineEvent, turnKey: string, counter: { n: number }): UIMessageChunk[] {
  switch (event.type) {
    case "message-start":
      counter.n += 1;
      return [{ type: "text-start", id: `${turnKey}-${counter.n}` }];
    case "text-delta":
      return [{ type: "text-delta", id: `${turnKey}-${counter.n}`, delta: event.delta }];
    case "message-end":
      return [{ type: "text-end", id: `${turnKey}-${counter.n}` }];
    case "position":
      return [{ type: "data-position", data: { phaseId: event.phaseId, topicId: event.topicId, actionId: event.actionId, round: event.round }, transient: true }];
    case "safety":
      return [{ type: "data-safety", data: { level: event.level, reason: event.reason } }];
    case "awaiting-input":
      // The answers the question now pending can be given with one tap ([] for an open question).
      return [{ type: "data-quick-replies", data: { options: event.options ?? [] }, transient: true }];
    default:
      return [];
  }
}

/** What the client is told when a turn fails: a ServiceError's own message, else nothing internal. */
function errorText(error: unknown): string {
  return error instanceof ServiceError ? error.message : "Something went wrong while answering. Nothing was lost; please send your message again.";
}

const encoder = new TextEncoder();
/** One UI message chunk as a server-sent event, as the AI SDK's client reads it. */
const sseEvent = (chunk: UIMessageChunk) => `data: ${JSON.stringify(chunk)}\n\n`;
const SSE_DONE = "data: [DONE]\n\n";

export function chatStreamResponse(prepared: PreparedTurn, turnKey: string): Response {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      // The browser left; the turn still runs to the end and is stored.
      open = false;
    },
  });
  // Events written in one go (a template turn's are all written before its first await on I/O)
  // leave as one chunk: every chunk costs a pass through the web streams Next pipes the body
  // through and a socket write. The chunk leaves once the work that wrote it has finished (after
  // the current promise jobs), so nothing waits on anything slower.
  let pending = "";
  const flush = () => {
    const text = pending;
    pending = "";
    if (!open || !text) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      open = false;
    }
  };
  const write = (chunk: UIMessageChunk) => {
    if (!open) return;
    if (!pending) process.nextTick(flush);
    pending += sseEvent(chunk);
  };
  const close = () => {
    if (!open) return;
    open = false;
    const text = pending + SSE_DONE;
    pending = "";
    try {
      controller.enqueue(encoder.encode(text));
      controller.close();
    } catch {
      // already closed by the reader
    }
  };

  const metrics = getMetrics();
  const started = performance.now();
  let firstToken = false;
  const counter = { n: 0 };
  trackTurn(
    prepared.run((event) => {
      if (event.type === "text-delta" && !firstToken) {
        firstToken = true;
        metrics.timeToFirstToken.observe((performance.now() - started) / 1000);
      }
      if (event.type === "safety") metrics.safetyEvents.inc({ level: event.level });
      for (const chunk of toChunks(event, turnKey, counter)) write(chunk);
    }),
  ).then(
    (result) => {
      metrics.turns.inc({ outcome: result.replayed ? "replayed" : "ok" });
      metrics.turnDuration.observe((performance.now() - started) / 1000);
      write({ type: "data-turn", data: { status: result.status, riskLevel: result.riskLevel, replayed: result.replayed } });
      close();
    },
    (error: unknown) => {
      metrics.turns.inc({ outcome: error instanceof ServiceError ? error.code.toLowerCase() : "error" });
      write({ type: "error", errorText: errorText(error) });
      close();
    },
  );

  // `no-transform`: compressing a stream of small events would make the server gzip and flush each
  // one (and lets no proxy hold them back); the events are small and text streams live.
  return new Response(body, { headers: { ...UI_MESSAGE_STREAM_HEADERS, "cache-control": "no-cache, no-transform" } });
}
