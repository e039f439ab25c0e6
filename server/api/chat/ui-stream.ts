/**
 * Turns a prepared turn into an AI SDK UI message stream: each bot message as a text part, and
 * the turn's position, variables and safety as data parts. The turn runs to the end and is
 * stored even when the browser goes away mid-stream.
 */
import { consumeStream, createUIMessageStream, createUIMessageStreamResponse, type UIMessageChunk } from "ai";
import type { EngineEvent } from "../../engine/runtime";
import { ServiceError } from "../../services/errors";
import type { PreparedTurn } from "../../services/sessions/run-turn";

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

export function chatStreamResponse(prepared: PreparedTurn, turnKey: string): Response {
  const stream = createUIMessageStream({
    async execute({ writer }) {
      const counter = { n: 0 };
      const write = (chunk: UIMessageChunk) => {
        try {
          writer.write(chunk);
        } catch {
          // The browser left; the turn still runs to the end and is stored.
        }
      };
      const result = await prepared.run((event) => {
        for (const chunk of toChunks(event, turnKey, counter)) write(chunk);
      });
      write({ type: "data-turn", data: { status: result.status, riskLevel: result.riskLevel, replayed: result.replayed } });
    },
    onError: (error) =>
      error instanceof ServiceError ? error.message : "Something went wrong while answering. Nothing was lost; please send your message again.",
  });
  return createUIMessageStreamResponse({ stream, consumeSseStream: consumeStream });
}
