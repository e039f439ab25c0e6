import { tracingChannel } from "node:diagnostics_channel";
import { AI_SDK_TELEMETRY_TRACING_CHANNEL, APICallError, simulateReadableStream } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { LlmError, type LlmUsage, type Prompt } from "../engine/llm/port";
import { createAiSdkLlm, type AiSdkLlmOptions } from "./ai-sdk-llm";

type GenerateResult = Awaited<ReturnType<MockLanguageModelV4["doGenerate"]>>;
type StreamPart = Awaited<ReturnType<MockLanguageModelV4["doStream"]>>["stream"] extends ReadableStream<infer P> ? P : never;

const SECRET = "MY-SECRET-CLIENT-TEXT";
const prompt: Prompt = {
  system: "You are a counselling assistant.",
  messages: [
    { role: "assistant", content: "How are you?" },
    { role: "user", content: `<client_message>${SECRET}</client_message>` },
  ],
};

function tokens(input: number, output: number) {
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}

function textResult(text: string): GenerateResult {
  return { content: [{ type: "text", text }], finishReason: { unified: "stop", raw: "stop" }, usage: tokens(12, 4), warnings: [] };
}

const jsonResult = (value: unknown) => textResult(JSON.stringify(value));

function streamParts(deltas: string[], finish: { unified: "stop" | "other" | "content-filter"; raw: string | undefined } = { unified: "stop", raw: "stop" }): StreamPart[] {
  return [
    { type: "stream-start", warnings: [] },
    { type: "text-start", id: "t" },
    ...deltas.map((delta): StreamPart => ({ type: "text-delta", id: "t", delta })),
    { type: "text-end", id: "t" },
    { type: "finish", finishReason: finish, usage: tokens(20, 6) },
  ];
}

const stream = (chunks: StreamPart[]) => ({ stream: simulateReadableStream({ chunks, initialDelayInMs: null, chunkDelayInMs: null }) });

function serverError(status: number) {
  // What the provider throws: the request body (the whole prompt) rides along on the error.
  return new APICallError({
    message: `upstream said no to ${SECRET}`,
    url: "http://model.test/v1/chat/completions",
    requestBodyValues: { messages: prompt.messages },
    statusCode: status,
  });
}

function setup(model: MockLanguageModelV4, options: Partial<AiSdkLlmOptions> = {}) {
  const usage: LlmUsage[] = [];
  const llm = createAiSdkLlm({ model, modelName: "mock-model", retryBaseDelayMs: 1, onUsage: (record) => usage.push(record), ...options });
  return { llm, usage };
}

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const delta of iterable) out.push(delta);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

function expectNoPromptText(error: LlmError) {
  expect(error.message).not.toContain(SECRET);
  expect(String(error.cause)).not.toContain(SECRET);
  expect(error.message).not.toContain(prompt.system);
}

describe("createAiSdkLlm", () => {
  it("reports model mode and the model name", () => {
    const { llm } = setup(new MockLanguageModelV4());
    expect(llm.mode).toBe("model");
    expect(llm.model).toBe("mock-model");
  });

  it("hands the AI SDK's telemetry to nobody when this process does not trace", async () => {
    const published: unknown[] = [];
    const handlers = { start: (message: unknown) => void published.push(message), end() {}, asyncStart() {}, asyncEnd() {}, error() {} };
    const channel = tracingChannel(AI_SDK_TELEMETRY_TRACING_CHANNEL);
    channel.subscribe(handlers);
    try {
      const { llm } = setup(new MockLanguageModelV4({ doStream: stream(streamParts(["Hello."])) }));
      expect(await collect(llm.compose({ purpose: "say", prompt, fallbackText: "Hi." }))).toEqual(["Hello."]);
    } finally {
      channel.unsubscribe(handlers);
    }
    expect(published).toEqual([]);
  });

  describe("compose", () => {
    it("streams the text deltas in order, with the system text and messages as given", async () => {
      const model = new MockLanguageModelV4({ doStream: stream(streamParts(["Hello", ", ", "there."])) });
      const { llm, usage } = setup(model);
      expect(await collect(llm.compose({ purpose: "say", prompt, fallbackText: "Hi." }))).toEqual(["Hello", ", ", "there."]);

      const sent = model.doStreamCalls[0]?.prompt;
      expect(sent?.[0]).toEqual({ role: "system", content: prompt.system });
      expect(sent?.slice(1)).toMatchObject([
        { role: "assistant", content: [{ type: "text", text: "How are you?" }] },
        { role: "user", content: [{ type: "text", text: `<client_message>${SECRET}</client_message>` }] },
      ]);
      expect(usage).toEqual([{ purpose: "compose:say", model: "mock-model", promptTokens: 20, completionTokens: 6, latencyMs: expect.any(Number) }]);
    });

    it("retries a failure before the first delta and then streams", async () => {
      let calls = 0;
      const model = new MockLanguageModelV4({
        doStream: async () => {
          if (calls++ === 0) throw serverError(503);
          return stream(streamParts(["ok"]));
        },
      });
      const { llm, usage } = setup(model);
      expect(await collect(llm.compose({ purpose: "ask", prompt, fallbackText: "" }))).toEqual(["ok"]);
      expect(calls).toBe(2);
      expect(usage).toHaveLength(1);
      expect(usage[0]?.error).toBeUndefined();
    });

    it("ends in a retryable LlmError, without retrying, when the stream breaks after text was sent", async () => {
      const chunks = streamParts(["Hel", "lo"]).slice(0, 4);
      chunks.push({ type: "error", error: new TypeError("terminated") });
      const model = new MockLanguageModelV4({ doStream: stream(chunks) });
      const { llm, usage } = setup(model);
      const seen: string[] = [];
      const error = await failure(
        (async () => {
          for await (const delta of llm.compose({ purpose: "say", prompt, fallbackText: "" })) seen.push(delta);
        })(),
      );
      expect(seen).toEqual(["Hel", "lo"]);
      expect(error.retryable).toBe(true);
      expect(error.purpose).toBe("compose:say");
      expect(model.doStreamCalls).toHaveLength(1);
      expect(usage[0]?.error).toBe("network");
    });

    it("treats a stream that ends without a finish reason as cut, not as a short message", async () => {
      const model = new MockLanguageModelV4({ doStream: stream(streamParts(["Half a"], { unified: "other", raw: undefined })) });
      const { llm, usage } = setup(model, { maxRetries: 0 });
      const error = await failure(collect(llm.compose({ purpose: "say", prompt, fallbackText: "" })));
      expect(error.message).toMatch(/cut off/);
      expect(error.retryable).toBe(true);
      expect(usage[0]?.error).toBe("stream_cut");
    });

    it("reports a content filter stop as a non-retryable LlmError", async () => {
      const model = new MockLanguageModelV4({ doStream: stream(streamParts([], { unified: "content-filter", raw: "content_filter" })) });
      const { llm } = setup(model);
      const error = await failure(collect(llm.compose({ purpose: "say", prompt, fallbackText: "" })));
      expect(error.retryable).toBe(false);
      expect(model.doStreamCalls).toHaveLength(1);
    });

    it("records a cancelled call when the consumer stops early", async () => {
      const model = new MockLanguageModelV4({ doStream: stream(streamParts(["a", "b", "c"])) });
      const { llm, usage } = setup(model);
      for await (const delta of llm.compose({ purpose: "say", prompt, fallbackText: "" })) {
        expect(delta).toBe("a");
        break;
      }
      expect(usage).toEqual([expect.objectContaining({ purpose: "compose:say", error: "cancelled" })]);
    });

    it("times out a stream that stops sending", async () => {
      const model = new MockLanguageModelV4({
        doStream: async ({ abortSignal }) => ({
          stream: new ReadableStream<StreamPart>({
            start(controller) {
              controller.enqueue({ type: "stream-start", warnings: [] });
              abortSignal?.addEventListener("abort", () => controller.error(abortSignal.reason));
            },
          }),
        }),
      });
      const { llm, usage } = setup(model, { timeoutMs: 50, maxRetries: 0 });
      const error = await failure(collect(llm.compose({ purpose: "say", prompt, fallbackText: "" })));
      expect(error.retryable).toBe(true);
      expect(usage[0]?.error).toBe("timeout");
    });
  });

  describe("extract and think", () => {
    it("sends a JSON schema built from the fields and returns only present, non-null values", async () => {
      const model = new MockLanguageModelV4({ doGenerate: jsonResult({ name: "Ann", age: 34, employed: null, worries: ["sleep", "work"] }) });
      const { llm, usage } = setup(model);
      const values = await llm.extract({
        prompt,
        reply: "I'm Ann, 34",
        fields: [
          { name: "name", type: "text", description: "First name" },
          { name: "age", type: "number" },
          { name: "employed", type: "boolean" },
          { name: "worries", type: "list" },
          { name: "mood", type: "enum", values: ["low", "ok"] },
        ],
      });
      expect(values).toEqual({ name: "Ann", age: 34, worries: ["sleep", "work"] });

      const format = model.doGenerateCalls[0]?.responseFormat;
      expect(format).toMatchObject({ type: "json", name: "extract", schema: { type: "object", properties: { name: { description: "First name" } } } });
      expect(model.doGenerateCalls[0]?.providerOptions).toEqual({ openai: { strictJsonSchema: false } });
      expect(usage).toEqual([{ purpose: "extract", model: "mock-model", promptTokens: 12, completionTokens: 4, latencyMs: expect.any(Number) }]);
    });

    it("builds each shape's schema once, and a different field set or pending question gets its own", async () => {
      const model = new MockLanguageModelV4({ doGenerate: jsonResult({}) });
      const { llm } = setup(model);
      const fields = [{ name: "sleep_hours", type: "number" as const, description: "Hours slept" }];
      const reading = { kind: "open" as const, question: "How have you been sleeping?" };
      await llm.extract({ prompt, reply: "", fields, reading });
      await llm.extract({ prompt, reply: "", fields: fields.map((field) => ({ ...field })), reading: { ...reading } });
      await llm.extract({ prompt, reply: "", fields, reading: { ...reading, question: "How is work?" } });
      await llm.extract({ prompt, reply: "", fields: [{ ...fields[0]!, type: "text" }], reading });
      const schemas = model.doGenerateCalls.map((call) => (call.responseFormat?.type === "json" ? call.responseFormat.schema : undefined));
      // The same shape reuses the JSON Schema built for it.
      expect(schemas[1]).toBe(schemas[0]);
      expect(JSON.stringify(schemas[2])).toContain("How is work?");
      expect(JSON.stringify(schemas[0])).not.toContain("How is work?");
      expect(schemas[3]).toMatchObject({ properties: { sleep_hours: { type: ["string", "null"] } } });
      expect(schemas[0]).toMatchObject({ properties: { sleep_hours: { type: ["number", "null"] } } });
    });

    it("makes no call when there are no fields", async () => {
      const model = new MockLanguageModelV4();
      const { llm, usage } = setup(model);
      expect(await llm.think({ prompt, fields: [] })).toEqual({});
      expect(model.doGenerateCalls).toHaveLength(0);
      expect(usage).toHaveLength(0);
    });

    it("keeps object fields as JSON", async () => {
      const model = new MockLanguageModelV4({ doGenerate: jsonResult({ plan: { steps: ["walk"], days: 3 } }) });
      const { llm } = setup(model);
      expect(await llm.think({ prompt, fields: [{ name: "plan", type: "object" }] })).toEqual({ plan: { steps: ["walk"], days: 3 } });
    });

    it("fails with a non-retryable LlmError, without retrying, when the answer has the wrong types", async () => {
      const model = new MockLanguageModelV4({ doGenerate: jsonResult({ age: "thirty-four" }) });
      const { llm, usage } = setup(model);
      const error = await failure(llm.extract({ prompt, reply: "", fields: [{ name: "age", type: "number" }] }));
      expect(error.retryable).toBe(false);
      expect(error.purpose).toBe("extract");
      expect(model.doGenerateCalls).toHaveLength(1);
      expect(usage[0]?.error).toBe("invalid_output");
    });
  });

  describe("structured answers that are not JSON of the shape", () => {
    it("fail as invalid output, without retrying: unparseable text, and keys that reach a prototype", async () => {
      for (const text of ["not json", '{"plan": {"__proto__": {"polluted": true}}}', '{"plan": {"constructor": {"prototype": {}}}}']) {
        const model = new MockLanguageModelV4({ doGenerate: textResult(text) });
        const { llm, usage } = setup(model);
        const error = await failure(llm.think({ prompt, fields: [{ name: "plan", type: "object" }] }));
        expect(error.retryable).toBe(false);
        expect(model.doGenerateCalls).toHaveLength(1);
        expect(usage[0]?.error).toBe("invalid_output");
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe("judge", () => {
    it("returns the judgment, with understanding kept within 0-100", async () => {
      const model = new MockLanguageModelV4({ doGenerate: jsonResult({ done: true, understanding: 140, hasQuestions: false }) });
      const { llm } = setup(model);
      expect(await llm.judge({ prompt, criterion: "the client understands" })).toEqual({ done: true, understanding: 100, hasQuestions: false });
      // Every key is required, so the provider may use OpenAI's strict mode.
      expect(model.doGenerateCalls[0]?.providerOptions).toBeUndefined();
    });

    it("rejects an answer without the required keys", async () => {
      const model = new MockLanguageModelV4({ doGenerate: jsonResult({ done: "yes" }) });
      const { llm } = setup(model);
      const error = await failure(llm.judge({ prompt, criterion: "x" }));
      expect(error.purpose).toBe("judge");
      expect(error.retryable).toBe(false);
    });
  });

  describe("interpret", () => {
    const options = [0, 1, 2, 3].map((score) => ({ score, label: `option ${score}` }));

    it("returns the chosen option's score, or null when unclear", async () => {
      const model = new MockLanguageModelV4({ doGenerate: [jsonResult({ score: 2 }), jsonResult({ score: null })] });
      const { llm } = setup(model);
      expect(await llm.interpret({ prompt, options, reply: "more than half the days" })).toBe(2);
      expect(await llm.interpret({ prompt, options, reply: "hmm" })).toBeNull();
      expect(model.doGenerateCalls[0]?.responseFormat).toMatchObject({
        schema: { properties: { score: { anyOf: [{ enum: [0, 1, 2, 3] }, { type: "null" }] } } },
      });
    });

    it("treats a score outside the options as unclear and records it", async () => {
      const model = new MockLanguageModelV4({ doGenerate: jsonResult({ score: 7 }) });
      const { llm, usage } = setup(model);
      expect(await llm.interpret({ prompt, options, reply: "x" })).toBeNull();
      expect(usage[0]?.error).toBe("invalid_output");
    });
  });

  describe("summarise", () => {
    it("returns the model's text, or the previous summary when it is blank", async () => {
      const model = new MockLanguageModelV4({ doGenerate: [textResult("  Client sleeps badly.  "), textResult("   ")] });
      const { llm } = setup(model);
      expect(await llm.summarise({ prompt, previous: "old" })).toBe("Client sleeps badly.");
      expect(await llm.summarise({ prompt, previous: "old" })).toBe("old");
      expect(model.doGenerateCalls[0]?.responseFormat).toBeUndefined();
    });
  });

  describe("failures", () => {
    it("retries 5xx and succeeds", async () => {
      let calls = 0;
      const model = new MockLanguageModelV4({
        doGenerate: async () => {
          if (calls++ < 2) throw serverError(500);
          return textResult("fine");
        },
      });
      const { llm, usage } = setup(model);
      expect(await llm.summarise({ prompt, previous: "" })).toBe("fine");
      expect(calls).toBe(3);
      expect(usage).toHaveLength(1);
      expect(usage[0]).not.toHaveProperty("error");
    });

    it.each([
      [500, "server_error", "The model service failed (HTTP 500) (tried 3 times)"],
      [429, "rate_limited", "The model service is busy (rate limited) (tried 3 times)"],
    ])("gives up after maxRetries on a persistent %i with a retryable LlmError in plain words", async (status, code, message) => {
      const model = new MockLanguageModelV4({ doGenerate: async () => Promise.reject(serverError(status)) });
      const { llm, usage } = setup(model, { maxRetries: 2 });
      const error = await failure(llm.summarise({ prompt, previous: "" }));
      expect(model.doGenerateCalls).toHaveLength(3);
      expect(error.retryable).toBe(true);
      expect(error.purpose).toBe("summarise");
      expect(error.message).toBe(message);
      expectNoPromptText(error);
      expect(usage).toEqual([expect.objectContaining({ purpose: "summarise", error: code })]);
    });

    it("does not retry a 400 or a 401", async () => {
      for (const status of [400, 401]) {
        const model = new MockLanguageModelV4({ doGenerate: async () => Promise.reject(serverError(status)) });
        const { llm } = setup(model);
        const error = await failure(llm.judge({ prompt, criterion: "x" }));
        expect(model.doGenerateCalls).toHaveLength(1);
        expect(error.retryable).toBe(false);
        expectNoPromptText(error);
      }
    });

    it("times out a call that does not answer, on each attempt", async () => {
      const model = new MockLanguageModelV4({
        doGenerate: ({ abortSignal }) =>
          new Promise<GenerateResult>((_, reject) => abortSignal?.addEventListener("abort", () => reject(abortSignal.reason))),
      });
      const { llm, usage } = setup(model, { timeoutMs: 40, maxRetries: 1 });
      const error = await failure(llm.interpret({ prompt, options: [{ score: 0, label: "no" }], reply: "x" }));
      expect(model.doGenerateCalls).toHaveLength(2);
      expect(error.retryable).toBe(true);
      expect(error.message).toMatch(/did not answer within 40 ms/);
      expect(usage[0]?.error).toBe("timeout");
    });

    it("sends the system text as the only message when there is no conversation yet", async () => {
      const model = new MockLanguageModelV4({ doStream: stream(streamParts(["Welcome."])) });
      const { llm } = setup(model);
      expect(await collect(llm.compose({ purpose: "say", prompt: { system: "Greet the client.", messages: [] }, fallbackText: "" }))).toEqual(["Welcome."]);
      expect(model.doStreamCalls[0]?.prompt).toEqual([{ role: "system", content: "Greet the client." }]);
    });

    it("is not broken by an onUsage callback that throws", async () => {
      const model = new MockLanguageModelV4({ doGenerate: textResult("ok") });
      const llm = createAiSdkLlm({
        model,
        modelName: "m",
        onUsage: () => {
          throw new Error("logger down");
        },
      });
      expect(await llm.summarise({ prompt, previous: "" })).toBe("ok");
    });
  });
});
