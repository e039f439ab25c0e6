/**
 * Turns a prepared turn into an AI SDK UI message stream (the protocol `useChat` reads): each bot
 * message as a text part, and the turn's position, variables and safety as data parts. The turn
 * runs to the end and is stored even when the browser goes away mid-stream.
 *
 * The stream's SSE framing is written here, straight into the response body, rather than through
 * `createUIMessageStream` + `createUIMessageStreamResponse`: their five stream stages (and a tee for
 * `consumeStream`) cost ~7× the CPU per turn, and events a turn emits in one go (position, the
 * message's start and its first words) now leave in one write. The turn never waits on the
 * reader, so nothing has to drain the stream for it to finish.
 */
import type { UIMessageChunk } from "ai";
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
    default:
      return [];
  }
}

/** The UI message stream's headers, as the AI SDK sends them; `no-transform` keeps Next (and proxies) from compressing it. */
const HEADERS = {
  "content-type": "text/event-stream",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-vercel-ai-ui-message-stream": "v1",
  "x-accel-buffering": "no",
};

const encoder = new TextEncoder();

/** A UI message stream as server-sent events; chunks written in the same tick leave in one write. */
class UiMessageEvents {
  readonly body: ReadableStream<Uint8Array>;
  private controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  private pending = "";
  private open = true;

  constructor() {
    this.body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      // The browser left; the turn goes on and is stored, its events are dropped.
      cancel: () => {
        this.open = false;
      },
    });
  }

  write(chunk: UIMessageChunk): void {
    if (!this.open) return;
    if (!this.pending) queueMicrotask(() => this.flush());
    this.pending += `data: ${JSON.stringify(chunk)}\n\n`;
  }

  close(): void {
    if (!this.open) return;
    this.pending += "data: [DONE]\n\n";
    this.flush();
    this.open = false;
    try {
      this.controller?.close();
    } catch {
      // already closed by a cancel
    }
  }

  private flush(): void {
    if (!this.pending || !this.open) return;
    const text = this.pending;
    this.pending = "";
    try {
      this.controller?.enqueue(encoder.encode(text));
    } catch {
      this.open = false;
    }
  }
}

/** What the client sees when a turn fails: a service error's own message, else a generic one. */
function errorText(error: unknown): string {
  return error instanceof ServiceError ? error.message : "Something went wrong while answering. Nothing was lost; please send your message again.";
}

export function chatStreamResponse(prepared: PreparedTurn, turnKey: string): Response {
  const events = new UiMessageEvents();
  const metrics = getMetrics();
  const started = performance.now();
  let firstToken = false;
  const counter = { n: 0 };
  void (async () => {
    try {
      const result = await trackTurn(
        prepared.run((event) => {
          if (event.type === "text-delta" && !firstToken) {
            firstToken = true;
            metrics.timeToFirstToken.observe((performance.now() - started) / 1000);
          }
          if (event.type === "safety") metrics.safetyEvents.inc({ level: event.level });
          for (const chunk of toChunks(event, turnKey, counter)) events.write(chunk);
        }),
      );
      metrics.turns.inc({ outcome: result.replayed ? "replayed" : "ok" });
      metrics.turnDuration.observe((performance.now() - started) / 1000);
      events.write({ type: "data-turn", data: { status: result.status, riskLevel: result.riskLevel, replayed: result.replayed } });
    } catch (error) {
      metrics.turns.inc({ outcome: error instanceof ServiceError ? error.code.toLowerCase() : "error" });
      events.write({ type: "error", errorText: errorText(error) });
    } finally {
      events.close();
    }
  })();
  return new Response(events.body, { headers: HEADERS });
}
