import { parseJsonEventStream, uiMessageChunkSchema, type UIMessageChunk } from "ai";
import { describe, expect, it } from "vitest";
import type { EngineEvent } from "../../engine/runtime";
import { ServiceError } from "../../services/errors";
import type { PreparedTurn, TurnResult } from "../../services/sessions/run-turn";
import { chatStreamResponse } from "./ui-stream";

const done: TurnResult = { replayed: false, messages: [], status: "active", riskLevel: "none" };
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** A turn that emits these events, a tick apart between groups, then ends with `result` (or throws it). */
function preparedTurn(groups: EngineEvent[][], end: TurnResult | Error = done): PreparedTurn & { finished: Promise<void> } {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  return {
    finished,
    async run(sink = () => {}) {
      try {
        for (const group of groups) {
          for (const event of group) sink(event);
          await tick();
        }
        if (end instanceof Error) throw end;
        return end;
      } finally {
        finish();
      }
    },
  };
}

const greeting: EngineEvent[][] = [
  [
    { type: "position", phaseId: "p", topicId: "t", actionId: "hello", round: 1 },
    { type: "message-start", actionId: "hello", purpose: "say" },
    { type: "text-delta", actionId: "hello", delta: "Hello " },
  ],
  [{ type: "text-delta", actionId: "hello", delta: "there." }],
  [{ type: "message-end", actionId: "hello", text: "Hello there." }],
];

/** Reads the body the way the AI SDK's chat transport does. */
async function chunksOf(response: Response): Promise<UIMessageChunk[]> {
  const chunks: UIMessageChunk[] = [];
  const reader = parseJsonEventStream({ stream: response.body!, schema: uiMessageChunkSchema }).getReader();
  for (;;) {
    const { done: ended, value } = await reader.read();
    if (ended) return chunks;
    if (!value.success) throw value.error;
    chunks.push(value.value);
  }
}

describe("chatStreamResponse", () => {
  it("sends the turn as a UI message stream the AI SDK's client parses", async () => {
    const response = chatStreamResponse(preparedTurn(greeting), "m1");
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");
    expect(response.headers.get("cache-control")).toContain("no-transform");
    expect(await chunksOf(response)).toEqual([
      { type: "data-position", data: { phaseId: "p", topicId: "t", actionId: "hello", round: 1 }, transient: true },
      { type: "text-start", id: "m1-1" },
      { type: "text-delta", id: "m1-1", delta: "Hello " },
      { type: "text-delta", id: "m1-1", delta: "there." },
      { type: "text-end", id: "m1-1" },
      { type: "data-turn", data: { status: "active", riskLevel: "none", replayed: false } },
    ]);
  });

  it("sends the pending question's quick replies, and an empty list for an open question", async () => {
    const options = [
      { label: "Yes", text: "Yes" },
      { label: "No", text: "No" },
    ];
    const closed = chatStreamResponse(preparedTurn([...greeting, [{ type: "awaiting-input", options }]]), "m1");
    expect(await chunksOf(closed)).toContainEqual({ type: "data-quick-replies", data: { options }, transient: true });
    const open = chatStreamResponse(preparedTurn([...greeting, [{ type: "awaiting-input" }]]), "m1");
    expect(await chunksOf(open)).toContainEqual({ type: "data-quick-replies", data: { options: [] }, transient: true });
  });

  it("turns a failure into an error part with a human message", async () => {
    const busy = chatStreamResponse(preparedTurn([], new ServiceError("BUSY", "Your previous message is still being answered.")), "m1");
    expect(await chunksOf(busy)).toEqual([{ type: "error", errorText: "Your previous message is still being answered." }]);
    const crash = chatStreamResponse(preparedTurn([], new Error("socket hang up at 10.0.0.3")), "m1");
    const [part] = await chunksOf(crash);
    expect(part).toMatchObject({ type: "error", errorText: expect.stringMatching(/send your message again/) });
    expect(JSON.stringify(part)).not.toContain("10.0.0.3");
  });

  it("lets the turn run to its end when the browser goes away mid-stream", async () => {
    const turn = preparedTurn(greeting);
    const response = chatStreamResponse(turn, "m1");
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await expect(Promise.race([turn.finished.then(() => "finished"), new Promise((resolve) => setTimeout(() => resolve("stuck"), 1000))])).resolves.toBe("finished");
  });
});

describe("chatStreamResponse's chunks", () => {
  const decoder = new TextDecoder();

  it("sends the events written in one go as one chunk, and nothing is held back for later events", async () => {
    let proceed!: () => void;
    const later = new Promise<void>((resolve) => (proceed = resolve));
    const turn: PreparedTurn = {
      async run(sink = () => {}) {
        for (const event of greeting.flat()) sink(event);
        await later;
        return done;
      },
    };
    const reader = chatStreamResponse(turn, "m1").body!.getReader();
    // The turn has not gone on yet: its events so far came as one chunk.
    const first = await reader.read();
    const text = decoder.decode(first.value);
    expect(text.match(/^data: /gm)).toHaveLength(5);
    expect(text).toContain('"type":"text-end"');
    proceed();
    const rest: string[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) rest.push(decoder.decode(next.value));
    expect(rest.join("")).toBe('data: {"type":"data-turn","data":{"status":"active","riskLevel":"none","replayed":false}}\n\ndata: [DONE]\n\n');
  });
});
