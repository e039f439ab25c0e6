/**
 * A client's outcomes against a real database, on hand-computed answers: the client's sessions are
 * run through the engine (a published script measuring PHQ-9 under its own prefix, and GAD-7 inside
 * a technique it calls), so the scores are read exactly as the engine stores them; more
 * administrations are stored directly with chosen times. Checks the totals, bands, change and
 * reliable-change verdicts, the PHQ-9 item 9 flag, what is not a score, project isolation (an
 * author of another project sees nothing of this client) and that no message text leaves.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { runTurn } from "@/server/services/sessions/run-turn";
import { startSession } from "@/server/services/sessions/start-session";
import type { Prisma } from "@/server/db/generated/client";
import { callerFor, testPlatform } from "../support/test-platform";
import { errorOf, signedInCookies } from "../support/auth";
import { publishThroughStudio, sessionDeps } from "../support/seeded-scripts";
import { setUpTestDatabase } from "../support/set-up-test-database";

const TECHNIQUE_YAML = `
metadata: { name: Anxiety measure, language: en }
technique_id: anxiety_measure
topic:
  topic_id: anxiety
  actions:
    - action_type: assess
      action_id: gad7_in_technique
      config: { instrument: gad7, output_prefix: anxiety }
`;

const SESSION_YAML = `
metadata: { name: Weekly measures, language: en }
session:
  session_id: weekly_measures
  phases:
    - phase_id: measures
      topics:
        - topic_id: mood
          actions:
            - action_type: assess
              action_id: phq9_weekly
              config: { instrument: phq9, output_prefix: mood }
            - action_type: use_skill
              action_id: run_anxiety_measure
              config: { skill: anxiety_measure }
`;

const testDb = setUpTestDatabase({ examples: true });
let projectA: string;
let measuresScriptId: string;
let checkInVersionId: string;
let versionB: string;
let cookies: { authorA: string; authorB: string; admin: string };
/** The client measured over three engine-run sessions in project A (and once in project B). */
let clientX: string;
const xSessions: string[] = [];
let xSessionB: string;
/** A client with one hand-stored session: PHQ-9 item 9, a skipped item, the screens, and noise. */
let clientY: string;
let ySession: string;

const at = (day: number) => new Date(Date.UTC(2031, 2, 1 + day, 9));

/** Runs one session of the measures script for the client, answering each item in turn. */
async function measuredSession(clientId: string, phq9: readonly number[], gad7: readonly number[]): Promise<string> {
  // A fresh cache per session: a week apart in real life, so the per-minute turn limits never meet.
  const deps = sessionDeps(testDb.db);
  const { sessionId } = await startSession(deps, { clientId, scriptId: measuresScriptId });
  for (const [i, answer] of [...phq9, ...gad7].entries()) {
    await runTurn(deps, { clientId, sessionId, clientMessageId: `${sessionId}-${i}`, text: String(answer) });
  }
  return sessionId;
}

async function storeSession(clientId: string, versionId: string, createdAt: Date): Promise<string> {
  const session = await testDb.db.prisma.session.create({
    data: { scriptVersionId: versionId, clientId, state: {} as Prisma.InputJsonValue, status: "completed", createdAt, turnCount: 9 },
  });
  return session.id;
}

async function storeVariable(sessionId: string, name: string, value: unknown, sourceActionId: string | null, createdAt: Date, skipped = false) {
  await testDb.db.prisma.variableValue.create({
    data: { sessionId, name, scope: "session", value: value as Prisma.InputJsonValue, sourceActionId, turn: 1, createdAt, skipped },
  });
}

beforeAll(async () => {
  const prisma = testDb.db.prisma;
  const platform = testPlatform(testDb.db);

  const { projectId, checkIn } = testDb;
  projectA = projectId;
  checkInVersionId = checkIn.version.id;
  const projectB = (await prisma.project.create({ data: { slug: "outcomes-b", name: "Project B" } })).id;

  cookies = await signedInCookies(platform, { admin: { role: "admin" }, authorA: { projectIds: [projectA] }, authorB: { projectIds: [projectB] } });

  // The scripts are written and published through the studio, as an author would.
  const studio = callerFor(platform, { cookie: cookies.admin });
  const publish = (projectId: string, filePath: string, yaml: string) => publishThroughStudio(studio, projectId, filePath, yaml, "Measures");
  await publish(projectA, "techniques/anxiety_measure.yaml", TECHNIQUE_YAML);
  measuresScriptId = await publish(projectA, "sessions/weekly-measures.yaml", SESSION_YAML);
  await publish(projectB, "techniques/anxiety_measure.yaml", TECHNIQUE_YAML);
  const measuresB = await publish(projectB, "sessions/weekly-measures.yaml", SESSION_YAML);
  versionB = (await prisma.scriptVersion.findFirstOrThrow({ where: { scriptId: measuresB } })).id;

  clientX = (await prisma.client.create({ data: {} })).id;
  // PHQ-9 19 → 13 → 6; GAD-7 15 → 11 → 13.
  xSessions.push(await measuredSession(clientX, [3, 3, 3, 2, 2, 2, 2, 2, 0], [3, 3, 2, 2, 2, 2, 1]));
  xSessions.push(await measuredSession(clientX, [2, 2, 2, 2, 2, 1, 1, 1, 0], [2, 2, 2, 2, 1, 1, 1]));
  xSessions.push(await measuredSession(clientX, [1, 1, 1, 1, 1, 1, 0, 0, 0], [2, 2, 2, 2, 2, 2, 1]));
  // The same client in project B, later: PHQ-9 25 (with item 9 at 1).
  xSessionB = await storeSession(clientX, versionB, new Date(Date.now() + 86_400_000));
  await storeVariable(xSessionB, "mood_items", [3, 3, 3, 3, 3, 3, 3, 3, 1], "phq9_weekly", new Date(Date.now() + 86_400_000));

  clientY = (await prisma.client.create({ data: {} })).id;
  ySession = await storeSession(clientY, checkInVersionId, at(0));
  // PHQ-2 4 (positive), then GAD-2 2 (negative) written by the check-in's own assess actions.
  await storeVariable(ySession, "phq2_items", [2, 2], "phq2_assessment", at(0));
  await storeVariable(ySession, "gad2_items", [1, 1], "gad2_assessment", at(0));
  // Not scores: a name no assess action of this script writes, a prefix that does not match
  // the action, a skip, and a value that is not item answers.
  await storeVariable(ySession, "phq9_items", [3, 3, 3, 3, 3, 3, 3, 3, 3], "ask_mood_score", at(0));
  await storeVariable(ySession, "gad2_items", [3, 3], "phq2_assessment", at(0));
  await storeVariable(ySession, "phq2_items", null, "phq2_assessment", at(1), true);
  // A second check-in: PHQ-2 with the second item skipped (a lower bound), GAD-2 unreadable.
  const ySecond = await storeSession(clientY, checkInVersionId, at(7));
  await storeVariable(ySecond, "phq2_items", [1, null], "phq2_assessment", at(7));
  await storeVariable(ySecond, "gad2_items", [1, 7], "gad2_assessment", at(7));
});

const as = (who: keyof typeof cookies) => callerFor(testPlatform(testDb.db), { cookie: cookies[who] });
const codeOf = (error: unknown) => (error instanceof TRPCError ? error.code : undefined);

describe("a client's outcomes", () => {
  it("needs a signed-in counsellor", async () => {
    expect(codeOf(await errorOf(callerFor(testPlatform(testDb.db)).outcomes.client({ clientId: clientX })))).toBe("UNAUTHORIZED");
    expect(codeOf(await errorOf(callerFor(testPlatform(testDb.db)).outcomes.sessionClient({ sessionId: xSessions[0]! })))).toBe("UNAUTHORIZED");
  });

  it("reads the engine's stored answers: totals, bands, change from the first score and reliable change", async () => {
    const outcomes = await as("authorA").outcomes.client({ clientId: clientX });
    expect(outcomes.sessions.map((s) => s.id)).toEqual(xSessions);
    expect(outcomes.sessions[0]).toMatchObject({ status: "completed", script: { name: "Weekly measures", version: 1 }, project: { name: expect.any(String) }, administrations: 2 });
    expect(outcomes.instruments.map((i) => i.instrument)).toEqual(["phq9", "gad7"]);
    expect(outcomes.unreadable).toBe(0);

    const [phq9, gad7] = outcomes.instruments;
    expect(phq9?.points.map((p) => [p.sessionId, p.total, p.band, p.complete])).toEqual([
      [xSessions[0], 19, "moderately_severe", true],
      [xSessions[1], 13, "moderate", true],
      [xSessions[2], 6, "mild", true],
    ]);
    expect(phq9?.latest).toMatchObject({ total: 6, band: "mild" });
    expect(phq9?.change).toEqual({ points: -13, verdict: "reliable_improvement", threshold: 6 });
    expect(phq9?.points.map((p) => p.selfHarmItem)).toEqual([null, null, null]);

    // GAD-7 was asked inside the technique the session called.
    expect(gad7?.points.map((p) => [p.total, p.band])).toEqual([
      [15, "severe"],
      [11, "moderate"],
      [13, "moderate"],
    ]);
    expect(gad7?.points[1]?.change).toEqual({ points: -4, verdict: "reliable_improvement", threshold: 4 });
    expect(gad7?.change).toEqual({ points: -2, verdict: "no_reliable_change", threshold: 4 });
    expect(gad7?.latest?.band).toBe("moderate");
  });

  it("shows an admin the client's sessions in every project, and flags PHQ-9 item 9", async () => {
    const outcomes = await as("admin").outcomes.client({ clientId: clientX });
    expect(outcomes.sessions.map((s) => s.id)).toEqual([...xSessions, xSessionB]);
    const phq9 = outcomes.instruments[0];
    expect(phq9?.points.map((p) => p.total)).toEqual([19, 13, 6, 25]);
    expect(phq9?.points.at(-1)).toMatchObject({ band: "severe", selfHarmItem: 1, change: { points: 6, verdict: "reliable_deterioration" } });
    expect(phq9?.selfHarmFlags).toBe(1);
    expect(phq9?.change).toEqual({ points: 6, verdict: "reliable_deterioration", threshold: 6 });
  });

  it("shows an author nothing of a client outside their projects", async () => {
    const outcomes = await as("authorB").outcomes.client({ clientId: clientX });
    expect(outcomes.sessions.map((s) => s.id)).toEqual([xSessionB]);
    expect(codeOf(await errorOf(as("authorB").outcomes.client({ clientId: clientY })))).toBe("NOT_FOUND");
    expect(codeOf(await errorOf(as("authorB").outcomes.sessionClient({ sessionId: xSessions[0]! })))).toBe("NOT_FOUND");
    expect(codeOf(await errorOf(as("admin").outcomes.client({ clientId: "no-such-client" })))).toBe("NOT_FOUND");
  });

  it("counts only what assess actions wrote under their own prefix; a skipped item makes a lower bound", async () => {
    const outcomes = await as("authorA").outcomes.client({ clientId: clientY });
    expect(outcomes.instruments.map((i) => i.instrument)).toEqual(["phq2", "gad2"]);
    const [phq2, gad2] = outcomes.instruments;
    expect(phq2?.points.map((p) => [p.total, p.band, p.complete, p.skippedItems])).toEqual([
      [4, "positive", true, 0],
      [1, "negative", false, 1],
    ]);
    // The later one has a skipped item: it does not count as the latest complete score.
    expect(phq2?.latest?.total).toBe(4);
    expect(phq2?.change).toBeNull();
    expect(gad2?.points.map((p) => p.total)).toEqual([2]);
    expect(outcomes.unreadable).toBe(1);
    expect(outcomes.sessions.map((s) => s.administrations)).toEqual([2, 2]);
  });

  it("links a session to its client, counting the client's sessions in scope", async () => {
    expect(await as("authorA").outcomes.sessionClient({ sessionId: xSessions[1]! })).toEqual({ clientId: clientX, sessions: 3 });
    expect(await as("admin").outcomes.sessionClient({ sessionId: xSessions[1]! })).toEqual({ clientId: clientX, sessions: 4 });
  });

  it("never returns message text", async () => {
    const messages = await testDb.db.prisma.message.count({ where: { sessionId: { in: xSessions } } });
    expect(messages).toBeGreaterThan(0);
    const outcomes = await as("admin").outcomes.client({ clientId: clientX });
    const json = JSON.stringify(outcomes);
    expect(json).not.toMatch(/"text"/);
    expect(json).not.toContain("Over the last 2 weeks");
  });
});
