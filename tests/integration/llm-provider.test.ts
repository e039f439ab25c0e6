/**
 * The real `@ai-sdk/openai` provider (Chat Completions over HTTP and SSE) against a fake
 * OpenAI-compatible server: what goes on the wire, streaming, structured output, retries,
 * timeouts and a connection dropped mid-reply.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { LlmError, type LlmUsage, type Prompt } from "@/server/engine/llm/port";
import { delimitClientText } from "@/server/engine/prompts/build";
import { createLlm, type LlmConfig } from "@/server/llm";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/tests/support/fake-openai-server";

const CLIENT_TEXT = "I have not slept well for two weeks";
const prompt: Prompt = {
  system: "You are a warm counselling assistant.\nYour task now:\nAsk how they slept.",
  messages: [
    { role: "assistant", content: "How have you been?" },
    { role: "user", content: delimitClientText(CLIENT_TEXT) },
  ],
};

let server: FakeOpenAiServer;
let usage: LlmUsage[];

beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(() => {
  server.reset();
});
afterAll(async () => {
  await server.close();
});

function llm(overrides: Partial<LlmConfig> = {}) {
  usage = [];
  return createLlm({
    mode: "model",
    baseURL: server.baseURL,
    model: "fake-model",
    timeoutMs: 2_000,
    maxRetries: 2,
    retryBaseDelayMs: 5,
    onUsage: (record) => usage.push(record),
    ...overrides,
  });
}

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const delta of iterable) out.push(delta);
  return out;
}

async function rejection(run: () => Promise<unknown>): Promise<LlmError> {
  const error: unknown = await run().then(
    () => new Error("expected the call to fail"),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

describe("LLM port over the OpenAI provider", () => {
  it("streams compose deltas in order and sends the prompt as Chat Completions messages", async () => {
    server.enqueue({ type: "text", text: ["Two weeks ", "is a long time. ", "What keeps you awake?"] });
    const deltas = await collect(llm().compose({ purpose: "ask", prompt, fallbackText: "How did you sleep?" }));
    expect(deltas).toEqual(["Two weeks ", "is a long time. ", "What keeps you awake?"]);

    const [request] = server.requests;
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.stream).toBe(true);
    expect(request?.model).toBe("fake-model");
    expect(request?.messages).toEqual([
      { role: "system", content: prompt.system },
      { role: "assistant", content: "How have you been?" },
      { role: "user", content: `<client_message>${CLIENT_TEXT}</client_message>` },
    ]);
    // No API key with a base URL: a placeholder is sent (local servers ignore it).
    expect(request?.headers.authorization).toBe("Bearer not-needed");
    expect(usage).toEqual([{ purpose: "compose:ask", model: "fake-model", promptTokens: 11, completionTokens: 7, latencyMs: expect.any(Number) }]);
  });

  it("sends a system-only request for the first message of a session", async () => {
    server.enqueue({ type: "text", text: "Welcome." });
    const first: Prompt = { system: "Greet the client.", messages: [] };
    expect(await collect(llm().compose({ purpose: "say", prompt: first, fallbackText: "Hello." }))).toEqual(["Welcome."]);
    expect(server.requests[0]?.messages).toEqual([{ role: "system", content: "Greet the client." }]);
  });

  it("extracts typed values through a json_schema response format", async () => {
    server.enqueue({ type: "json", value: { nights: 14, sleep_quality: "poor", causes: ["work"], seen_doctor: null } });
    const values = await llm({ apiKey: "sk-test" }).extract({
      prompt,
      reply: CLIENT_TEXT,
      fields: [
        { name: "nights", type: "number", description: "How many nights of poor sleep" },
        { name: "sleep_quality", type: "enum", values: ["poor", "ok", "good"] },
        { name: "causes", type: "list" },
        { name: "seen_doctor", type: "boolean" },
      ],
    });
    expect(values).toEqual({ nights: 14, sleep_quality: "poor", causes: ["work"] });

    const [request] = server.requests;
    expect(request?.headers.authorization).toBe("Bearer sk-test");
    expect(request?.stream).toBe(false);
    expect(request?.responseFormat).toMatchObject({
      type: "json_schema",
      json_schema: {
        name: "extract",
        strict: false,
        schema: {
          type: "object",
          additionalProperties: false,
          properties: {
            nights: { description: "How many nights of poor sleep" },
            sleep_quality: { anyOf: [{ type: "string", enum: ["poor", "ok", "good"] }, { type: "null" }] },
          },
        },
      },
    });
  });

  it("asks for a strict schema for judgments", async () => {
    server.enqueue({ type: "json", value: { done: false, understanding: 40, hasQuestions: true } });
    expect(await llm().judge({ prompt, criterion: "the client has said what keeps them awake" })).toEqual({
      done: false,
      understanding: 40,
      hasQuestions: true,
    });
    expect(server.requests[0]?.responseFormat).toMatchObject({
      json_schema: { name: "judge", strict: true, schema: { required: ["done", "understanding", "hasQuestions"] } },
    });
  });

  it("retries a 500 and succeeds on the next answer", async () => {
    server.enqueue({ type: "error", status: 500 }, { type: "text", text: "Summary." });
    expect(await llm().summarise({ prompt, previous: "" })).toBe("Summary.");
    expect(server.requests).toHaveLength(2);
    expect(usage).toHaveLength(1);
    expect(usage[0]).not.toHaveProperty("error");
  });

  it("retries a failed stream start too", async () => {
    server.enqueue({ type: "error", status: 502 }, { type: "text", text: ["a", "b"] });
    expect(await collect(llm().compose({ purpose: "say", prompt, fallbackText: "" }))).toEqual(["a", "b"]);
    expect(server.requests).toHaveLength(2);
  });

  it("ends a persistent 500 in a retryable LlmError after maxRetries", async () => {
    server.setScript(() => ({ type: "error", status: 500, message: `internal error while reading ${CLIENT_TEXT}` }));
    const error = await rejection(() => llm({ maxRetries: 2 }).judge({ prompt, criterion: "x" }));
    expect(server.requests).toHaveLength(3);
    expect(error.retryable).toBe(true);
    expect(error.purpose).toBe("judge");
    expect(error.message).not.toContain(CLIENT_TEXT);
    expect(String(error.cause)).not.toContain(CLIENT_TEXT);
    expect(usage).toEqual([expect.objectContaining({ purpose: "judge", error: "server_error" })]);
  });

  it("does not retry a 401", async () => {
    server.enqueue({ type: "error", status: 401, message: "bad key" });
    const error = await rejection(() => llm({ apiKey: "sk-wrong" }).summarise({ prompt, previous: "" }));
    expect(error.retryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it("times out a server that does not answer, on each attempt", async () => {
    server.setScript(() => ({ type: "hang" }));
    const error = await rejection(() => llm({ timeoutMs: 150, maxRetries: 1 }).interpret({ prompt, options: [{ score: 0, label: "not at all" }], reply: "x" }));
    // The first attempt timed out and was retried once; the second timed out too.
    expect(server.requests).toHaveLength(2);
    expect(error.message).toMatch(/did not answer within 150 ms/);
    expect(error.retryable).toBe(true);
    expect(usage[0]?.error).toBe("timeout");
  });

  it("times out a stream that never starts", async () => {
    server.setScript(() => ({ type: "hang" }));
    const error = await rejection(() => collect(llm({ timeoutMs: 150, maxRetries: 0 }).compose({ purpose: "say", prompt, fallbackText: "" })));
    expect(error.message).toMatch(/did not answer within 150 ms/);
    expect(server.requests).toHaveLength(1);
    expect(usage[0]?.error).toBe("timeout");
  });

  it("ends a stream cut half-way in an LlmError after the deltas that arrived", async () => {
    server.enqueue({ type: "cut", chunks: ["Two weeks ", "is a "] });
    const seen: string[] = [];
    const error = await rejection(async () => {
      for await (const delta of llm().compose({ purpose: "say", prompt, fallbackText: "" })) seen.push(delta);
    });
    expect(seen).toEqual(["Two weeks ", "is a "]);
    expect(error.retryable).toBe(true);
    // Text already reached the client, so the port does not retry.
    expect(server.requests).toHaveLength(1);
    expect(usage[0]?.error).toBe("stream_cut");
  });
});

describe("fake OpenAI server", () => {
  it("answers a forced tool call with the JSON as the tool's arguments", async () => {
    server.enqueue({ type: "json", value: { ok: true } });
    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        model: "m",
        messages: [{ role: "user", content: "hi" }],
        tools: [{ type: "function", function: { name: "answer", parameters: { type: "object" } } }],
        tool_choice: { type: "function", function: { name: "answer" } },
      }),
    });
    const body = (await response.json()) as { choices: { message: { tool_calls: { function: { name: string; arguments: string } }[] }; finish_reason: string }[] };
    expect(body.choices[0]?.finish_reason).toBe("tool_calls");
    expect(body.choices[0]?.message.tool_calls[0]?.function).toEqual({ name: "answer", arguments: '{"ok":true}' });
  });

  it("fails visibly when the script has no reply left", async () => {
    const response = await fetch(`${server.baseURL}/chat/completions`, { method: "POST", body: JSON.stringify({ messages: [] }) });
    expect(response.status).toBe(418);
  });
});
