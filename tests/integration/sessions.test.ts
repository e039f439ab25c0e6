/**
 * The client conversation use cases against a real database: a session on a shipped script,
 * turns stored in order with lineage, retries replayed, concurrent turns refused, privacy.
 */
import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { runTurn, prepareTurn, RATE_LIMITS } from "@/server/services/sessions/run-turn";
import { startSession } from "@/server/services/sessions/start-session";
import type { SessionDeps } from "@/server/services/sessions/deps";
import { ServiceError } from "@/server/services/errors";
import { createCache } from "@/server/cache";
import { CLIENT_COOKIE } from "@/server/auth/identity";
import { LlmError } from "@/server/engine/llm/port";
import { fakeLlm } from "@/server/engine/runtime/test-support";
import { chatStreamResponse } from "@/server/api/chat/ui-stream";
import { callerFor, testPlatform } from "../support/test-platform";
import { setUpTestDatabase } from "../support/set-up-test-database";
import { errorOf } from "../support/auth";

const testDb = setUpTestDatabase({ examples: true });

describe("client sessions", () => {
  it("gives a first-time visitor an identity cookie and starts a session on the published script", async () => {
    const platform = testPlatform(testDb.db);
    const resHeaders = new Headers();
    const anonymous = callerFor(platform, {}, resHeaders);
    const scripts = await anonymous.session.scripts();
    expect(scripts.map((s) => s.name)).toContain("Weekly check-in");
    expect(scripts.find((s) => s.name === "Weekly check-in")).toMatchObject({ id: testDb.checkIn.scriptId, language: "en", version: 1, clientDescription: { en: expect.stringMatching(/^A short check-in/), "zh-CN": expect.stringMatching(/简短回访/) } });
    // Techniques and safety files are not sessions a client can start.
    const kinds = await testDb.db.prisma.script.findMany({ where: { id: { in: scripts.map((s) => s.id) } }, select: { kind: true } });
    expect(kinds.length).toBe(scripts.length);
    expect(kinds.every((k) => k.kind === "session")).toBe(true);

    const started = await anonymous.session.start({ scriptId: testDb.checkIn.scriptId });
    const cookie = resHeaders.get("set-cookie") ?? "";
    expect(cookie).toMatch(new RegExp(`^${CLIENT_COOKIE}=`));
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(started.messages.map((m) => m.role)).toEqual(started.messages.map(() => "bot"));
    expect(started.messages[0]?.text).toMatch(/welcome back/i);

    const returning = callerFor(platform, { cookie: cookie.split(";")[0] ?? "" });
    const mine = await returning.session.list();
    expect(mine.map((s) => s.id)).toEqual([started.sessionId]);
    const transcript = await returning.session.messages({ sessionId: started.sessionId });
    expect(transcript.messages.map((m) => m.seq)).toEqual(started.messages.map((_, i) => i + 1));

    // Another visitor cannot see it, and is told it does not exist.
    const stranger = callerFor(platform, {}, new Headers());
    const denied = await errorOf(stranger.session.get({ sessionId: started.sessionId }));
    expect(denied).toBeInstanceOf(TRPCError);
    expect((denied as TRPCError).code).toBe("NOT_FOUND");
  });

  it("stores each turn in order with the variables traced to the client message", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "client_a", scriptId: testDb.checkIn.scriptId });
    const streamed: string[] = [];
    const result = await runTurn(testDb.deps, { clientId: "client_a", sessionId, clientMessageId: "m1", text: "7" }, (event) => {
      if (event.type === "text-delta") streamed.push(event.delta);
    });
    expect(result.replayed).toBe(false);
    expect(streamed.join("")).toBe(result.messages.map((m) => m.text).join(""));

    const prisma = testDb.db.prisma;
    const messages = await prisma.message.findMany({ where: { sessionId }, orderBy: { seq: "asc" } });
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
    const clientMessage = messages.find((m) => m.role === "client");
    expect(clientMessage).toMatchObject({ text: "7", clientMessageId: "m1", turn: 1 });
    const mood = await prisma.variableValue.findFirstOrThrow({ where: { sessionId, name: "mood_score" } });
    expect(mood).toMatchObject({ value: 7, turn: 1, messageId: clientMessage?.id, sourceActionId: expect.any(String) });
    const session = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.turnCount).toBe(1);
    expect((session.state as { turn: number }).turn).toBe(1);
  });

  it("stores a turn at the time it happened, with the model that wrote it and its calls", async () => {
    const modelDeps: SessionDeps = {
      ...testDb.deps,
      llmFor: (onUsage) =>
        fakeLlm({
          mode: "template",
          model: "fake-model",
          async *compose(request) {
            onUsage({ purpose: "compose", model: "fake-model", promptTokens: 12, completionTokens: 5, latencyMs: 40.4 });
            yield request.fallbackText;
          },
        }),
    };
    const before = Date.now();
    const { sessionId } = await startSession(modelDeps, { clientId: "client_time", scriptId: testDb.checkIn.scriptId });
    await runTurn(modelDeps, { clientId: "client_time", sessionId, clientMessageId: "t1", text: "6" });
    const after = Date.now();

    const prisma = testDb.db.prisma;
    const within = (date: Date | null) => (date ? date.getTime() >= before - 1_000 && date.getTime() <= after + 1_000 : false);
    const session = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(within(session.createdAt) && within(session.updatedAt)).toBe(true);
    expect(session.version).toBe(2);
    const messages = await prisma.message.findMany({ where: { sessionId }, orderBy: { seq: "asc" } });
    expect(messages.every((m) => within(m.createdAt))).toBe(true);
    expect(messages.filter((m) => m.role === "bot").every((m) => m.model === "fake-model" && m.promptScheme === "default@1")).toBe(true);
    const variables = await prisma.variableValue.findMany({ where: { sessionId } });
    expect(variables.length).toBeGreaterThan(0);
    expect(variables.every((v) => within(v.createdAt))).toBe(true);
    const calls = await prisma.llmCall.findMany({ where: { sessionId }, orderBy: { turn: "asc" } });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.at(-1)).toMatchObject({ turn: 1, purpose: "compose", model: "fake-model", promptTokens: 12, completionTokens: 5, latencyMs: 40 });
    expect(await prisma.client.findUnique({ where: { id: "client_time" } })).not.toBeNull();
  });

  it("replays the stored reply when the same message is sent again, storing nothing twice", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "client_b", scriptId: testDb.checkIn.scriptId });
    const first = await runTurn(testDb.deps, { clientId: "client_b", sessionId, clientMessageId: "retry-1", text: "6" });
    const again = await runTurn(testDb.deps, { clientId: "client_b", sessionId, clientMessageId: "retry-1", text: "6" });
    expect(again.replayed).toBe(true);
    expect(again.messages.map((m) => m.text)).toEqual(first.messages.map((m) => m.text));
    const count = await testDb.db.prisma.message.count({ where: { sessionId, role: "client" } });
    expect(count).toBe(1);
  });

  it("lets only one of two concurrent turns start, across instances that share no cache: the other gets BUSY before anything streams", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "client_c", scriptId: testDb.checkIn.scriptId });
    // Two instances, each with a cache of its own: their locks never meet; the session's claim does.
    // The winner's reply waits at its first words until the other instance has been refused, however fast it runs.
    let open = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    const held = fakeLlm({
      mode: "template",
      model: null,
      async *compose(request) {
        await opened;
        yield request.fallbackText;
      },
    });
    const instanceA: SessionDeps = { ...testDb.deps, cache: createCache({}), llmFor: () => held };
    const instanceB: SessionDeps = { ...testDb.deps, cache: createCache({}), llmFor: () => held };
    const prepared = await Promise.allSettled([
      prepareTurn(instanceA, { clientId: "client_c", sessionId, clientMessageId: "a", text: "5" }),
      prepareTurn(instanceB, { clientId: "client_c", sessionId, clientMessageId: "b", text: "8" }),
    ]);
    const winners = prepared.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof prepareTurn>>> => r.status === "fulfilled");
    const losers = prepared.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]?.reason).toBeInstanceOf(ServiceError);
    expect((losers[0]?.reason as ServiceError).code).toBe("BUSY");
    // While the winner runs, the other instance is still refused at once.
    const streamed: string[] = [];
    const running = winners[0]!.value.run((event) => streamed.push(event.type));
    expect(((await errorOf(prepareTurn(instanceB, { clientId: "client_c", sessionId, clientMessageId: "b", text: "8" }))) as ServiceError).code).toBe("BUSY");
    open();
    await running;
    expect(streamed).toContain("text-delta");
    const clientMessages = await testDb.db.prisma.message.findMany({ where: { sessionId, role: "client" } });
    expect(clientMessages).toHaveLength(1);
    const session = await testDb.db.prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session).toMatchObject({ turnCount: 1, turnClaimedUntil: null });
    // Stored, the claim is free: the other message goes through now.
    await expect(runTurn(instanceB, { clientId: "client_c", sessionId, clientMessageId: "b", text: "calm" })).resolves.toMatchObject({ replayed: false });
  });

  it("frees a claim that outlived its time (a crashed instance), and only then", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "client_claim", scriptId: testDb.checkIn.scriptId });
    const prisma = testDb.db.prisma;
    await prisma.session.update({ where: { id: sessionId }, data: { turnClaimedUntil: new Date(Date.now() + 60_000) } });
    const busy = await errorOf(runTurn({ ...testDb.deps, cache: createCache({}) }, { clientId: "client_claim", sessionId, clientMessageId: "k1", text: "5" }));
    expect((busy as ServiceError).code).toBe("BUSY");
    await prisma.session.update({ where: { id: sessionId }, data: { turnClaimedUntil: new Date(Date.now() - 1_000) } });
    await expect(runTurn({ ...testDb.deps, cache: createCache({}) }, { clientId: "client_claim", sessionId, clientMessageId: "k1", text: "5" })).resolves.toMatchObject({ replayed: false });

    // A turn that failed while the database was away could not give its claim back: the same
    // message sent again takes it over; another message waits for it.
    await prisma.session.update({ where: { id: sessionId }, data: { turnClaimedUntil: new Date(Date.now() + 60_000), turnClaimedBy: "k2" } });
    const other = await errorOf(runTurn({ ...testDb.deps, cache: createCache({}) }, { clientId: "client_claim", sessionId, clientMessageId: "k3", text: "calm" }));
    expect((other as ServiceError).code).toBe("BUSY");
    await expect(runTurn({ ...testDb.deps, cache: createCache({}) }, { clientId: "client_claim", sessionId, clientMessageId: "k2", text: "calm" })).resolves.toMatchObject({ replayed: false });
    expect(await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ turnClaimedUntil: null, turnClaimedBy: null });
  });

  it("refuses a second message while one is being answered (lock), with a clear busy error", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "client_d", scriptId: testDb.checkIn.scriptId });
    const first = await prepareTurn(testDb.deps, { clientId: "client_d", sessionId, clientMessageId: "x1", text: "5" });
    const busy = await errorOf(prepareTurn(testDb.deps, { clientId: "client_d", sessionId, clientMessageId: "x2", text: "6" }));
    expect((busy as ServiceError).code).toBe("BUSY");
    await first.run();
    await expect(runTurn(testDb.deps, { clientId: "client_d", sessionId, clientMessageId: "x2", text: "calm" })).resolves.toMatchObject({ replayed: false });
  });

  it("refuses too-long messages, other clients, ended sessions and floods, with clear errors", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "client_e", scriptId: testDb.checkIn.scriptId });
    const tooLong = await errorOf(runTurn(testDb.deps, { clientId: "client_e", sessionId, clientMessageId: "l", text: "x".repeat(4001) }));
    expect(tooLong).toMatchObject({ code: "TOO_LARGE", message: expect.stringContaining("4,000") });

    const stranger = await errorOf(runTurn(testDb.deps, { clientId: "someone_else", sessionId, clientMessageId: "s", text: "hi" }));
    expect(stranger).toMatchObject({ code: "NOT_FOUND" });

    for (let i = 0; i < RATE_LIMITS.perSession.limit; i++) await testDb.deps.cache.rateLimit(`turns:session:${sessionId}`, RATE_LIMITS.perSession);
    const flooded = await errorOf(runTurn(testDb.deps, { clientId: "client_e", sessionId, clientMessageId: "f", text: "7" }));
    expect(flooded).toMatchObject({ code: "RATE_LIMITED" });
    expect((flooded as ServiceError).details.retryAfterSeconds).toBeGreaterThanOrEqual(1);

    const { sessionId: other } = await startSession(testDb.deps, { clientId: "client_f", scriptId: testDb.checkIn.scriptId });
    await testDb.db.prisma.session.update({ where: { id: other }, data: { status: "ended" } });
    const ended = await errorOf(runTurn(testDb.deps, { clientId: "client_f", sessionId: other, clientMessageId: "e", text: "7" }));
    expect(ended).toMatchObject({ code: "ENDED" });
  });

  it("leaves the session's claim as it was when a message is refused after the load took the claim", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "client_restore", scriptId: testDb.checkIn.scriptId });
    const prisma = testDb.db.prisma;
    const claimOf = async () => prisma.session.findUniqueOrThrow({ where: { id: sessionId }, select: { turnClaimedUntil: true, turnClaimedBy: true, version: true } });
    // The expired claim of a turn that never gave it back: the load takes it over, the refusal puts it back.
    const expired = new Date(Date.now() - 5_000);
    await prisma.session.update({ where: { id: sessionId }, data: { turnClaimedUntil: expired, turnClaimedBy: "gone" } });
    const flooded = { ...testDb.deps, cache: createCache({}) };
    for (let i = 0; i < RATE_LIMITS.perSession.limit; i++) await flooded.cache.rateLimit(`turns:session:${sessionId}`, RATE_LIMITS.perSession);
    expect(await errorOf(runTurn(flooded, { clientId: "client_restore", sessionId, clientMessageId: "f1", text: "7" }))).toMatchObject({ code: "RATE_LIMITED" });
    expect(await claimOf()).toMatchObject({ turnClaimedUntil: expired, turnClaimedBy: "gone", version: 1 });

    // No claim before, and the cache's lock is held: refused, and still no claim.
    await prisma.session.update({ where: { id: sessionId }, data: { turnClaimedUntil: null, turnClaimedBy: null } });
    const locked = { ...testDb.deps, cache: createCache({}) };
    await locked.cache.acquireLock(`session:${sessionId}`, { ttlMs: 60_000 });
    expect(await errorOf(runTurn(locked, { clientId: "client_restore", sessionId, clientMessageId: "f2", text: "7" }))).toMatchObject({ code: "BUSY" });
    expect(await claimOf()).toMatchObject({ turnClaimedUntil: null, turnClaimedBy: null, version: 1 });

    // Neither refusal kept the message from going through afterwards.
    await expect(runTurn({ ...testDb.deps, cache: createCache({}) }, { clientId: "client_restore", sessionId, clientMessageId: "f1", text: "7" })).resolves.toMatchObject({ replayed: false });
    expect(await claimOf()).toMatchObject({ turnClaimedUntil: null, turnClaimedBy: null, version: 2 });
  });

  it("interrupts for a client at risk, stores the safety event with its evidence, and flags the session", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "client_h", scriptId: testDb.checkIn.scriptId });
    const result = await runTurn(testDb.deps, { clientId: "client_h", sessionId, clientMessageId: "r1", text: "I don't want to live anymore, I want to kill myself" });
    // The project's crisis trigger runs its technique before the script sees the message.
    expect(result.messages.map((m) => m.text).join("\n")).toMatch(/thoughts of ending your life/);
    expect(result.riskLevel).toBe("high");
    const prisma = testDb.db.prisma;
    const session = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session).toMatchObject({ riskLevel: "high", needsReview: true });
    const events = await prisma.safetyEvent.findMany({ where: { sessionId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ level: "high", source: "lexicon", actionTaken: "trigger:crisis_risk_high", turn: 1 });
    expect(JSON.stringify(events[0]?.evidence)).toContain("kill myself");
    const clientMessage = await prisma.message.findFirstOrThrow({ where: { sessionId, role: "client" } });
    expect(events[0]?.messageId).toBe(clientMessage.id);
    expect(await prisma.variableValue.count({ where: { sessionId, name: "mood_score" } })).toBe(0);
  });

  it("tells a client whose sister texted goodbye how to get her help, stores it as someone else's emergency, and flags the session", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "client_other", scriptId: testDb.checkIn.scriptId });
    const result = await runTurn(testDb.deps, { clientId: "client_other", sessionId, clientMessageId: "o1", text: "my sister texted me goodbye and says she has the pills, she's not answering her phone, what do I do" });
    const said = result.messages.map((m) => m.text).join("\n");
    expect(said).toMatch(/call emergency services for them straight away/);
    expect(said).not.toMatch(/thoughts of ending your life/);
    const prisma = testDb.db.prisma;
    expect(await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ needsReview: true });
    const events = await prisma.safetyEvent.findMany({ where: { sessionId } });
    expect(events).toEqual([expect.objectContaining({ category: "someone_else_in_danger", actionTaken: "emergency_guidance", turn: 1 })]);
    expect(await prisma.variableValue.count({ where: { sessionId, name: "mood_score" } })).toBe(0);
  });

  it("starts exactly one of 20 concurrent turns on one session, refusing the others before they stream, losing and duplicating nothing", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "client_many", scriptId: testDb.checkIn.scriptId });
    const lockless = Object.assign(Object.create(testDb.deps.cache) as SessionDeps["cache"], {
      acquireLock: async () => {
        throw new Error("cache down");
      },
      ping: async () => ({ ok: false, latencyMs: 0 }),
    });
    const unlocked: SessionDeps = { ...testDb.deps, cache: lockless };
    const prepared = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => prepareTurn(unlocked, { clientId: "client_many", sessionId, clientMessageId: `c${i}`, text: String(i % 10) })),
    );
    const started = prepared.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof prepareTurn>>> => r.status === "fulfilled");
    expect(started).toHaveLength(1);
    for (const r of prepared) if (r.status === "rejected") expect((r.reason as ServiceError).code).toBe("BUSY");
    await started[0]!.value.run();
    const prisma = testDb.db.prisma;
    const messages = await prisma.message.findMany({ where: { sessionId }, orderBy: { seq: "asc" } });
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
    expect(messages.filter((m) => m.role === "client")).toHaveLength(1);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).version).toBe(2);
  });

  it("leaves the state unchanged when the model fails, and the same message works on retry", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "client_model", scriptId: testDb.checkIn.scriptId });
    const failing: SessionDeps = {
      ...testDb.deps,
      llmFor: () =>
        fakeLlm({
          model: "down",
          async *compose() {
            throw new LlmError("The model service failed (HTTP 500)", "compose:ask", true);
          },
          extract: async () => {
            throw new LlmError("The model service failed (HTTP 500)", "extract", true);
          },
        }),
    };
    const prisma = testDb.db.prisma;
    const before = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    const failure = await errorOf(runTurn(failing, { clientId: "client_model", sessionId, clientMessageId: "x", text: "7" }));
    expect(failure).toMatchObject({ code: "MODEL_UNAVAILABLE", message: expect.stringMatching(/send your message again/) });
    const after = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(after.version).toBe(before.version);
    expect(after.state).toEqual(before.state);
    expect(await prisma.message.count({ where: { sessionId, role: "client" } })).toBe(0);
    const retried = await runTurn(testDb.deps, { clientId: "client_model", sessionId, clientMessageId: "x", text: "7" });
    expect(retried.replayed).toBe(false);
  });

  it("still stores the reply when the browser goes away mid-stream", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "client_gone", scriptId: testDb.checkIn.scriptId });
    const prepared = await prepareTurn(testDb.deps, { clientId: "client_gone", sessionId, clientMessageId: "bye", text: "5" });
    const response = chatStreamResponse(prepared, "bye");
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    const prisma = testDb.db.prisma;
    let stored = 0;
    for (let i = 0; i < 50 && stored === 0; i++) {
      stored = await prisma.message.count({ where: { sessionId, clientMessageId: "bye" } });
      if (!stored) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(stored).toBe(1);
    const replies = await prisma.message.count({ where: { sessionId, role: "bot", turn: 1 } });
    expect(replies).toBeGreaterThan(0);
  });

  it("keeps working when the cache is unreachable", async () => {
    const downCache = createCache({ upstashUrl: "http://127.0.0.1:9", upstashToken: "t" });
    const offline: SessionDeps = { ...testDb.deps, cache: downCache };
    const { sessionId } = await startSession(offline, { clientId: "client_g", scriptId: testDb.checkIn.scriptId });
    const result = await runTurn(offline, { clientId: "client_g", sessionId, clientMessageId: "c1", text: "4" });
    expect(result.messages.length).toBeGreaterThan(0);
  });
});
