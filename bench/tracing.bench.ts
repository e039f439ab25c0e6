/**
 * What tracing costs a chat turn: template-mode turns (load, engine, commit, run one after
 * another) with tracing off, as a server without OTEL_EXPORTER_OTLP_ENDPOINT runs, then on, with
 * every span batched to an exporter that drops them (the OTLP exporter's work without the
 * network). Also the cost of one /api/metrics scrape's database gauges.
 *
 *   DATABASE_URL=postgresql://… npx tsx bench/tracing.bench.ts      (else a fresh PGlite folder)
 * Settings: N (600 turns each).
 */
import path from "node:path";
import os from "node:os";
import { mkdtempSync } from "node:fs";
import { BatchSpanProcessor, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { openDatabase, type Database } from "../server/db/client";
import { resolveDatabaseTarget } from "../server/db/target";
import { migrate } from "../tests/support/database-admin";
import { seedExampleScripts } from "../server/services/seed";
import { createCache } from "../server/cache";
import { templateLlm } from "../server/engine/llm/template";
import { startSession } from "../server/services/sessions/start-session";
import { runTurn } from "../server/services/sessions/run-turn";
import { startTracing } from "../server/observability/otel";
import { getMetrics } from "../server/observability/metrics";
import { refreshGauges } from "../server/services/metrics-gauges";
import { parseEnv } from "../server/env";
import { llmFactory } from "../server/platform";

const N = Number(process.env.N ?? 600);
const target = process.env.DATABASE_URL
  ? resolveDatabaseTarget({ DATABASE_URL: process.env.DATABASE_URL })
  : ({ kind: "pglite", dir: path.join(mkdtempSync(path.join(os.tmpdir(), "heartline-trace-")), "pglite") } as const);
if (target.kind === "pglite") await migrate(target);

const REPLIES = ["7", "calm", "a walk", "yes", "0", "1", "0", "1", "walk twice, confidence 8", "thanks"];

let exported = 0;
const dropping: SpanExporter = {
  export(spans: ReadableSpan[], done) {
    exported += spans.length;
    done({ code: 0 });
  },
  shutdown: async () => {},
};

async function turns(db: Database, label: string): Promise<void> {
  await seedExampleScripts(db.prisma, path.resolve(import.meta.dirname, "../scripts"));
  const script = await db.prisma.script.findFirstOrThrow({ where: { path: "sessions/check-in.en.yaml" } });
  const deps = { prisma: db.prisma, sql: db.sql, cache: createCache({}), llmFor: () => templateLlm, turnLimits: { perClient: 1e9, perSession: 1e9 } };
  const client = `bench_trace_${label}`;
  let current = (await startSession(deps, { clientId: client, scriptId: script.id })).sessionId;
  let turn = 0;
  const one = async () => {
    const result = await runTurn(deps, { clientId: client, sessionId: current, clientMessageId: `t${turn}`, text: REPLIES[turn % REPLIES.length] ?? "ok" });
    turn++;
    if (result.status !== "active") current = (await startSession(deps, { clientId: client, scriptId: script.id })).sessionId;
  };
  for (let i = 0; i < 50; i++) await one();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < N; i++) await one();
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  console.log(`  turns, tracing ${label.padEnd(4)} CPU ${((used.user + used.system) / N).toFixed(0).padStart(6)} µs/turn   wall ${((1000 * wall) / N).toFixed(0).padStart(6)} µs/turn`);
}

console.log(`tracing bench (${target.kind}, ${N} template-mode turns each, one after another)`);
const plain = openDatabase(target);
await turns(plain, "off");

const platform = { env: parseEnv({}), db: plain, cache: createCache({}), llmFor: llmFactory(parseEnv({})), startedAt: Date.now() };
const scrapes = 200;
const scrapeStarted = performance.now();
for (let i = 0; i < scrapes; i++) await refreshGauges(platform, getMetrics());
console.log(`  /api/metrics gauges (pool, breaker, active sessions, review backlog, readiness): ${((performance.now() - scrapeStarted) / scrapes).toFixed(2)} ms/scrape`);
await plain.close();

startTracing({ spanProcessors: [new BatchSpanProcessor(dropping, { maxQueueSize: 100_000, scheduledDelayMillis: 200 })] });
const traced = openDatabase(target);
await turns(traced, "on");
await traced.close();
console.log(`  spans exported while tracing: ${exported}`);
