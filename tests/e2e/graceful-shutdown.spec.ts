/**
 * SIGTERM to a real server process (`next start` on the production build, with
 * NEXT_MANUAL_SIG_HANDLE as `npm start` and the container set it) while a model-mode turn streams
 * from a slow fake model: the turn finishes, reaches the client whole and is stored; a turn sent
 * while the server drains gets 503 with Retry-After; readiness goes 503; then the process exits 0.
 */
import { expect, test } from "@playwright/test";
import { startAppServer, type AppServer } from "../support/app-server";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../support/fake-openai-server";

/** Structured answers by purpose (the json_schema name); anything else gets an empty object. */
const STRUCTURED: Record<string, unknown> = {
  classify_risk: { level: "none", category: "none", rationale: "ordinary reply" },
  judge: { done: true, understanding: 80, hasQuestions: false },
  interpret: { score: null },
};
const SLOW_REPLY = ["Thank ", "you ", "for ", "telling ", "me. ", "Let's ", "take ", "it ", "from ", "there."];
const CHUNK_MS = 300;

let fake: FakeOpenAiServer;
let app: AppServer;
let slow = false;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fake = await startFakeOpenAiServer({
    script: (request) => {
      if (request.stream) return slow ? { type: "text", text: SLOW_REPLY, chunkDelayMs: CHUNK_MS } : { type: "text", text: "Hello." };
      const name = (request.responseFormat as { json_schema?: { name?: string } } | null)?.json_schema?.name ?? "";
      return { type: "json", value: STRUCTURED[name] ?? {} };
    },
  });
  app = await startAppServer({ OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: "fake-model", OPENAI_API_KEY: "e2e", SHUTDOWN_GRACE_SECONDS: "25" });
});

test.afterAll(async () => {
  await app?.dispose();
  await fake?.close();
});

async function trpc<T>(procedure: string, input: unknown, cookie = ""): Promise<{ data: T; cookie: string }> {
  const response = await fetch(`${app.baseURL}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ json: input }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const body = (await response.json()) as { result: { data: { json: T } } };
  return { data: body.result.data.json, cookie: response.headers.get("set-cookie")?.split(";")[0] ?? cookie };
}

async function startSession(): Promise<{ sessionId: string; cookie: string }> {
  const listed = await fetch(`${app.baseURL}/api/trpc/session.scripts?input=${encodeURIComponent(JSON.stringify({ json: undefined }))}`);
  const scripts = ((await listed.json()) as { result: { data: { json: { id: string; name: string }[] } } }).result.data.json;
  const script = scripts.find((s) => /check-in/i.test(s.name));
  expect(script, "the check-in script is published").toBeDefined();
  const { data, cookie } = await trpc<{ sessionId: string }>("session.start", { scriptId: script?.id });
  return { sessionId: data.sessionId, cookie };
}

function sendTurn(session: { sessionId: string; cookie: string }, id: string, text: string): Promise<Response> {
  return fetch(`${app.baseURL}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: session.cookie },
    body: JSON.stringify({ sessionId: session.sessionId, message: { id, text } }),
  });
}

test("SIGTERM drains: the running turn finishes and is stored, new turns get 503 + Retry-After, then the process exits", async () => {
  test.setTimeout(120_000);
  const first = await startSession();
  const second = await startSession();

  slow = true;
  const running = await sendTurn(first, "turn-running", "7");
  expect(running.status).toBe(200);
  const reader = (running.body ?? new ReadableStream<Uint8Array>()).getReader();
  const decoder = new TextDecoder();
  let streamed = "";
  while (!streamed.includes('"type":"text-delta"')) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`the stream ended before any text: ${streamed}`);
    streamed += decoder.decode(value, { stream: true });
  }

  // Mid-turn: the model has sent its first words and has seconds of words left.
  app.process.kill("SIGTERM");
  // Readiness goes 503 once the server has taken the signal and drains.
  await expect.poll(async () => (await fetch(`${app.baseURL}/api/ready`)).status).toBe(503);

  const refused = await sendTurn(second, "turn-while-draining", "5");
  expect(refused.status).toBe(503);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await refused.json()).toMatchObject({ code: "RESTARTING" });

  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    streamed += decoder.decode(value, { stream: true });
  }
  const words = [...streamed.matchAll(/"type":"text-delta","id":"[^"]*","delta":"([^"]*)"/g)].map((match) => match[1]).join("");
  expect(words).toContain(SLOW_REPLY.join(""));
  expect(streamed).toContain('"type":"data-turn"');
  expect(streamed).toContain("data: [DONE]");
  expect(streamed).not.toContain('"type":"error"');

  const exit = await app.exited;
  expect(exit, app.output().slice(-3000)).toEqual({ code: 0, signal: null });
  // It waited for the turn (seconds of slow words), and not for the whole grace: the drain ended
  // with nothing running.
  expect(app.output()).toContain("running turns finished; closing storage");
  expect(app.output()).not.toContain("still running at the end of the shutdown grace");

  const stored = await app.query<{ session: string; role: string; client_message_id: string | null; text: string }>(
    `SELECT "sessionId" AS session, role::text AS role, "clientMessageId" AS client_message_id, text FROM "Message" WHERE "sessionId" IN ($1, $2) ORDER BY "sessionId", seq`,
    [first.sessionId, second.sessionId],
  );
  const ofFirst = stored.filter((m) => m.session === first.sessionId);
  const clientIndex = ofFirst.findIndex((m) => m.client_message_id === "turn-running");
  expect(clientIndex, "the client's message is stored").toBeGreaterThanOrEqual(0);
  expect(ofFirst.slice(clientIndex + 1).some((m) => m.role !== "client" && m.text.includes(SLOW_REPLY.join("").trim()))).toBe(true);
  expect(stored.some((m) => m.client_message_id === "turn-while-draining")).toBe(false);
});
