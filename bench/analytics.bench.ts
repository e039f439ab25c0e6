/**
 * Project analytics on a large project: seeds a synthetic project on a fresh database (generate_series
 * INSERTs: sessions, their bot and client messages, safety events, model calls, then the analytics
 * roll-ups turns keep, by the backfill migrations' SQL) and prints each
 * analytics query's median and p95 wall time. Prints figures; asserts nothing.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/analytics.bench.ts
 * Settings: SESSIONS (100000), RUNS (15 per query), KEEP=1 (keep the database and print its name, to EXPLAIN by hand). Without DATABASE_URL it runs on a fresh PGlite folder.
 */
import { createTestDatabase } from "../tests/support/test-database";
import { backfillAnalyticsSummaries } from "../tests/support/summary-backfill";
import { completionByVersion, engagementByVersion, sessionsPerDay } from "../server/services/analytics/activity";
import { funnelForVersion } from "../server/services/analytics/funnel";
import { safetyByLevel } from "../server/services/analytics/safety";
import { modelUsage } from "../server/services/analytics/models";
import { analyticsSessionsCsv } from "../server/services/analytics/sessions-export";
import type { AnalyticsFilters } from "../server/services/analytics/scope";
import type { Prisma } from "../server/db/generated/client";
import { stats } from "./stats";

const SESSIONS = Number(process.env.SESSIONS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 15);
const DAYS = 90;
/** Six topics of three speaking actions and one silent one: 18 funnel steps. */
const TOPICS = 6;

const compiled = {
  kind: "session",
  key: "bench",
  session: {
    session_id: "bench",
    phases: [0, 1].map((p) => ({
      phase_id: `phase_${p}`,
      topics: Array.from({ length: TOPICS / 2 }, (_, t) => {
        const topic = p * (TOPICS / 2) + t;
        return {
          topic_id: `topic_${topic}`,
          actions: [
            { action_id: `t${topic}_say`, action_type: "ai_say" },
            { action_id: `t${topic}_think`, action_type: "ai_think" },
            { action_id: `t${topic}_ask`, action_type: "ai_ask" },
            { action_id: `t${topic}_reply`, action_type: "ai_say" },
          ],
        };
      }),
    })),
  },
};
const speakingActions = compiled.session.phases.flatMap((p) => p.topics.flatMap((t) => t.actions.filter((a) => a.action_type !== "ai_think").map((a) => a.action_id)));

const testDb = await createTestDatabase();
const { prisma } = testDb.db;
try {
  const seedStarted = performance.now();
  const project = await prisma.project.create({ data: { slug: "bench", name: "Bench" } });
  const script = await prisma.script.create({ data: { projectId: project.id, path: "sessions/bench.yaml", kind: "session", scriptKey: "bench", draftYaml: "" } });
  const versions = await Promise.all(
    [1, 2].map((number) => prisma.scriptVersion.create({ data: { scriptId: script.id, number, yaml: "", compiled: compiled as Prisma.InputJsonValue, contentHash: `h${number}` } })),
  );
  const [v1, v2] = versions.map((v) => v.id) as [string, string];
  const run = (text: string, ...values: unknown[]) => prisma.$executeRawUnsafe(text, ...values);

  await run(`INSERT INTO "Client" (id) SELECT 'bc' || g FROM generate_series(1, $1::int) g`, SESSIONS);
  // Depth (steps reached) falls off like a real funnel; a third of those reaching the end complete… all of them do.
  await run(
    `INSERT INTO "Session" (id, "scriptVersionId", "clientId", status, state, "turnCount", "createdAt", "updatedAt", "endedAt")
     SELECT 'bs' || g, CASE WHEN g % 2 = 0 THEN $1 ELSE $2 END, 'bc' || g,
            (CASE WHEN d.depth = $4::int THEN 'completed' WHEN g % 7 = 0 THEN 'ended' ELSE 'active' END)::"SessionStatus",
            '{}'::jsonb, d.depth, t.started, t.started + d.depth * interval '70 seconds',
            CASE WHEN d.depth = $4::int OR g % 7 = 0 THEN t.started + d.depth * interval '70 seconds' END
     FROM generate_series(1, $3::int) g
     CROSS JOIN LATERAL (SELECT LEAST($4::int, 1 + floor(power((g * 7919 % 1000) / 1000.0, 0.6) * $4::int)::int) AS depth) d
     CROSS JOIN LATERAL (SELECT timestamp '2030-01-01' + (g % $5::int) * interval '1 day' + (g * 37 % 86400) * interval '1 second' AS started) t`,
    v1,
    v2,
    SESSIONS,
    speakingActions.length,
    DAYS,
  );
  // A bot message for every step reached, each after a client message but the first.
  await run(
    `INSERT INTO "Message" (id, "sessionId", seq, role, text, turn, "actionId", "scriptVersionId", "createdAt")
     SELECT s.id || ':' || m.seq, s.id, m.seq, m.role::"MessageRole", 'synthetic text', step.n, CASE WHEN m.role = 'bot' THEN step.action END, s."scriptVersionId", s."createdAt"
     FROM "Session" s
     CROSS JOIN LATERAL unnest($1::text[]) WITH ORDINALITY AS step(action, n)
     CROSS JOIN LATERAL (VALUES ('client', step.n * 2 - 1), ('bot', step.n * 2)) AS m(role, seq)
     WHERE step.n <= s."turnCount" AND NOT (step.n = 1 AND m.role = 'client')`,
    speakingActions,
  );
  await run(
    `INSERT INTO "SafetyEvent" (id, "sessionId", level, category, evidence, source, "actionTaken", turn, "createdAt")
     SELECT s.id || ':e' || k, s.id, (ARRAY['low','medium','high','imminent'])[1 + (hashtext(s.id) & 3)]::"RiskLevel", 'self_harm', '[]'::jsonb, 'lexicon', 'logged', k, s."createdAt"
     FROM "Session" s CROSS JOIN generate_series(1, 2) k
     WHERE hashtext(s.id) % 20 = 0`,
  );
  // Model mode for the even sessions: two calls per step reached.
  await run(
    `INSERT INTO "LlmCall" (id, "sessionId", turn, purpose, model, "promptTokens", "completionTokens", "latencyMs", error, "createdAt")
     SELECT s.id || ':c' || k, s.id, k, 'say', CASE WHEN k % 3 = 0 THEN 'model-small' ELSE 'model-large' END,
            400 + k * 10, 60 + k, 300 + (hashtext(s.id || k) & 1023), CASE WHEN hashtext(s.id || k) % 97 = 0 THEN 'timeout' END, s."createdAt"
     FROM "Session" s CROSS JOIN LATERAL generate_series(1, s."turnCount" * 2) k
     WHERE s."scriptVersionId" = $1`,
    v1,
  );
  // The roll-ups the turn statement would have kept (the version's steps came from the publish
  // trigger), by the backfill migrations' SQL.
  const backfillStarted = performance.now();
  await backfillAnalyticsSummaries(prisma);
  const backfillSeconds = (performance.now() - backfillStarted) / 1000;
  // As autovacuum would have by now: statistics, and the visibility map for index-only scans.
  await run(`VACUUM ANALYZE`);
  const counts = await prisma.$queryRawUnsafe<Record<string, number>[]>(
    `SELECT (SELECT count(*) FROM "Session")::int AS sessions, (SELECT count(*) FROM "Message")::int AS messages,
            (SELECT count(*) FROM "SafetyEvent")::int AS events, (SELECT count(*) FROM "LlmCall")::int AS calls,
            (SELECT count(*) FROM "SessionModelUse")::int AS "modelUseRows", (SELECT count(*) FROM "DailyModelUse")::int AS "dailyModelUseRows",
            (SELECT count(*) FROM "SessionFunnel")::int AS "funnelRows"`,
  );
  console.log(
    `analytics bench (${testDb.target.kind}); seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s (roll-ups backfilled in ${backfillSeconds.toFixed(1)} s):`,
    counts[0],
  );

  async function measure(name: string, query: () => Promise<unknown>): Promise<void> {
    await query(); // warm the cache and the connection
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await query();
      samples.push(performance.now() - started);
    }
    const { median, p95 } = stats(samples);
    console.log(`  ${name.padEnd(58)} median ${median.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms`);
  }

  const all: AnalyticsFilters = { projectId: project.id };
  const month: AnalyticsFilters = { projectId: project.id, from: new Date("2030-02-01T00:00:00Z"), to: new Date("2030-03-01T00:00:00Z") };
  const compare: AnalyticsFilters = { projectId: project.id, versionIds: [v1, v2] };
  for (const [label, filters] of [
    ["all sessions", all],
    ["one month", month],
  ] as const) {
    console.log(`${label}:`);
    await measure("sessions per day", () => sessionsPerDay(prisma, filters));
    await measure("completion by version", () => completionByVersion(prisma, filters));
    await measure("median turns and duration by version", () => engagementByVersion(prisma, filters));
    await measure("safety events per 100 sessions by level", () => safetyByLevel(prisma, filters));
    await measure("model calls, tokens and latency", () => modelUsage(prisma, filters));
    await measure("funnel of one version", () => funnelForVersion(prisma, filters, v1));
  }
  // Not the page's whole UTC days: model use also reads the per-session rows of the two part-days.
  const partDays: AnalyticsFilters = { projectId: project.id, from: new Date("2030-02-01T10:00:00Z"), to: new Date("2030-03-01T13:00:00Z") };
  console.log("one month, from 10:00 to 13:00:");
  await measure("model calls, tokens and latency", () => modelUsage(prisma, partDays));
  console.log("comparing two versions:");
  await measure("completion by version", () => completionByVersion(prisma, compare));
  await measure("funnels of both versions (two queries)", () => Promise.all([funnelForVersion(prisma, compare, v1), funnelForVersion(prisma, compare, v2)]));
  console.log("export (not a chart):");
  await measure("sessions CSV, every session", () => analyticsSessionsCsv(prisma, all));
} finally {
  if (process.env.KEEP === "1") {
    console.log(`kept database: ${testDb.postgres?.name ?? testDb.target.kind}`);
    await testDb.db.close();
  } else {
    await testDb.drop();
  }
}
