/**
 * How long a counsellor waits for a client's outcomes (`getClientOutcomes`: one SQL statement, then
 * the pure trajectory) on a database the size of a busy service: CLIENTS clients with
 * SESSIONS_PER_CLIENT sessions each (every session with a PHQ-9 and a GAD-7 and OTHER_VARIABLES
 * other variables), plus one client seen weekly for a year (52 sessions). Prints the median and p95
 * over RUNS calls for random clients and for the year-long one, as an admin (every project) and as
 * an author of the project.
 *
 *   DATABASE_URL=postgresql://… npx tsx bench/outcomes.bench.ts     (a fresh database, dropped after;
 *                                                                    else a fresh PGlite folder)
 * Settings: CLIENTS (10000), SESSIONS_PER_CLIENT (10), OTHER_VARIABLES (10), RUNS (200).
 */
import path from "node:path";
import { createTestDatabase } from "../tests/support/test-database";
import { seedExampleScripts } from "../server/services/seed";
import { createFile } from "../server/services/studio/files/files";
import { publishDraft } from "../server/services/studio/files/versions";
import { getClientOutcomes } from "../server/services/outcomes/outcomes";
import { stats } from "./stats";

const CLIENTS = Number(process.env.CLIENTS ?? 10_000);
const SESSIONS_PER_CLIENT = Number(process.env.SESSIONS_PER_CLIENT ?? 10);
const OTHER_VARIABLES = Number(process.env.OTHER_VARIABLES ?? 10);
const RUNS = Number(process.env.RUNS ?? 200);

const YAML = `metadata: { name: Weekly measures, language: en }
session:
  session_id: weekly_measures
  phases:
    - phase_id: measures
      topics:
        - topic_id: measures
          actions:
            - action_type: assess
              action_id: weekly_phq9
              config: { instrument: phq9 }
            - action_type: assess
              action_id: weekly_gad7
              config: { instrument: gad7 }
`;

const testDb = await createTestDatabase();
try {
  const { prisma } = testDb.db;
  await seedExampleScripts(prisma, path.resolve(import.meta.dirname, "../scripts"));
  const project = await prisma.project.findFirstOrThrow();
  const admin = await prisma.user.create({ data: { email: "bench@example.test", passwordHash: "x", role: "admin" } });
  const file = await createFile(prisma, { projectId: project.id, path: "sessions/weekly-measures.yaml", yaml: YAML });
  await publishDraft(prisma, { projectId: project.id, scriptId: file.id, expectedRevision: file.draftRevision, authorId: admin.id });
  const version = await prisma.scriptVersion.findFirstOrThrow({ where: { scriptId: file.id } });

  const started = performance.now();
  // Clients c0…c{CLIENTS-1}, plus "year" with 52 weekly sessions; answers vary with the numbers.
  await prisma.$executeRawUnsafe(`INSERT INTO "Client" (id) SELECT 'c' || g FROM generate_series(0, ${CLIENTS - 1}) g UNION ALL SELECT 'year'`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Session" (id, "scriptVersionId", "clientId", status, state, "createdAt", "updatedAt")
    SELECT 's' || c || '_' || n, '${version.id}', 'c' || c, 'completed'::"SessionStatus", '{}'::jsonb, now() - make_interval(days => 7 * (${SESSIONS_PER_CLIENT} - n)), now()
    FROM generate_series(0, ${CLIENTS - 1}) c, generate_series(0, ${SESSIONS_PER_CLIENT - 1}) n
    UNION ALL
    SELECT 'syear_' || n, '${version.id}', 'year', 'completed'::"SessionStatus", '{}'::jsonb, now() - make_interval(days => 7 * (52 - n)), now() FROM generate_series(0, 51) n`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "VariableValue" (id, "sessionId", name, scope, value, "sourceActionId", turn, "createdAt")
    SELECT 'v' || s.id || '_' || m.name, s.id, m.name, 'session',
           to_jsonb(ARRAY(SELECT (hashtext(s.id || i) & 3) FROM generate_series(1, m.items) i)), m.action, 1, s."createdAt"
    FROM "Session" s, (VALUES ('phq9_items', 9, 'weekly_phq9'), ('gad7_items', 7, 'weekly_gad7')) AS m(name, items, action)`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "VariableValue" (id, "sessionId", name, scope, value, "sourceActionId", turn, "createdAt")
    SELECT 'o' || s.id || '_' || k, s.id, 'note_' || k, 'session', to_jsonb(k), 'ask_' || k, 1, s."createdAt"
    FROM "Session" s, generate_series(1, ${OTHER_VARIABLES}) k`);
  await prisma.$executeRawUnsafe(`ANALYZE`);
  const sessions = await prisma.session.count();
  const variables = await prisma.variableValue.count();
  console.log(`outcomes bench (${testDb.target.kind}): ${sessions} sessions, ${variables} variables, seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  async function measure(label: string, scope: Parameters<typeof getClientOutcomes>[1], clientFor: (run: number) => string): Promise<void> {
    for (let i = 0; i < 20; i++) await getClientOutcomes(prisma, scope, clientFor(i));
    const samples: number[] = [];
    let points = 0;
    for (let run = 0; run < RUNS; run++) {
      const t = performance.now();
      const outcomes = await getClientOutcomes(prisma, scope, clientFor(run));
      samples.push(performance.now() - t);
      points += outcomes.instruments.reduce((sum, i) => sum + i.points.length, 0);
    }
    const { median, p95 } = stats(samples);
    console.log(`  ${label.padEnd(52)} median ${median.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   (${(points / RUNS).toFixed(0)} scores a call)`);
  }

  const random = (run: number) => `c${(run * 7919) % CLIENTS}`;
  await measure(`a client with ${SESSIONS_PER_CLIENT} sessions, admin`, { all: true }, random);
  await measure(`a client with ${SESSIONS_PER_CLIENT} sessions, author of the project`, { all: false, projectIds: [project.id] }, random);
  await measure("a client with 52 weekly sessions, admin", { all: true }, () => "year");
} finally {
  await testDb.drop();
}
