/**
 * Chat speed against `next start` (run `npm run build` first), with the machine's Postgres when
 * DATABASE_URL is set (else a fresh PGlite folder) and a fake OpenAI-compatible model on loopback:
 *
 *   1. model mode: our added latency before the first streamed text, over the fake model's own
 *      time to first token as a client calling it directly sees it (target ≤ 6 ms median, ≤ 15 ms
 *      p95 for one session and for 50 at a human pace; 50 messages at one instant ≤ 100 ms median): for one session alone; for CONCURRENCY sessions chatting
 *      at a human pace (the next message 5–15 s after the reply, ≈ 5 turns/s); for CONCURRENCY
 *      sessions replying within 0.5–1.5 s (≈ 45 turns/s, the load of several hundred people); and
 *      for CONCURRENCY messages sent at one instant (the worst case: mostly queueing);
 *   2. template mode, CONCURRENCY sessions in a closed loop: sustained turns/s (target ≥ 600, 0 errors);
 *   3. server RSS after SESSIONS sessions have been started (target ≤ 350 MB).
 *
 * Also the server's CPU time per model-mode turn (all its processes, from /proc; the model's
 * structured calls included), a figure that holds far better than latency on a busy machine.
 *
 *   npm run build && npx tsx bench/chat.bench.ts
 * Settings: CONCURRENCY (50), SESSIONS (1000), LOOP_S (20), MODEL_TTFT_MS (50), BENCH_PORT (3500),
 * WARM_TURNS (40) and WARM_S (10), the warm-up before measuring (a fresh server compiles code for its first hundreds of turns);
 * CPU_ONLY=1 runs only the phases that give the CPU figures (1a and 1c), about a fifth of the time,
 * so before/after builds can be alternated more often.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startFakeOpenAiServer } from "../tests/support/fake-openai-server";
import { percentile } from "./stats";

const root = path.resolve(import.meta.dirname, "..");
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const SESSIONS = Number(process.env.SESSIONS ?? 1000);
const LOOP_MS = Number(process.env.LOOP_S ?? 20) * 1000;
const MODEL_TTFT_MS = Number(process.env.MODEL_TTFT_MS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 3500);
const CPU_ONLY = process.env.CPU_ONLY === "1";
/** Warm-up before measuring: turns of one session in model mode, seconds of the closed loop in template mode. */
const WARM_TURNS = Number(process.env.WARM_TURNS ?? 40);
const WARM_S = Number(process.env.WARM_S ?? 10);
const base = `http://127.0.0.1:${PORT}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `next start` as `npm start` runs it (the same NODE_OPTIONS first; the bench's own come after and win). */
async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  if (await fetch(`${base}/api/health`).then(() => true, () => false)) throw new Error(`port ${PORT} is already in use: stop that server first`);
  const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(PORT)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-only-secret-0123456789abcdefghijkl", NEXT_MANUAL_SIG_HANDLE: "true", NODE_OPTIONS: `--max-semi-space-size=16 ${process.env.NODE_OPTIONS ?? ""}`, TURNS_PER_MINUTE_PER_CLIENT: "100000", TURNS_PER_MINUTE_PER_SESSION: "100000", TRUST_PROXY: "loopback", ...env },
    stdio: ["ignore", "ignore", "inherit"],
    // Its own process group, so stopping it also stops the next-server child it starts.
    detached: true,
  });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  child.kill("SIGKILL");
  throw new Error("the server did not start");
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  if (child.pid) process.kill(-child.pid, "SIGTERM");
  await Promise.race([exited, sleep(30_000)]);
  await sleep(1_000);
  try {
    if (child.pid) process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** The server process and all its descendants (from `ps`), each with its resident memory in KB. */
function processTree(pid: number): { pid: number; rssKb: number }[] {
  const table = execFileSync("ps", ["-eo", "pid=,ppid=,rss="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, parent] of table) {
      if (tree.has(parent) && !tree.has(child)) {
        tree.add(child);
        grew = true;
      }
    }
  }
  return table.filter(([p]) => tree.has(p)).map(([p, , rssKb]) => ({ pid: p, rssKb }));
}

/** Resident memory of the server process and all its descendants, in MB. */
function rssMb(pid: number): number {
  return processTree(pid).reduce((sum, { rssKb }) => sum + rssKb / 1024, 0);
}

const CLOCK_TICKS_PER_S = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** CPU time (user + system) the server process and its descendants have used so far, in ms. */
function cpuMs(pid: number): number {
  let ticks = 0;
  for (const { pid: p } of processTree(pid)) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_S;
}

/** Runs `phase` and returns its result with the server's CPU ms per turn over it. */
async function withCpuPerTurn<T extends unknown[]>(pid: number, phase: () => Promise<T>): Promise<{ result: T; cpuPerTurn: number }> {
  const before = cpuMs(pid);
  const result = await phase();
  return { result, cpuPerTurn: (cpuMs(pid) - before) / Math.max(1, result.length) };
}

interface Client {
  cookie: string;
  sessionId: string;
  turn: number;
}

let clientCount = 0;

async function newClient(scriptId: string): Promise<Client> {
  // Each simulated client comes from its own address, as real clients do (per-address limits):
  // the server trusts the forwarded address from its loopback peer (TRUST_PROXY=loopback).
  const n = ++clientCount;
  const response = await fetch(`${base}/api/trpc/session.start`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": `198.18.${(n >> 8) & 255}.${n & 255}` },
    body: JSON.stringify({ json: { scriptId } }),
  });
  if (!response.ok) throw new Error(`session.start answered ${response.status}`);
  const cookie = response.headers.get("set-cookie")?.split(";")[0] ?? "";
  const body = (await response.json()) as { result: { data: { json: { sessionId: string } } } };
  return { cookie, sessionId: body.result.data.json.sessionId, turn: 0 };
}

async function checkInScript(): Promise<string> {
  const response = await fetch(`${base}/api/trpc/session.scripts?input=${encodeURIComponent(JSON.stringify({ json: undefined }))}`);
  const scripts = ((await response.json()) as { result: { data: { json: { id: string; name: string }[] } } }).result.data.json;
  const script = scripts.find((s) => /check-in/i.test(s.name));
  if (!script) throw new Error("the check-in script is not published");
  return script.id;
}

const REPLIES = ["7", "calm", "a walk; work was hard", "yes, I tried it", "0", "1", "0", "1", "walk twice, confidence 8", "thanks"];

/** Reads a streamed body to its end; `first` is the ms from `started` until `marker` had arrived. */
async function readStream(response: Response, started: number, marker: string): Promise<{ text: string; first: number }> {
  const reader = (response.body ?? new ReadableStream<Uint8Array>()).getReader();
  const decoder = new TextDecoder();
  let text = "";
  let first = Number.NaN;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text, first };
    text += decoder.decode(value, { stream: true });
    if (Number.isNaN(first) && text.includes(marker)) first = performance.now() - started;
  }
}

/** Sends one turn; resolves to [ms to the first text delta, ms to the end, completed?]. */
async function chat(client: Client): Promise<[number, number, boolean]> {
  const started = performance.now();
  const response = await fetch(`${base}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: client.cookie },
    body: JSON.stringify({ sessionId: client.sessionId, message: { id: `b-${client.sessionId}-${client.turn}`, text: REPLIES[client.turn % REPLIES.length] } }),
  });
  client.turn++;
  if (!response.ok || !response.body) throw new Error(`chat answered ${response.status}`);
  const { text, first } = await readStream(response, started, '"type":"text-delta"');
  if (text.includes('"type":"error"')) throw new Error(`error part in the stream: ${/"errorText":"([^"]*)"/.exec(text)?.[1] ?? ""}`);
  return [first, performance.now() - started, text.includes('"status":"completed"')];
}

const dbEnv: Record<string, string> = process.env.DATABASE_URL ? {} : { PGLITE_DIR: mkdtempSync(path.join(os.tmpdir(), "heartline-bench-")) };
if (!process.env.DATABASE_URL) {
  // The embedded database needs its migrations before the server opens it.
  await new Promise<void>((resolve, reject) =>
    spawn(process.execPath, ["prisma/engine/migrate.mjs", "deploy"], { cwd: root, env: { ...process.env, ...dbEnv }, stdio: "ignore" }).once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error("migrations failed")),
    ),
  );
}

// 1. Model mode: added latency before the first streamed byte.
/** Structured answers by the request's purpose (the json_schema name): valid, and instant. */
const STRUCTURED: Record<string, unknown> = {
  classify_risk: { level: "none", category: "none", rationale: "ordinary reply" },
  judge: { done: true, understanding: 80, hasQuestions: false },
  interpret: { score: null },
};
// The fake's first token leaves MODEL_TTFT_MS after the request (a wait, then a chunk 5 ms apart).
const CHUNK_MS = 5;
const fake = await startFakeOpenAiServer({
  script: (request) => {
    if (request.stream) return { type: "text", text: ["Thank ", "you ", "for ", "telling ", "me."], delayMs: MODEL_TTFT_MS - CHUNK_MS, chunkDelayMs: CHUNK_MS };
    const name = (request.responseFormat as { json_schema?: { name?: string } } | null)?.json_schema?.name ?? "";
    return { type: "json", value: STRUCTURED[name] ?? {} };
  },
});

/** The fake's own time to its first text as a client calling it directly sees it (HTTP included). */
async function fakeTimeToFirstToken(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    const response = await fetch(`${fake.baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "fake", stream: true, messages: [{ role: "user", content: "hello" }] }),
    });
    times.push((await readStream(response, started, "Thank")).first);
  }
  return percentile(times, 0.5);
}
const fakeTtft = await fakeTimeToFirstToken();
const server = await startServer({ ...dbEnv, OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: "fake", OPENAI_API_KEY: "bench" });
const scriptId = await checkInScript();
const addedLatency = (firstText: number) => firstText - fakeTtft;
// a. One session alone: the stack's own cost, without queueing behind other turns.
// Turns first, so the figures are of a warm server: its first hundreds of turns still compile code.
let warmUp = await newClient(scriptId);
for (let round = 1; round <= WARM_TURNS; round++) {
  await chat(warmUp);
  if (round % 8 === 0) warmUp = await newClient(scriptId);
}
const serverPid = server.pid ?? 0;
const alone = await withCpuPerTurn(serverPid, async () => {
  const added: number[] = [];
  for (let session = 0; session < 3; session++) {
    const client = await newClient(scriptId);
    for (let round = 0; round < 8; round++) added.push(addedLatency((await chat(client))[0]));
  }
  return added;
});
const aloneAdded = alone.result;
/** CONCURRENCY sessions, each sending its next message `minMs`–`maxMs` after its reply. */
async function pacedSessions(rounds: number, minMs: number, maxMs: number): Promise<number[]> {
  const clients = await Promise.all(Array.from({ length: CONCURRENCY }, () => newClient(scriptId)));
  const added: number[] = [];
  await Promise.all(
    clients.map(async (client) => {
      await sleep(Math.random() * maxMs);
      for (let round = 0; round < rounds; round++) {
        added.push(addedLatency((await chat(client))[0]));
        await sleep(minMs + Math.random() * (maxMs - minMs));
      }
    }),
  );
  return added;
}
// b. CONCURRENCY sessions chatting at a human pace: reading the reply and typing the next message.
const humanAdded = CPU_ONLY ? [] : await pacedSessions(5, 5_000, 15_000);
// c. CONCURRENCY sessions replying within a second or so: far more turns per second than people make.
const fast = await withCpuPerTurn(serverPid, () => pacedSessions(6, 500, 1_500));
const fastAdded = fast.result;
// d. CONCURRENCY messages sent at the same instant, three times: the worst case, mostly queueing.
const modelClients = CPU_ONLY ? [] : await Promise.all(Array.from({ length: CONCURRENCY }, () => newClient(scriptId)));
const added: number[] = [];
for (let round = 0; round < (CPU_ONLY ? 0 : 3); round++) {
  const results = await Promise.all(modelClients.map((c) => chat(c)));
  added.push(...results.map(([first]) => addedLatency(first)));
}
await stopServer(server);
await fake.close();

/** Template mode: sustained turns/s, then the server's memory after SESSIONS sessions (phases 2 and 3). */
async function templateModeAndMemory(): Promise<{ turnsPerSecond: number; errors: number; rss: number }> {
  const templateServer = await startServer({ ...dbEnv });
  const loopClients = await Promise.all(Array.from({ length: CONCURRENCY }, () => newClient(scriptId)));
  /** The closed loop for `ms`: each client sends its next message when its reply has ended. */
  async function closedLoop(ms: number): Promise<{ turns: number; errors: number; seconds: number }> {
    let turns = 0;
    let errors = 0;
    const started = Date.now();
    await Promise.all(
      loopClients.map(async (client, index) => {
        while (Date.now() - started < ms) {
          try {
            const [, , completed] = await chat(loopClients[index] ?? client);
            turns++;
            if (completed) loopClients[index] = await newClient(scriptId);
          } catch {
            errors++;
          }
        }
      }),
    );
    return { turns, errors, seconds: (Date.now() - started) / 1000 };
  }
  // Sustained throughput is a warm server's: the first seconds of a fresh one still compile code.
  await closedLoop(WARM_S * 1000);
  const { turns, errors, seconds } = await closedLoop(LOOP_MS);
  const turnsPerSecond = turns / seconds;
  for (let started = loopClients.length; started < SESSIONS; started += 25) {
    await Promise.all(Array.from({ length: Math.min(25, SESSIONS - started) }, () => newClient(scriptId)));
  }
  await sleep(2_000);
  const rss = rssMb(templateServer.pid ?? 0);
  await stopServer(templateServer);
  return { turnsPerSecond, errors, rss };
}
const template = CPU_ONLY ? null : await templateModeAndMemory();

console.log(`chat bench (${process.env.DATABASE_URL ? "Postgres" : "PGlite"}, ${CONCURRENCY} concurrent sessions)`);
console.log(`  model mode: first streamed text, minus the fake model's own time to its first token (${fakeTtft.toFixed(1)} ms, called directly);`);
console.log(`  targets ≤ 6 ms median / ≤ 15 ms p95 for one session and at a human pace; ≤ 100 ms median for ${CONCURRENCY} at one instant:`);
const line = (label: string, values: number[]) =>
  values.length > 0 &&
  console.log(`    ${label.padEnd(44)} median ${percentile(values, 0.5).toFixed(1)} ms, p95 ${percentile(values, 0.95).toFixed(1)} ms (${values.length} turns)`);
line("one session alone", aloneAdded);
line(`${CONCURRENCY} sessions at a human pace (5–15 s)`, humanAdded);
line(`${CONCURRENCY} sessions replying in 0.5–1.5 s`, fastAdded);
line(`${CONCURRENCY} messages at the same instant`, added);
console.log(`  model mode, server CPU per turn (all server processes, session starts included):`);
console.log(`    one session alone ${alone.cpuPerTurn.toFixed(1)} ms; ${CONCURRENCY} sessions replying in 0.5–1.5 s ${fast.cpuPerTurn.toFixed(1)} ms (target ≤ 12 ms)`);
if (template) {
  console.log(`  template mode: ${template.turnsPerSecond.toFixed(1)} turns/s sustained for ${LOOP_MS / 1000} s, ${template.errors} errors (target ≥ 600)`);
  console.log(`  server RSS after ${SESSIONS} sessions: ${template.rss.toFixed(0)} MB (target ≤ 350 MB)`);
}
