/**
 * Project analytics against a real database: every aggregate on a small hand-built data set whose
 * answers are worked out in the comments, the filters (dates, versions), project isolation, the
 * CSV of session rows (no message text), and who may read it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import type { RiskLevel } from "@/server/engine/safety/risk-types";
import { completionByVersion, engagementByVersion, sessionsPerDay } from "@/server/services/analytics/activity";
import { funnelForVersion } from "@/server/services/analytics/funnel";
import { safetyByLevel } from "@/server/services/analytics/safety";
import { modelUsage } from "@/server/services/analytics/models";
import { analyticsSessionsCsv, ANALYTICS_CSV_HEADER } from "@/server/services/analytics/sessions-export";
import { projectAnalytics } from "@/server/services/analytics/report";
import { backfillAnalyticsSummaries } from "../support/summary-backfill";
import { callerFor, testPlatform } from "../support/test-platform";
import { setUpTestDatabase } from "../support/set-up-test-database";
import { errorOf, makeUser, signInCookie } from "../support/auth";

const SECRET_TEXT = "words only the client and counsellor may read";

/** Two phases, three topics; `plan` says nothing (ai_think), so it is no funnel step. */
const compiled = {
  kind: "session",
  key: "flow",
  session: {
    session_id: "flow",
    phases: [
      {
        phase_id: "opening",
        topics: [
          { topic_id: "welcome", actions: [{ action_id: "hello", action_type: "ai_say" }, { action_id: "plan", action_type: "ai_think" }] },
          { topic_id: "mood", actions: [{ action_id: "ask_mood", action_type: "ai_ask" }, { action_id: "mood_followup", action_type: "ai_say" }] },
        ],
      },
      { phase_id: "closing", topics: [{ topic_id: "close", actions: [{ action_id: "bye", action_type: "ai_say" }] }] },
    ],
  },
};

const testDb = setUpTestDatabase();
let prisma: PrismaClient;
let projectId: string;
let otherProjectId: string;
let scriptId: string;
let v1: string;
let v2: string;
let otherVersion: string;
/** A third project whose sessions skip steps: one goes past a whole topic, one past an action. */
let skipsProjectId: string;
let skipsVersion: string;
const sessionIds: Record<string, string> = {};

const t = (day: number, hour: number, minute = 0, second = 0) => new Date(Date.UTC(2030, 0, day, hour, minute, second));

interface SeedSession {
  key: string;
  versionId: string;
  status: "active" | "completed" | "ended";
  createdAt: Date;
  /** The end for completed/ended sessions, else the last activity. */
  lastAt: Date;
  turns: number;
  reached: string[];
  events?: RiskLevel[];
  calls?: { model: string; latencyMs: number; promptTokens?: number; completionTokens?: number; error?: string }[];
}

async function seedSession(s: SeedSession): Promise<void> {
  const client = await prisma.client.create({ data: {} });
  const session = await prisma.session.create({
    data: {
      scriptVersionId: s.versionId,
      clientId: client.id,
      status: s.status,
      state: {} as Prisma.InputJsonValue,
      turnCount: s.turns,
      createdAt: s.createdAt,
      updatedAt: s.lastAt,
      endedAt: s.status === "active" ? null : s.lastAt,
    },
  });
  sessionIds[s.key] = session.id;
  let seq = 0;
  for (const [i, actionId] of s.reached.entries()) {
    // A client message before every bot message but the first: no action id, and never counted.
    if (i > 0) await prisma.message.create({ data: { sessionId: session.id, seq: ++seq, role: "client", text: SECRET_TEXT, turn: i, scriptVersionId: s.versionId } });
    await prisma.message.create({ data: { sessionId: session.id, seq: ++seq, role: "bot", text: SECRET_TEXT, turn: i, actionId, scriptVersionId: s.versionId } });
  }
  for (const [turn, level] of (s.events ?? []).entries()) {
    await prisma.safetyEvent.create({ data: { sessionId: session.id, level, category: "self_harm", evidence: [{ text: SECRET_TEXT }], source: "lexicon", actionTaken: "logged", turn } });
  }
  for (const call of s.calls ?? []) {
    await prisma.llmCall.create({ data: { sessionId: session.id, turn: 1, purpose: "say", ...call } });
  }
}

beforeAll(async () => {
  prisma = testDb.db.prisma;
  const project = await prisma.project.create({ data: { slug: "analytics", name: "Analytics" } });
  const other = await prisma.project.create({ data: { slug: "elsewhere", name: "Elsewhere" } });
  projectId = project.id;
  otherProjectId = other.id;
  const script = await prisma.script.create({ data: { projectId, path: "sessions/flow.yaml", kind: "session", scriptKey: "flow", draftYaml: "" } });
  scriptId = script.id;
  const version = (number: number, sid = scriptId) =>
    prisma.scriptVersion.create({ data: { scriptId: sid, number, yaml: "", compiled: compiled as Prisma.InputJsonValue, contentHash: `h${number}` } });
  v1 = (await version(1)).id;
  v2 = (await version(2)).id;
  const otherScript = await prisma.script.create({ data: { projectId: otherProjectId, path: "sessions/flow.yaml", kind: "session", scriptKey: "flow", draftYaml: "" } });
  otherVersion = (await version(1, otherScript.id)).id;

  // Version 1: four sessions.
  await seedSession({ key: "a1", versionId: v1, status: "completed", createdAt: t(1, 10), lastAt: t(1, 10, 10), turns: 4, reached: ["hello", "ask_mood", "mood_followup", "bye"], events: ["low", "low"] });
  await seedSession({ key: "a2", versionId: v1, status: "active", createdAt: t(1, 11), lastAt: t(1, 11, 2), turns: 1, reached: ["hello"], events: ["none"] });
  await seedSession({ key: "a3", versionId: v1, status: "ended", createdAt: t(2, 9), lastAt: t(2, 9, 5), turns: 2, reached: ["hello", "ask_mood"], events: ["high"] });
  await seedSession({ key: "a4", versionId: v1, status: "active", createdAt: t(4, 9), lastAt: t(4, 9, 1), turns: 1, reached: ["hello"] });
  // Version 2: two completed sessions, one skipping the follow-up (its condition was false).
  await seedSession({
    key: "b1",
    versionId: v2,
    status: "completed",
    createdAt: t(2, 12),
    lastAt: t(2, 12, 20),
    turns: 5,
    reached: ["hello", "ask_mood", "mood_followup", "bye"],
    events: ["medium"],
    calls: [
      { model: "model-a", latencyMs: 100, promptTokens: 10, completionTokens: 5 },
      { model: "model-a", latencyMs: 200, promptTokens: 10, completionTokens: 5 },
      { model: "model-a", latencyMs: 300, promptTokens: 10, completionTokens: 5 },
      { model: "model-a", latencyMs: 400, promptTokens: 10, completionTokens: 5, error: "timeout" },
    ],
  });
  await seedSession({ key: "b2", versionId: v2, status: "completed", createdAt: t(2, 13), lastAt: t(2, 13, 6), turns: 3, reached: ["hello", "ask_mood", "bye"], calls: [{ model: "model-b", latencyMs: 50 }] });
  // Another project's session on the same day: never counted.
  await seedSession({ key: "other", versionId: otherVersion, status: "completed", createdAt: t(1, 12), lastAt: t(1, 12, 30), turns: 9, reached: ["hello", "bye"], events: ["imminent"], calls: [{ model: "model-a", latencyMs: 9 }] });
  const skips = await prisma.project.create({ data: { slug: "skips", name: "Skips" } });
  skipsProjectId = skips.id;
  const skipsScript = await prisma.script.create({ data: { projectId: skipsProjectId, path: "sessions/flow.yaml", kind: "session", scriptKey: "flow", draftYaml: "" } });
  skipsVersion = (await version(1, skipsScript.id)).id;
  await seedSession({ key: "c1", versionId: skipsVersion, status: "completed", createdAt: t(1, 9), lastAt: t(1, 9, 5), turns: 2, reached: ["hello", "bye"] });
  await seedSession({ key: "c2", versionId: skipsVersion, status: "active", createdAt: t(1, 10), lastAt: t(1, 10, 5), turns: 2, reached: ["hello", "mood_followup"] });
  await seedSession({ key: "c3", versionId: skipsVersion, status: "ended", createdAt: t(1, 11), lastAt: t(1, 11, 5), turns: 2, reached: ["hello", "ask_mood", "hello"] });
  await seedSession({ key: "c4", versionId: skipsVersion, status: "active", createdAt: t(1, 12), lastAt: t(1, 12), turns: 0, reached: [] });
  // The rows above were written one by one, not by turns: the per-session summary model use reads
  // comes from the migration that backfills it for data stored before it existed.
  await backfillAnalyticsSummaries(prisma);
});

describe("sessions per day", () => {
  it("counts started and completed sessions per UTC start day, with the empty day between as zeros", async () => {
    expect(await sessionsPerDay(prisma, { projectId })).toEqual([
      { day: "2030-01-01", started: 2, completed: 1 }, // a1 (completed), a2
      { day: "2030-01-02", started: 3, completed: 2 }, // a3 (ended), b1, b2
      { day: "2030-01-03", started: 0, completed: 0 },
      { day: "2030-01-04", started: 1, completed: 0 }, // a4
    ]);
  });

  it("keeps to the date range (from inclusive, to exclusive)", async () => {
    expect(await sessionsPerDay(prisma, { projectId, from: t(2, 0), to: t(3, 0) })).toEqual([{ day: "2030-01-02", started: 3, completed: 2 }]);
  });

  it("has no rows when nothing is in scope", async () => {
    expect(await sessionsPerDay(prisma, { projectId, from: t(20, 0) })).toEqual([]);
  });
});

describe("completion by version", () => {
  it("gives each version's started, completed and rate", async () => {
    const rows = await completionByVersion(prisma, { projectId });
    expect(rows.map(({ versionNumber, started, completed, completionRate, scriptPath }) => ({ versionNumber, started, completed, completionRate, scriptPath }))).toEqual([
      { versionNumber: 1, started: 4, completed: 1, completionRate: 25, scriptPath: "sessions/flow.yaml" }, // 1 of 4
      { versionNumber: 2, started: 2, completed: 2, completionRate: 100, scriptPath: "sessions/flow.yaml" },
    ]);
  });

  it("keeps to the chosen versions and dates", async () => {
    const rows = await completionByVersion(prisma, { projectId, versionIds: [v1], from: t(2, 0) });
    expect(rows.map((r) => [r.versionId, r.started, r.completed, r.completionRate])).toEqual([[v1, 2, 0, 0]]); // a3, a4
  });

  it("never counts another project's sessions, even when named by version", async () => {
    expect(await completionByVersion(prisma, { projectId, versionIds: [otherVersion] })).toEqual([]);
    const other = await completionByVersion(prisma, { projectId: otherProjectId });
    expect(other.map((r) => r.started)).toEqual([1]);
  });
});

describe("engagement by version", () => {
  it("gives the median turns and durations", async () => {
    const rows = await engagementByVersion(prisma, { projectId });
    const byVersion = new Map(rows.map((r) => [r.versionId, r]));
    // v1 turns 4,1,2,1 → 1.5; durations 600,120,300,60 s → 210; completed only a1 → 600.
    expect(byVersion.get(v1)).toEqual({ versionId: v1, sessions: 4, medianTurns: 1.5, medianSeconds: 210, medianCompletedSeconds: 600 });
    // v2 turns 5,3 → 4; durations 1200,360 → 780.
    expect(byVersion.get(v2)).toEqual({ versionId: v2, sessions: 2, medianTurns: 4, medianSeconds: 780, medianCompletedSeconds: 780 });
  });

  it("has no completed median when nothing completed", async () => {
    const [row] = await engagementByVersion(prisma, { projectId, versionIds: [v1], from: t(4, 0) });
    expect(row).toEqual({ versionId: v1, sessions: 1, medianTurns: 1, medianSeconds: 60, medianCompletedSeconds: null });
  });
});

describe("safety events per 100 sessions", () => {
  it("gives every level above none for each version, zeros included", async () => {
    const rows = await safetyByLevel(prisma, { projectId });
    const pick = (versionId: string) => rows.filter((r) => r.versionId === versionId).map(({ level, events, sessionsWithEvents, per100Sessions, sessions }) => ({ level, events, sessionsWithEvents, per100Sessions, sessions }));
    expect(pick(v1)).toEqual([
      { level: "low", events: 2, sessionsWithEvents: 1, per100Sessions: 50, sessions: 4 }, // 2 events / 4 sessions
      { level: "medium", events: 0, sessionsWithEvents: 0, per100Sessions: 0, sessions: 4 },
      { level: "high", events: 1, sessionsWithEvents: 1, per100Sessions: 25, sessions: 4 },
      { level: "imminent", events: 0, sessionsWithEvents: 0, per100Sessions: 0, sessions: 4 },
    ]);
    expect(pick(v2).map((r) => [r.level, r.per100Sessions])).toEqual([
      ["low", 0],
      ["medium", 50],
      ["high", 0],
      ["imminent", 0],
    ]);
  });
});

describe("model usage", () => {
  it("gives calls, errors, tokens and latency per model", async () => {
    const rows = await modelUsage(prisma, { projectId });
    expect(rows.map(({ versionId, ...rest }) => ({ v: versionId === v2 ? "v2" : versionId, ...rest }))).toEqual([
      // latencies 100..400: median 250; p95 at rank 0.95·3 = 2.85 → 300 + 0.85·100 = 385.
      { v: "v2", model: "model-a", calls: 4, errors: 1, promptTokens: 40, completionTokens: 20, medianLatencyMs: 250, p95LatencyMs: 385 },
      { v: "v2", model: "model-b", calls: 1, errors: 0, promptTokens: 0, completionTokens: 0, medianLatencyMs: 50, p95LatencyMs: 50 },
    ]);
  });

  it("keeps to the date range, whole UTC days or parts of days", async () => {
    const models = async (from: Date, to?: Date) => (await modelUsage(prisma, { projectId, from, ...(to ? { to } : {}) })).map((r) => [r.model, r.calls, r.medianLatencyMs]);
    // b1 (model-a) started at 12:00 on the 2nd, b2 (model-b) at 13:00.
    expect(await models(t(2, 0), t(3, 0))).toEqual([
      ["model-a", 4, 250],
      ["model-b", 1, 50],
    ]);
    expect(await models(t(2, 12, 30))).toEqual([["model-b", 1, 50]]);
    expect(await models(t(1, 12), t(2, 12, 30))).toEqual([["model-a", 4, 250]]);
    expect(await models(t(1, 0), t(2, 12))).toEqual([]);
    expect(await models(t(3, 0), t(2, 0))).toEqual([]);
  });
});

describe("funnel", () => {
  it("counts sessions reaching each topic and action, and where unfinished sessions stopped", async () => {
    const steps = await funnelForVersion(prisma, { projectId }, v1);
    expect(steps.filter((s) => s.level === "topic").map((s) => [s.position, s.topicId, s.reached, s.stoppedHere])).toEqual([
      [1, "welcome", 4, 2], // a2 and a4 stopped after hello
      [2, "mood", 2, 1], // a1, a3; a3 ended at ask_mood
      [3, "close", 1, 0], // a1 completed
    ]);
    expect(steps.filter((s) => s.level === "action").map((s) => [s.position, s.topicId, s.actionId, s.reached, s.stoppedHere])).toEqual([
      [1, "welcome", "hello", 4, 2],
      [2, "mood", "ask_mood", 2, 1],
      [3, "mood", "mood_followup", 1, 0],
      [4, "close", "bye", 1, 0],
    ]);
  });

  it("keeps to the date range", async () => {
    const steps = await funnelForVersion(prisma, { projectId, from: t(2, 0), to: t(3, 0) }, v1);
    expect(steps.filter((s) => s.level === "topic").map((s) => [s.topicId, s.reached, s.stoppedHere])).toEqual([
      ["welcome", 1, 0],
      ["mood", 1, 1],
      ["close", 0, 0],
    ]);
  });

  it("counts the steps and topics sessions went past as not reached", async () => {
    const steps = await funnelForVersion(prisma, { projectId: skipsProjectId }, skipsVersion);
    // c1 went from hello to bye past the whole mood topic (completed); c2 past ask_mood (stopped at
    // mood_followup); c3 reached ask_mood and went back to hello (stopped at ask_mood, its furthest);
    // c4 reached nothing and is counted nowhere.
    expect(steps.filter((s) => s.level === "topic").map((s) => [s.topicId, s.reached, s.stoppedHere])).toEqual([
      ["welcome", 3, 0],
      ["mood", 2, 2],
      ["close", 1, 0],
    ]);
    expect(steps.filter((s) => s.level === "action").map((s) => [s.actionId, s.reached, s.stoppedHere])).toEqual([
      ["hello", 3, 0],
      ["ask_mood", 1, 1],
      ["mood_followup", 1, 1],
      ["bye", 1, 0],
    ]);
  });

  it("gives no steps for another project's version", async () => {
    expect(await funnelForVersion(prisma, { projectId }, otherVersion)).toEqual([]);
  });
});

describe("the report", () => {
  it("draws the funnel of the busiest version when none is chosen, and both versions when comparing", async () => {
    expect((await projectAnalytics(prisma, { projectId })).funnels.map((f) => f.versionId)).toEqual([v1]);
    const compared = await projectAnalytics(prisma, { projectId, versionIds: [v2, v1] });
    expect(compared.funnels.map((f) => f.versionId)).toEqual([v2, v1]);
    expect(compared.funnels[0]!.steps.find((s) => s.actionId === "mood_followup")?.reached).toBe(1); // b2 skipped it
  });
});

describe("the sessions CSV", () => {
  it("has one row per session in scope with counts, and no message text", async () => {
    const { csv, rows } = await analyticsSessionsCsv(prisma, { projectId });
    expect(rows).toBe(6);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(ANALYTICS_CSV_HEADER.join(","));
    expect(lines[1]).toBe(`${sessionIds.a1},sessions/flow.yaml,1,2030-01-01T10:00:00.000Z,2030-01-01T10:10:00.000Z,completed,4,600,bye,none,2,0,0,0`);
    expect(lines[4]).toBe(`${sessionIds.b1},sessions/flow.yaml,2,2030-01-02T12:00:00.000Z,2030-01-02T12:20:00.000Z,completed,5,1200,bye,none,1,4,40,20`);
    expect(csv).not.toContain(SECRET_TEXT);
    expect(csv).not.toContain(sessionIds.other);
  });
});

describe("the analytics API", () => {
  it("answers the project's members and admins, and is NOT_FOUND for anyone else", async () => {
    const platform = testPlatform(testDb.db);
    const member = await makeUser(prisma, { projectIds: [projectId] });
    const outsider = await makeUser(prisma, { projectIds: [otherProjectId] });
    const asMember = callerFor(platform, { cookie: await signInCookie(platform, member.email) });
    const asOutsider = callerFor(platform, { cookie: await signInCookie(platform, outsider.email) });

    const report = await asMember.analytics.report({ projectId, from: "2030-01-02", to: "2030-01-02" });
    expect(report.perDay).toEqual([{ day: "2030-01-02", started: 3, completed: 2 }]);
    const options = await asMember.analytics.options({ projectId });
    expect(options.map((s) => [s.path, s.versions.map((v) => v.number)])).toEqual([["sessions/flow.yaml", [2, 1]]]);

    const denied = await errorOf(asOutsider.analytics.report({ projectId }));
    expect(denied).toBeInstanceOf(TRPCError);
    expect((denied as TRPCError).code).toBe("NOT_FOUND");
  });

  it("says what is wrong with bad filters", async () => {
    const platform = testPlatform(testDb.db);
    const member = await makeUser(prisma, { projectIds: [projectId] });
    const caller = callerFor(platform, { cookie: await signInCookie(platform, member.email) });
    const backwards = await errorOf(caller.analytics.report({ projectId, from: "2030-01-05", to: "2030-01-01" }));
    expect((backwards as TRPCError).code).toBe("BAD_REQUEST");
    expect((backwards as TRPCError).message).toContain("The start date is after the end date.");
    const sameTwice = await errorOf(caller.analytics.report({ projectId, versionId: v1, compareVersionId: v1 }));
    expect((sameTwice as TRPCError).message).toContain("Choose two different versions to compare.");
    const notADate = await errorOf(caller.analytics.report({ projectId, from: "2030-02-31" }));
    expect((notADate as TRPCError).message).toContain("This is not a date on the calendar.");
  });
});
