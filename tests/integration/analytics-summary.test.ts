/**
 * The per-session model-use summary analytics reads is kept by the statement that stores a turn:
 * real turns through the engine (model mode, a fake model reporting its usage) fill it, a retried
 * message adds nothing twice, it matches the model calls stored with the turns and what the
 * backfill migration computes from them, and model use reads the same answer from it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runTurn } from "@/server/services/sessions/run-turn";
import { startSession } from "@/server/services/sessions/start-session";
import type { SessionDeps } from "@/server/services/sessions/deps";
import { templateLlm } from "@/server/engine/llm/template";
import { modelUsage } from "@/server/services/analytics/models";
import { backfillAnalyticsSummaries } from "../support/summary-backfill";
import { setUpTestDatabase } from "../support/set-up-test-database";

const testDb = setUpTestDatabase({ examples: true });
let deps: SessionDeps;
/** Every call the fake model reported, in order. */
const reported: { latencyMs: number; promptTokens: number; completionTokens: number }[] = [];

beforeAll(() => {
  deps = {
    ...testDb.deps,
    // Each composed message is one call, with its own latency (10, 20, 30 … ms) and token counts.
    llmFor: (onUsage) => ({
      ...templateLlm,
      model: "fake-model",
      async *compose(request) {
        const n = reported.length + 1;
        const usage = { latencyMs: n * 10, promptTokens: 100 + n, completionTokens: n };
        reported.push(usage);
        onUsage({ purpose: "compose", model: "fake-model", ...usage });
        yield request.fallbackText;
      },
    }),
  };
});

/** A session's summary rows; latencies sorted (their order is not kept: calls of one run share a time). */
async function summaryOf(sessionId: string) {
  const rows = await testDb.db.prisma.sessionModelUse.findMany({
    where: { sessionId },
    select: { model: true, calls: true, errors: true, promptTokens: true, completionTokens: true, latenciesMs: true, scriptVersionId: true, sessionCreatedAt: true },
  });
  return rows.map((row) => ({ ...row, latenciesMs: [...row.latenciesMs].sort((a, b) => a - b) }));
}

describe("the model-use summary", () => {
  it("is kept by real turns, counts a retried message once, and agrees with the stored calls and the backfill", async () => {
    const prisma = testDb.db.prisma;
    const { sessionId } = await startSession(deps, { clientId: "client_summary", scriptId: testDb.checkIn.scriptId });
    await runTurn(deps, { clientId: "client_summary", sessionId, clientMessageId: "s1", text: "6" });
    const callsBeforeRetry = reported.length;
    // The same message again (a retry after a lost response): replayed, nothing stored or counted twice.
    const again = await runTurn(deps, { clientId: "client_summary", sessionId, clientMessageId: "s1", text: "6" });
    expect(again.replayed).toBe(true);
    expect(reported.length).toBe(callsBeforeRetry);

    const session = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    const calls = await prisma.llmCall.findMany({ where: { sessionId }, orderBy: [{ turn: "asc" }, { createdAt: "asc" }] });
    expect(calls.length).toBe(reported.length);
    expect(calls.length).toBeGreaterThan(1); // the start and the turn each composed at least one message

    const [summary, ...others] = await summaryOf(sessionId);
    expect(others).toEqual([]);
    expect(summary).toEqual({
      model: "fake-model",
      calls: reported.length,
      errors: 0,
      promptTokens: BigInt(reported.reduce((sum, c) => sum + c.promptTokens, 0)),
      completionTokens: BigInt(reported.reduce((sum, c) => sum + c.completionTokens, 0)),
      latenciesMs: reported.map((c) => c.latencyMs),
      scriptVersionId: session.scriptVersionId,
      sessionCreatedAt: session.createdAt,
    });

    // The backfill migration, run on the stored calls alone, computes the same summary.
    await prisma.sessionModelUse.deleteMany({ where: { sessionId } });
    await backfillAnalyticsSummaries(prisma);
    expect(await summaryOf(sessionId)).toEqual([summary]);

    // Model use reads it: latencies 10 … 10·n ms, so the median and 95th percentile follow percentile_cont.
    const latencies = reported.map((c) => c.latencyMs).sort((a, b) => a - b);
    const percentile = (p: number) => {
      const rank = p * (latencies.length - 1);
      const lo = latencies[Math.floor(rank)]!;
      const hi = latencies[Math.ceil(rank)]!;
      return lo + (hi - lo) * (rank - Math.floor(rank));
    };
    const [usage] = await modelUsage(prisma, { projectId: testDb.projectId, versionIds: [session.scriptVersionId] });
    expect(usage).toMatchObject({ model: "fake-model", calls: reported.length, errors: 0, promptTokens: Number(summary!.promptTokens), completionTokens: Number(summary!.completionTokens) });
    expect(usage!.medianLatencyMs).toBeCloseTo(percentile(0.5), 9);
    expect(usage!.p95LatencyMs).toBeCloseTo(percentile(0.95), 9);
  });

  it("stores no summary for a template-mode session (it makes no model calls)", async () => {
    const { sessionId } = await startSession({ ...deps, llmFor: () => templateLlm }, { clientId: "client_template", scriptId: testDb.checkIn.scriptId });
    expect(await summaryOf(sessionId)).toEqual([]);
  });
});
