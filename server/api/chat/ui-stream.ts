/**
 * Turns a prepared turn into an AI SDK UI message stream: each bot message as a text part, and
 * the turn's position, variables, safety and quick replies as data parts. The turn runs to the end and is
 * stored even when the browser goes away mid-stream.
 */
import { consumeStream, createUIMessageStream, createUIMessageStreamResponse, type UIMessageChunk } from "ai";
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

export function chatStreamResponse(prepared: PreparedTurn, turnKey: string): Response {
  const stream = createUIMessageStream({
    async execute({ writer }) {
      const metrics = getMetrics();
      const started = performance.now();
      let firstToken = false;
      const counter = { n: 0 };
      const write = (chunk: UIMessageChunk) => {
        try {
          writer.write(chunk);
        } catch {
          // The browser left; the turn still runs to the end and is stored.
        }
      };
      let result;
      try {
        result = await trackTurn(prepared.run((event) => {
          if (event.type === "text-delta" && !firstToken) {
            firstToken = true;
            metrics.timeToFirstToken.observe((performance.now() - started) / 1000);
          }
          if (event.type === "safety") metrics.safetyEvents.inc({ level: event.level });
          for (const chunk of toChunks(event, turnKey, counter)) write(chunk);
        }));
      } catch (error) {
        metrics.turns.inc({ outcome: error instanceof ServiceError ? error.code.toLowerCase() : "error" });
        throw error;
      }
      metrics.turns.inc({ outcome: result.replayed ? "replayed" : "ok" });
      metrics.turnDuration.observe((performance.now() - started) / 1000);
      write({ type: "data-turn", data: { status: result.status, riskLevel: result.riskLevel, replayed: result.replayed } });
    },
    onError: (error) =>
      error instanceof ServiceError ? error.message : "Something went wrong while answering. Nothing was lost; please send your message again.",
  });
  // `no-transform`: compressing a stream of small events would make the server gzip and flush each
  // one (and lets no proxy hold them back); the events are small and text streams live.
  return createUIMessageStreamResponse({ stream, consumeSseStream: consumeStream, headers: { "cache-control": "no-cache, no-transform" } });
}
