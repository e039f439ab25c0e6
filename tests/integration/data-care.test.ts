import { describe, expect, it } from "vitest";
import { startSession } from "@/server/services/sessions/start-session";
import { runTurn } from "@/server/services/sessions/run-turn";
import { deleteClientData, purgeEndedSessions } from "@/server/services/data-care/data-care";
import { callerFor, testPlatform } from "../support/test-platform";
import { setUpTestDatabase } from "../support/set-up-test-database";
import { issueClientToken, CLIENT_COOKIE } from "@/server/auth/identity";

const testDb = setUpTestDatabase({ examples: true });

describe("data care", () => {
  it("deletes everything a client produced, and nobody else's", async () => {
    const prisma = testDb.db.prisma;
    const mine = await startSession(testDb.deps, { clientId: "leaving", scriptId: testDb.checkIn.scriptId });
    await runTurn(testDb.deps, { clientId: "leaving", sessionId: mine.sessionId, clientMessageId: "1", text: "I want to end my life" });
    const theirs = await startSession(testDb.deps, { clientId: "staying", scriptId: testDb.checkIn.scriptId });

    const report = await deleteClientData(prisma, "leaving");
    expect(report.sessions).toBe(1);
    expect(report.messages).toBeGreaterThan(2);
    expect(await prisma.session.count({ where: { clientId: "leaving" } })).toBe(0);
    expect(await prisma.message.count({ where: { sessionId: mine.sessionId } })).toBe(0);
    expect(await prisma.safetyEvent.count({ where: { sessionId: mine.sessionId } })).toBe(0);
    expect(await prisma.variableValue.count({ where: { sessionId: mine.sessionId } })).toBe(0);
    expect(await prisma.message.count({ where: { sessionId: theirs.sessionId } })).toBeGreaterThan(0);
    expect(await deleteClientData(prisma, "leaving")).toEqual({ sessions: 0, messages: 0 });
  });

  it("lets a client delete their own data and forgets their identity cookie", async () => {
    const platform = testPlatform(testDb.db);
    await startSession(testDb.deps, { clientId: "self_service", scriptId: testDb.checkIn.scriptId });
    const cookie = `${CLIENT_COOKIE}=${encodeURIComponent(issueClientToken("self_service", platform.env.AUTH_SECRET))}`;
    const resHeaders = new Headers();
    const result = await callerFor(platform, { cookie }, resHeaders).session.deleteMyData();
    expect(result.sessions).toBe(1);
    expect(resHeaders.get("set-cookie")).toMatch(/Max-Age=0/);
    expect(await testDb.db.prisma.client.count({ where: { id: "self_service" } })).toBe(0);
  });

  it("purges only sessions that ended longer ago than the retention period", async () => {
    const prisma = testDb.db.prisma;
    const old = await startSession(testDb.deps, { clientId: "r1", scriptId: testDb.checkIn.scriptId });
    const recent = await startSession(testDb.deps, { clientId: "r2", scriptId: testDb.checkIn.scriptId });
    const running = await startSession(testDb.deps, { clientId: "r3", scriptId: testDb.checkIn.scriptId });
    const now = new Date();
    await prisma.session.update({ where: { id: old.sessionId }, data: { status: "ended", endedAt: new Date(now.getTime() - 40 * 86_400_000) } });
    await prisma.session.update({ where: { id: recent.sessionId }, data: { status: "completed", endedAt: new Date(now.getTime() - 5 * 86_400_000) } });

    expect(await purgeEndedSessions(prisma, 30, now)).toBe(1);
    const left = await prisma.session.findMany({ where: { id: { in: [old.sessionId, recent.sessionId, running.sessionId] } }, select: { id: true } });
    expect(left.map((s) => s.id).sort()).toEqual([recent.sessionId, running.sessionId].sort());
  });
});
