/**
 * What one database call costs this process in CPU, through Prisma's query builder, Prisma's raw
 * SQL, and the plain SQL port (`server/db/sql.ts`) over the same pool: the reason a chat turn's
 * hot path is plain SQL. Also the turn's own two statements (load, commit) through the port.
 *
 *   DATABASE_URL=postgresql://… npx tsx bench/db-query.bench.ts      (else a fresh PGlite folder)
 * Settings: N (3000 calls each), PARALLEL (10 at a time).
 */
import path from "node:path";
import os from "node:os";
import { mkdtempSync } from "node:fs";
import { openDatabase } from "../server/db/client";
import { resolveDatabaseTarget } from "../server/db/target";
import { migrate } from "../tests/support/database-admin";
import { seedExampleScripts } from "../server/services/seed";
import { createCache } from "../server/cache";
import { templateLlm } from "../server/engine/llm/template";
import { startSession } from "../server/services/sessions/start-session";
import { runTurn } from "../server/services/sessions/run-turn";

const N = Number(process.env.N ?? 3000);
const PARALLEL = Number(process.env.PARALLEL ?? 10);
const target = process.env.DATABASE_URL
  ? resolveDatabaseTarget({ DATABASE_URL: process.env.DATABASE_URL })
  : ({ kind: "pglite", dir: path.join(mkdtempSync(path.join(os.tmpdir(), "heartline-dbq-")), "pglite") } as const);
if (target.kind === "pglite") await migrate(target);
const db = openDatabase(target);
await seedExampleScripts(db.prisma, path.resolve(import.meta.dirname, "../scripts"));
const script = await db.prisma.script.findFirstOrThrow({ where: { path: "sessions/check-in.en.yaml" } });
const deps = { prisma: db.prisma, sql: db.sql, cache: createCache({}), llmFor: () => templateLlm, turnLimits: { perClient: 1e9, perSession: 1e9 } };
const { sessionId } = await startSession(deps, { clientId: "bench_dbq", scriptId: script.id });

async function measure(name: string, call: () => Promise<unknown>, n = N, parallel = PARALLEL): Promise<void> {
  for (let i = 0; i < 100; i++) await call();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: parallel }, async () => {
    for (let i = 0; i < n / parallel; i++) await call();
  }));
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  console.log(`  ${name.padEnd(50)} CPU ${((used.user + used.system) / n).toFixed(0).padStart(5)} µs/call   wall ${((1000 * wall) / n).toFixed(0).padStart(5)} µs/call`);
}

const SELECT = `SELECT id, status, version, state, "scriptVersionId", "techniquePins" FROM "Session" WHERE id = $1 AND "clientId" = $2`;
console.log(`db query bench (${target.kind}, ${N} calls, ${PARALLEL} at a time): one session row with its state`);
await measure("Prisma findFirst", () =>
  db.prisma.session.findFirst({ where: { id: sessionId, clientId: "bench_dbq" }, select: { id: true, status: true, version: true, state: true, scriptVersionId: true, techniquePins: true } }),
);
await measure("Prisma $queryRawUnsafe", () => db.prisma.$queryRawUnsafe(SELECT, sessionId, "bench_dbq"));
await measure("SQL port (server/db/sql.ts)", () => db.sql.query(SELECT, [sessionId, "bench_dbq"]));
let turn = 0;
const REPLIES = ["7", "calm", "a walk", "yes", "0", "1", "0", "1", "walk twice, confidence 8", "thanks"];
let current = sessionId;
await measure(
  "whole turn (load, engine, commit; template mode)",
  async () => {
    const result = await runTurn(deps, { clientId: "bench_dbq", sessionId: current, clientMessageId: `t${turn}`, text: REPLIES[turn % REPLIES.length] ?? "ok" });
    turn++;
    if (result.status !== "active") current = (await startSession(deps, { clientId: "bench_dbq", scriptId: script.id })).sessionId;
  },
  // One session takes one turn at a time: these run one after another.
  Math.min(N, 1000),
  1,
);
await db.close();
