/**
 * Load test (bounded, loopback only): CLIENTS simulated clients chat with a running Heartline for
 * DURATION_S seconds in template mode. Each client starts a session on the weekly check-in, then
 * sends a message about every PACE_MS (inside the per-session rate limit, as a fast typist would)
 * and reloads its transcript after each reply; a finished session is replaced by a new one.
 * Prints throughput, latency percentiles, the error rate, and metrics scraped before and after.
 *
 *   npm run build && DATABASE_URL=postgresql://… npm start        # in one shell
 *   npx tsx bench/load.bench.ts                                    # in another
 *
 * Settings: BENCH_URL (http://127.0.0.1:3000; must be a loopback address), CLIENTS (200),
 * DURATION_S (60), PACE_MS (3200), METRICS_TOKEN when the server has one.
 */
import { percentile } from "./stats";
const baseUrl = new URL(process.env.BENCH_URL ?? "http://127.0.0.1:3000");
if (!["127.0.0.1", "localhost", "[::1]"].includes(baseUrl.hostname)) {
  throw new Error("The load test only targets this machine (127.0.0.1, localhost or [::1]).");
}
const CLIENTS = Number(process.env.CLIENTS ?? 200);
const DURATION_MS = Number(process.env.DURATION_S ?? 60) * 1000;
const PACE_MS = Number(process.env.PACE_MS ?? 3200);
const REQUEST_TIMEOUT_MS = 15_000;
const REPLIES = ["7", "calm", "I went for a walk; work was the hardest", "yes, I tried it", "0", "1", "0", "1", "walk twice this week, confidence 8", "thanks"];

type Kind = "start" | "chat" | "messages";
const samples: Record<Kind, number[]> = { start: [], chat: [], messages: [] };
const errors: Record<string, number> = {};
let requests = 0;

function recordError(kind: Kind, what: string) {
  const key = `${kind}: ${what}`;
  errors[key] = (errors[key] ?? 0) + 1;
}

async function timed(kind: Kind, run: () => Promise<Response>): Promise<Response | null> {
  const started = performance.now();
  requests++;
  try {
    const response = await run();
    const body = await response.text();
    samples[kind].push(performance.now() - started);
    if (!response.ok) {
      recordError(kind, `HTTP ${response.status}`);
      return null;
    }
    return new Response(body, { status: response.status, headers: response.headers });
  } catch (error) {
    recordError(kind, error instanceof Error ? error.name : "error");
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const url = (path: string) => new URL(path, baseUrl).toString();
const trpcGet = (procedure: string, input: unknown) =>
  url(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);

async function scriptId(): Promise<string> {
  const response = await fetch(trpcGet("session.scripts", undefined));
  const scripts = ((await response.json()) as { result: { data: { json: { id: string; name: string }[] } } }).result.data.json;
  const checkIn = scripts.find((s) => /check-in/i.test(s.name)) ?? scripts[0];
  if (!checkIn) throw new Error("No published scripts: start the app once so it seeds the examples.");
  return checkIn.id;
}

async function client(index: number, script: string, deadline: number) {
  let cookie = "";
  let sessionId = "";
  let turn = 0;
  const startSession = async () => {
    const response = await timed("start", () =>
      fetch(url("/api/trpc/session.start"), {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ json: { scriptId: script } }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }),
    );
    const setCookie = response?.headers.get("set-cookie");
    if (setCookie) cookie = setCookie.split(";")[0] ?? cookie;
    sessionId = response ? ((await response.json()) as { result: { data: { json: { sessionId: string } } } }).result.data.json.sessionId : "";
    turn = 0;
  };
  await sleep((index * PACE_MS) / CLIENTS); // spread the clients over one pace interval
  await startSession();
  while (Date.now() < deadline) {
    const tickStarted = Date.now();
    if (!sessionId) {
      await startSession();
    } else {
      const response = await timed("chat", () =>
        fetch(url("/api/chat"), {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({ sessionId, message: { id: `load-${index}-${Date.now()}-${turn}`, text: REPLIES[turn % REPLIES.length] } }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        }),
      );
      const stream = response ? await response.text() : "";
      if (stream.includes('"type":"error"')) recordError("chat", "error part in stream");
      turn++;
      await timed("messages", () => fetch(trpcGet("session.messages", { sessionId, limit: 50 }), { headers: { cookie }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }));
      if (stream.includes('"status":"completed"')) sessionId = "";
    }
    await sleep(Math.max(0, PACE_MS - (Date.now() - tickStarted)));
  }
}

async function scrape(): Promise<Map<string, number>> {
  const headers: Record<string, string> = process.env.METRICS_TOKEN ? { authorization: `Bearer ${process.env.METRICS_TOKEN}` } : {};
  const text = await (await fetch(url("/api/metrics"), { headers })).text();
  const values = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = /^(heartline_(?:turns_total|safety_events_total|http_requests_total|active_sessions|db_pool_connections|cache_errors_total)[^ ]*) ([0-9.e+-]+)$/.exec(line);
    if (match?.[1] && match[2]) values.set(match[1], Number(match[2]));
  }
  return values;
}


const before = await scrape();
const script = await scriptId();
const started = Date.now();
await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i, script, started + DURATION_MS)));
const seconds = (Date.now() - started) / 1000;
const after = await scrape();

const all = [...samples.start, ...samples.chat, ...samples.messages];
const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
console.log(`load: ${CLIENTS} clients for ${seconds.toFixed(1)} s against ${baseUrl.origin} (template mode)`);
console.log(`  requests: ${requests}  throughput: ${(requests / seconds).toFixed(1)} req/s  chat turns: ${(samples.chat.length / seconds).toFixed(1)}/s`);
for (const kind of ["chat", "messages", "start"] as const) {
  const s = samples[kind];
  console.log(`  ${kind.padEnd(8)} n=${String(s.length).padStart(6)}  p50 ${percentile(s, 0.5).toFixed(1)} ms  p95 ${percentile(s, 0.95).toFixed(1)} ms  p99 ${percentile(s, 0.99).toFixed(1)} ms`);
}
console.log(`  all      p50 ${percentile(all, 0.5).toFixed(1)} ms  p95 ${percentile(all, 0.95).toFixed(1)} ms  p99 ${percentile(all, 0.99).toFixed(1)} ms  (target p95 ≤ 200 ms)`);
console.log(`  errors: ${errorCount} (${((100 * errorCount) / Math.max(1, requests)).toFixed(2)} %, target 0)`, errors);
console.log("  metrics (before → after):");
for (const [name, value] of after) {
  if (/turns_total|safety_events|active_sessions|db_pool|cache_errors/.test(name)) console.log(`    ${name}: ${before.get(name) ?? 0} → ${value}`);
}
