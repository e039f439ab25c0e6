/**
 * The analytics roll-ups the funnel and model use read instead of messages and model calls:
 * publishing a version writes its funnel steps; the statement that stores a turn keeps each
 * session's furthest step and the steps it went past (also when a later turn goes back to one),
 * and model calls per start day and counted latency; a retried message adds nothing; and what the
 * turns kept is what the backfill migration computes from the stored messages and calls; deleting
 * sessions takes them out of the per-day roll-up.
 */
import { describe, expect, it } from "vitest";
import type { Prisma } from "@/server/db/generated/client";
import type { EngineEvent, SessionState } from "@/server/engine/runtime";
import type { LlmUsage } from "@/server/engine/llm/port";
import { startSession } from "@/server/services/sessions/start-session";
import { commitRun } from "@/server/services/sessions/persist";
import { funnelForVersion } from "@/server/services/analytics/funnel";
import { modelUsage } from "@/server/services/analytics/models";
import { deleteClientData, purgeEndedSessions } from "@/server/services/data-care/data-care";
import { backfillAnalyticsSummaries } from "../support/summary-backfill";
import { setUpTestDatabase } from "../support/set-up-test-database";

const testDb = setUpTestDatabase({ examples: true });

interface CompiledActions {
  session: { phases: { phase_id: string; topics: { topic_id: string; actions: { action_id: string; action_type: string }[] }[] }[] };
}

/** A version's funnel steps worked out from its compiled script: speaking actions in script order. */
function stepsOf(compiled: CompiledActions) {
  const topics = compiled.session.phases.flatMap((p) => p.topics.map((t) => ({ phaseId: p.phase_id, topicId: t.topic_id, actions: t.actions.filter((a) => a.action_type !== "ai_think") })));
  return topics
    .filter((t) => t.actions.length)
    .flatMap((t, i) => t.actions.map((a) => ({ topicPosition: i + 1, phaseId: t.phaseId, topicId: t.topicId, actionId: a.action_id, actionType: a.action_type })))
    .map((s, i) => ({ step: i + 1, ...s }));
}

async function storedSteps(versionId: string) {
  return testDb.db.prisma.scriptVersionStep.findMany({
    where: { scriptVersionId: versionId },
    orderBy: { step: "asc" },
    select: { step: true, topicPosition: true, phaseId: true, topicId: true, actionId: true, actionType: true },
  });
}

/** Stores a turn on the session directly: bot messages naming `actions`, and `calls` model calls. */
async function storeTurn(sessionId: string, clientMessageId: string, actions: string[], calls: LlmUsage[] = []) {
  const session = await testDb.db.prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
  const state = session.state as unknown as SessionState;
  const events: EngineEvent[] = actions.map((actionId) => ({ type: "message-end", actionId, text: `said by ${actionId}` }));
  return commitRun(
    testDb.db.sql,
    {
      sessionId,
      scriptVersionId: session.scriptVersionId,
      promptScheme: "default",
      model: "fake-model",
      clientMessage: { clientMessageId, text: "a reply" },
      events,
      state: { ...state, turn: state.turn + 1 },
      llmCalls: calls,
    },
    { kind: "turn", readVersion: session.version },
  );
}

async function funnelRow(sessionId: string) {
  return testDb.db.prisma.sessionFunnel.findUnique({ where: { sessionId }, select: { furthestStep: true, skippedSteps: true, scriptVersionId: true, sessionCreatedAt: true } });
}

describe("the funnel steps of a version", () => {
  it("are written when a version is published, in script order without ai_think", async () => {
    const version = await testDb.db.prisma.scriptVersion.findFirstOrThrow({ where: { scriptId: testDb.checkIn.scriptId }, orderBy: { number: "desc" } });
    const expected = stepsOf(version.compiled as unknown as CompiledActions);
    expect(expected.length).toBeGreaterThan(3);
    expect(await storedSteps(version.id)).toEqual(expected);
  });

  it("are written for a version inserted any other way, and none for a script with no session", async () => {
    const prisma = testDb.db.prisma;
    const script = await prisma.script.create({ data: { projectId: testDb.projectId, path: "sessions/steps.yaml", kind: "session", scriptKey: "steps", draftYaml: "" } });
    const compiled = {
      session: {
        phases: [
          { phase_id: "p1", topics: [{ topic_id: "only_thinking", actions: [{ action_id: "think", action_type: "ai_think" }] }, { topic_id: "t1", actions: [{ action_id: "a", action_type: "ai_say" }, { action_id: "b", action_type: "ai_ask" }] }] },
          { phase_id: "p2", topics: [{ topic_id: "t2", actions: [{ action_id: "think2", action_type: "ai_think" }, { action_id: "c", action_type: "ai_say" }] }] },
        ],
      },
    };
    const version = await prisma.scriptVersion.create({ data: { scriptId: script.id, number: 1, yaml: "", compiled: compiled as Prisma.InputJsonValue, contentHash: "steps" } });
    expect(await storedSteps(version.id)).toEqual([
      { step: 1, topicPosition: 1, phaseId: "p1", topicId: "t1", actionId: "a", actionType: "ai_say" },
      { step: 2, topicPosition: 1, phaseId: "p1", topicId: "t1", actionId: "b", actionType: "ai_ask" },
      { step: 3, topicPosition: 2, phaseId: "p2", topicId: "t2", actionId: "c", actionType: "ai_say" },
    ]);
    const technique = await prisma.scriptVersion.create({ data: { scriptId: script.id, number: 2, yaml: "", compiled: { technique: { id: "x" } }, contentHash: "technique" } });
    expect(await storedSteps(technique.id)).toEqual([]);
  });
});

describe("a session's funnel progress", () => {
  it("is kept by each turn: the furthest step, the steps gone past, and one gone back to", async () => {
    const prisma = testDb.db.prisma;
    const { sessionId } = await startSession(testDb.deps, { clientId: "client_funnel", scriptId: testDb.checkIn.scriptId });
    const session = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    const steps = await storedSteps(session.scriptVersionId);
    const started = await funnelRow(sessionId);
    // The start said something from the first step onwards, in order.
    expect(started).toMatchObject({ skippedSteps: [], scriptVersionId: session.scriptVersionId, sessionCreatedAt: session.createdAt });
    const first = started!.furthestStep;
    expect(first).toBeGreaterThan(0);
    expect(steps.length).toBeGreaterThan(first + 3);
    const actionAt = (step: number) => steps[step - 1]!.actionId;

    // A turn whose bot message is three steps on: the two between were gone past.
    await storeTurn(sessionId, "f1", [actionAt(first + 3)]);
    expect(await funnelRow(sessionId)).toMatchObject({ furthestStep: first + 3, skippedSteps: [first + 1, first + 2] });
    // A turn that goes back to one of them (and says nothing from a step: a message of no action).
    await storeTurn(sessionId, "f2", [actionAt(first + 1), "not-a-step"]);
    expect(await funnelRow(sessionId)).toMatchObject({ furthestStep: first + 3, skippedSteps: [first + 2] });
    // The same message again is refused by its unique key, and counts nothing.
    await expect(storeTurn(sessionId, "f2", [actionAt(first + 2)])).rejects.toThrow();
    const kept = await funnelRow(sessionId);
    expect(kept).toMatchObject({ furthestStep: first + 3, skippedSteps: [first + 2] });

    // The funnel counts this session as having reached every step up to the furthest but the one it went past.
    const funnel = await funnelForVersion(prisma, { projectId: testDb.projectId, from: session.createdAt, to: new Date(session.createdAt.getTime() + 1) }, session.scriptVersionId);
    const reached = funnel.filter((s) => s.level === "action" && s.reached > 0).map((s) => s.position);
    expect(reached).toEqual(Array.from({ length: first + 3 }, (_, i) => i + 1).filter((step) => step !== first + 2));
    expect(funnel.filter((s) => s.stoppedHere > 0).map((s) => [s.level, s.actionId])).toEqual([
      ["topic", null],
      ["action", actionAt(first + 3)],
    ]);

    // The backfill migration, run on the stored messages alone, computes the same row.
    await prisma.sessionFunnel.delete({ where: { sessionId } });
    await backfillAnalyticsSummaries(prisma);
    expect(await funnelRow(sessionId)).toEqual(kept);
  });
});

describe("model use per day", () => {
  it("is kept by each turn per start day and counted latency, counts a retry once, and agrees with the backfill", async () => {
    const prisma = testDb.db.prisma;
    const { sessionId } = await startSession(testDb.deps, { clientId: "client_daily", scriptId: testDb.checkIn.scriptId });
    const session = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    // Nothing else of this version made model calls.
    expect(await prisma.dailyModelUse.count({ where: { scriptVersionId: session.scriptVersionId } })).toBe(0);
    const [step] = await storedSteps(session.scriptVersionId);
    await storeTurn(sessionId, "d1", [step!.actionId], [
      { purpose: "say", model: "fake-model", latencyMs: 1234.4, promptTokens: 100, completionTokens: 10 },
      { purpose: "say", model: "fake-model", latencyMs: 1236, promptTokens: 200, completionTokens: 20 },
    ]);
    await storeTurn(sessionId, "d2", [step!.actionId], [
      { purpose: "say", model: "fake-model", latencyMs: 80, error: "timeout" },
      { purpose: "judge", model: "fake-model", latencyMs: 1230, promptTokens: 5, completionTokens: 1 },
    ]);
    await expect(storeTurn(sessionId, "d2", [], [{ purpose: "say", model: "fake-model", latencyMs: 80 }])).rejects.toThrow();

    const rows = async () =>
      prisma.dailyModelUse.findMany({
        where: { scriptVersionId: session.scriptVersionId },
        orderBy: { latencyMs: "asc" },
        select: { day: true, model: true, latencyMs: true, calls: true, errors: true, promptTokens: true, completionTokens: true },
      });
    const day = new Date(`${session.createdAt.toISOString().slice(0, 10)}T00:00:00Z`);
    // 1234 ms is counted as 1230 and 1236 ms as 1240 (three significant figures); 80 ms exactly.
    const kept = await rows();
    expect(kept).toEqual([
      { day, model: "fake-model", latencyMs: 80, calls: 1, errors: 1, promptTokens: 0n, completionTokens: 0n },
      { day, model: "fake-model", latencyMs: 1230, calls: 2, errors: 0, promptTokens: 105n, completionTokens: 11n },
      { day, model: "fake-model", latencyMs: 1240, calls: 1, errors: 0, promptTokens: 200n, completionTokens: 20n },
    ]);

    // Counted latencies 80, 1230, 1230, 1240: median 1230; p95 at rank 0.95·3 = 2.85 → 1230 + 0.85·10.
    const expected = { model: "fake-model", calls: 4, errors: 1, promptTokens: 305, completionTokens: 31, medianLatencyMs: 1230 };
    const versionIds = [session.scriptVersionId];
    const whole = await modelUsage(prisma, { projectId: testDb.projectId, versionIds });
    expect(whole).toEqual([{ versionId: session.scriptVersionId, ...expected, p95LatencyMs: expect.closeTo(1238.5, 9) }]);
    // A range that is part of a day reads the session's own row, and counts the same.
    const part = await modelUsage(prisma, { projectId: testDb.projectId, versionIds, from: session.createdAt, to: new Date(session.createdAt.getTime() + 1) });
    expect(part).toEqual(whole);

    await prisma.dailyModelUse.deleteMany({ where: { scriptVersionId: session.scriptVersionId } });
    await backfillAnalyticsSummaries(prisma);
    expect(await rows()).toEqual(kept);
  });
});

describe("deleting sessions", () => {
  it("takes their model calls out of model use per day: a client's data on request, and retention", async () => {
    const prisma = testDb.db.prisma;
    const snapshot = async (versionId: string) =>
      prisma.dailyModelUse.findMany({ where: { scriptVersionId: versionId }, orderBy: [{ day: "asc" }, { model: "asc" }, { latencyMs: "asc" }] });
    const { sessionId: leaving } = await startSession(testDb.deps, { clientId: "client_leaving", scriptId: testDb.checkIn.scriptId });
    const { sessionId: old } = await startSession(testDb.deps, { clientId: "client_old", scriptId: testDb.checkIn.scriptId });
    const { scriptVersionId } = await prisma.session.findUniqueOrThrow({ where: { id: leaving } });
    const before = await snapshot(scriptVersionId);
    // One latency shared with calls that stay (1230 ms, from the test above), one of its own.
    await storeTurn(leaving, "x1", [], [
      { purpose: "say", model: "fake-model", latencyMs: 1230, promptTokens: 1, completionTokens: 1 },
      { purpose: "say", model: "other-model", latencyMs: 40 },
    ]);
    await storeTurn(old, "x1", [], [{ purpose: "say", model: "fake-model", latencyMs: 77, error: "timeout" }]);
    expect(await snapshot(scriptVersionId)).not.toEqual(before);

    await deleteClientData(prisma, "client_leaving");
    await prisma.session.update({ where: { id: old }, data: { status: "ended", endedAt: new Date(Date.now() - 40 * 24 * 3600 * 1000) } });
    expect(await purgeEndedSessions(prisma, 30)).toBe(1);
    expect(await snapshot(scriptVersionId)).toEqual(before);
  });
});
