/**
 * Tracing end to end: one chat turn in model mode (the real provider against the fake
 * OpenAI-compatible server) is one trace — route → prepare → run → load, engine (each model call
 * below it), commit, with the plain SQL statements as spans — carrying the request id, and no
 * span holds what the client wrote or what the model answered. tRPC procedures and Prisma's
 * queries are spans too, and log lines name the request and the trace.
 */
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SpanStatusCode } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { startTracing } from "@/server/observability/otel";
import { withSpan } from "@/server/observability/tracing";
import { runWithRequestId } from "@/server/observability/request-context";
import { createLogger } from "@/server/log";
import { startSession } from "@/server/services/sessions/start-session";
import { CLIENT_COOKIE, issueClientToken } from "@/server/auth/identity";
import { setPlatform, type Platform } from "@/server/platform";
import { POST as chatRoute } from "@/app/api/chat/route";
import { GET as trpcGet } from "@/app/api/trpc/[trpc]/route";
import { purposeOf, startFakeOpenAiServer, type FakeOpenAiServer, type FakeReply, type RecordedRequest } from "../support/fake-openai-server";
import { testPlatform } from "../support/test-platform";
import { sessionDeps } from "../support/seeded-scripts";
import { setUpTestDatabase } from "../support/set-up-test-database";
import { createLlm } from "@/server/llm";

const exporter = new InMemorySpanExporter();
// Before the database opens: its plain SQL is traced only when tracing started first.
startTracing({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

const testDb = setUpTestDatabase({ examples: true });
let fake: FakeOpenAiServer;
let platform: Platform;

const CLIENT_TEXT = "About a four. Marguerite moved out of our flat on Quillon Street and I keep crying";
const MODEL_REPLY = "Thank you for sharing that with me, it sounds like a heavy week for you";
const REQUEST_ID = "trace-test-request-0001";

/** A model that answers every purpose plainly: no risk, judged done, nothing extracted. */
function reply(request: RecordedRequest): FakeReply {
  switch (purposeOf(request)) {
    case "classify_risk":
      return { type: "json", value: { level: "none", category: "none", rationale: "ordinary conversation" } };
    case "judge":
      return { type: "json", value: { done: true, understanding: 90, hasQuestions: false } };
    case "interpret":
      return { type: "json", value: { score: null } };
    case "compose":
    case "summarise":
      return { type: "text", text: MODEL_REPLY };
    default:
      return { type: "json", value: {} };
  }
}

beforeAll(async () => {
  fake = await startFakeOpenAiServer({ script: reply });
  platform = testPlatform(testDb.db, { OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: "fake-model" });
  setPlatform(platform);
});

afterAll(async () => {
  setPlatform(undefined);
  await fake?.close();
});

const nanos = ([seconds, fraction]: [number, number]) => BigInt(seconds) * 1_000_000_000n + BigInt(fraction);
const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

function named(spans: ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((span) => span.name === name);
  expect(found, `one span named ${name}`).toHaveLength(1);
  return found[0] as ReadableSpan;
}

function descendsFrom(spans: ReadableSpan[], span: ReadableSpan, ancestor: ReadableSpan): boolean {
  const byId = new Map(spans.map((s) => [idOf(s), s]));
  for (let current: ReadableSpan | undefined = span; current; current = byId.get(parentOf(current) ?? "")) {
    if (parentOf(current) === idOf(ancestor)) return true;
  }
  return false;
}

/** Everything a span exports that could carry text: its name, attributes, events, links and status. */
function exported(span: ReadableSpan): string {
  return JSON.stringify({
    name: span.name,
    attributes: span.attributes,
    events: span.events.map((event) => ({ name: event.name, attributes: event.attributes })),
    links: span.links.map((link) => link.attributes),
    status: span.status,
    resource: span.resource.attributes,
  });
}

describe("a chat turn in model mode", () => {
  it("is one trace from the route to the commit, with the request id, each model call and the SQL as spans", async () => {
    const templateDeps = sessionDeps(testDb.db);
    const { sessionId } = await startSession(templateDeps, { clientId: "trace_client", scriptId: testDb.checkIn.scriptId });
    exporter.reset();

    const cookie = `${CLIENT_COOKIE}=${issueClientToken("trace_client", platform.env.AUTH_SECRET)}`;
    const response = await chatRoute(
      new Request("http://heartline.test/api/chat", {
        method: "POST",
        headers: { "content-type": "application/json", cookie, "x-request-id": REQUEST_ID },
        body: JSON.stringify({ sessionId, message: { id: "t1", text: CLIENT_TEXT } }),
      }),
      undefined,
    );
    expect(response.status).toBe(200);
    const stream = await response.text();
    expect(stream).toContain(MODEL_REPLY.split(" ")[0]);
    expect(stream).not.toContain('"type":"error"');

    const route = await vi.waitFor(() => named(exporter.getFinishedSpans(), "POST /api/chat"));
    expect(route.attributes).toMatchObject({ "heartline.request_id": REQUEST_ID, "http.route": "/api/chat", "http.response.status_code": 200 });
    const traceId = route.spanContext().traceId;
    // The model operations end a moment after the last delta is read.
    await vi.waitFor(() => expect(exporter.getFinishedSpans().filter((s) => s.name.startsWith("ai.")).every((s) => s.ended)).toBe(true));
    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);

    const prepare = named(spans, "chat.turn.prepare");
    const run = named(spans, "chat.turn.run");
    expect(parentOf(prepare)).toBe(idOf(route));
    expect(parentOf(run)).toBe(idOf(route));
    const load = named(spans, "chat.turn.load");
    const engine = named(spans, "chat.turn.engine");
    const commit = named(spans, "chat.turn.commit");
    for (const step of [load, engine, commit]) expect(parentOf(step)).toBe(idOf(run));
    // The run, and the request around it, last as long as the streamed turn: until it is stored.
    // (Durations, not end times: each span's start is read from the wall clock to the millisecond.)
    expect(nanos(run.duration)).toBeGreaterThanOrEqual(nanos(load.duration) + nanos(engine.duration) + nanos(commit.duration));
    expect(nanos(route.duration)).toBeGreaterThanOrEqual(nanos(prepare.duration) + nanos(run.duration));
    expect(engine.attributes["heartline.llm.mode"]).toBe("model");

    // Every model call the fake server answered is a span below the engine step, named by its purpose.
    const modelCalls = spans.filter((span) => span.name === "ai.streamText" || span.name === "ai.generateText");
    expect(modelCalls).toHaveLength(fake.requests.length);
    expect(modelCalls.length).toBeGreaterThan(0);
    for (const call of modelCalls) {
      expect(descendsFrom(spans, call, engine)).toBe(true);
      expect(call.attributes["gen_ai.request.model"]).toBe("fake-model");
      expect(call.attributes["ai.telemetry.functionId"]).toEqual(expect.any(String));
    }
    const composed = modelCalls.filter((call) => call.name === "ai.streamText");
    expect(composed.length).toBeGreaterThan(0);
    expect(composed.every((call) => String(call.attributes["ai.telemetry.functionId"]).startsWith("compose:"))).toBe(true);
    expect(composed.some((call) => typeof call.attributes["gen_ai.usage.output_tokens"] === "number")).toBe(true);
    expect(engine.attributes["heartline.llm.calls"]).toBe(modelCalls.length);

    // Plain SQL: the session is read and claimed by one statement while preparing, and the turn stored by the commit.
    const sqlBelow = (parent: ReadableSpan) => spans.filter((span) => span.attributes["db.system.name"] === "postgresql" || span.attributes["db.system.name"] === "pglite").filter((span) => descendsFrom(spans, span, parent));
    expect(sqlBelow(prepare).map((span) => span.name)).toEqual(["WITH UPDATE Session"]);
    expect(sqlBelow(commit).map((span) => span.name)).toEqual([expect.stringMatching(/^WITH .*INSERT Message/)]);

    // Nothing the client wrote, and nothing the model answered, is in any span.
    const everything = exporter.getFinishedSpans().map(exported).join("\n");
    for (const secret of [CLIENT_TEXT, "Marguerite", "Quillon", "crying", MODEL_REPLY, "heavy week"]) {
      expect(everything).not.toContain(secret);
    }
  });
});

describe("a streamed model call", () => {
  const prompt = { system: "Greet the client.", messages: [{ role: "user" as const, content: CLIENT_TEXT }] };
  const llm = () => createLlm({ mode: "model", baseURL: fake.baseURL, model: "fake-model", maxRetries: 0 });

  async function streamedCall(stopAfterFirst: boolean): Promise<ReadableSpan[]> {
    exporter.reset();
    await withSpan("test.parent", {}, async () => {
      const deltas = llm().compose({ purpose: "say", prompt, fallbackText: "" });
      try {
        for await (const delta of deltas) {
          void delta;
          if (stopAfterFirst) break;
        }
      } catch {
        // The failing case is read from its span.
      }
    });
    return vi.waitFor(() => {
      const spans = exporter.getFinishedSpans();
      named(spans, "ai.streamText");
      return spans;
    });
  }

  it("is one ai.streamText span with the model, purpose and usage, the HTTP request below it", async () => {
    const spans = await streamedCall(false);
    const call = named(spans, "ai.streamText");
    expect(parentOf(call)).toBe(idOf(named(spans, "test.parent")));
    expect(call.attributes).toMatchObject({ "ai.operationId": "ai.streamText", "gen_ai.request.model": "fake-model", "ai.telemetry.functionId": "compose:say", "gen_ai.response.finish_reasons": ["stop"] });
    expect(call.attributes["gen_ai.usage.output_tokens"]).toEqual(expect.any(Number));
    expect(spans.filter((span) => span !== call && descendsFrom(spans, span, call)).length).toBeGreaterThan(0);
    expect(spans.map(exported).join("\n")).not.toContain("Marguerite");
  });

  it("is marked failed by a refused request, and aborted when the consumer stops early", async () => {
    fake.setScript(() => ({ type: "error", status: 400, message: "no" }));
    try {
      const failed = named(await streamedCall(false), "ai.streamText");
      expect(failed.status.code).toBe(SpanStatusCode.ERROR);
      expect(failed.attributes["error.type"]).toEqual(expect.any(String));
    } finally {
      fake.setScript(reply);
    }
    fake.setScript(() => ({ type: "text", text: ["one ", "two ", "three"], chunkDelayMs: 20 }));
    try {
      const aborted = named(await streamedCall(true), "ai.streamText");
      expect(aborted.attributes["ai.aborted"]).toBe(true);
      expect(aborted.status.code).not.toBe(SpanStatusCode.ERROR);
    } finally {
      fake.setScript(reply);
    }
  });
});

describe("tRPC procedures and Prisma queries", () => {
  it("are spans below the route, named by the procedure and never by its input", async () => {
    exporter.reset();
    const response = await trpcGet(new Request("http://heartline.test/api/trpc/system.info"), undefined);
    expect(response.status).toBe(200);
    const spans = await vi.waitFor(() => {
      const finished = exporter.getFinishedSpans();
      named(finished, "GET /api/trpc");
      return finished;
    });
    const route = named(spans, "GET /api/trpc");
    const procedure = named(spans, "trpc query system.info");
    expect(parentOf(procedure)).toBe(idOf(route));
    expect(procedure.attributes).toMatchObject({ "rpc.method": "system.info", "rpc.system.name": "trpc" });
    const prismaSpans = spans.filter((span) => span.name.startsWith("prisma:") && descendsFrom(spans, span, procedure));
    expect(prismaSpans.length).toBeGreaterThan(0);
  });
});

describe("log lines", () => {
  it("carry the request id and the trace and span ids of the work they were written for", async () => {
    const lines: string[] = [];
    const log = createLogger("info", new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    const ids = await runWithRequestId("log-test-request-0001", () =>
      withSpan("log.test", {}, async (span) => {
        log.info({ sessionId: "s1" }, "inside");
        return span.spanContext();
      }),
    );
    log.info("outside");
    const [inside, outside] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(inside).toMatchObject({ requestId: "log-test-request-0001", trace_id: ids.traceId, span_id: ids.spanId, sessionId: "s1" });
    expect(outside).not.toHaveProperty("requestId");
    expect(outside).not.toHaveProperty("trace_id");
  });
});
