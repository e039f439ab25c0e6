import { afterAll, beforeAll, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { openDatabase, type Database } from "@/server/db/client";
import { checkHealth } from "@/server/services/health";
import { usingPostgres } from "../support/test-database";
import { setUpTestDatabase } from "../support/set-up-test-database";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { describeWithService } from "../support/services";
import { callerFor, testPlatform } from "../support/test-platform";
import { seedExamples, sessionDeps } from "../support/seeded-scripts";
import { startSession } from "@/server/services/sessions/start-session";
import { prepareTurn, runTurn } from "@/server/services/sessions/run-turn";
import { fakeLlm } from "@/server/engine/runtime/test-support";
import { setPlatform } from "@/server/platform";
import { issueClientToken } from "@/server/auth/identity";
import { POST as chatRoute } from "@/app/api/chat/route";
import { GET as trpcRoute } from "@/app/api/trpc/[trpc]/route";

// PGlite runs inside the process and cannot go away, so the outage is a Postgres-only concern.
describeWithService("when Postgres goes away and comes back", usingPostgres ? undefined : "DATABASE_URL is not set", () => {
  const testDb = setUpTestDatabase();
  let proxy: TcpProxy;
  let db: Database;

  beforeAll(async () => {
    const { url } = testDb.postgres!;
    proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
    const proxied = new URL(url);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port);
    db = openDatabase({ kind: "postgres", url: proxied.toString() });
  });

  afterAll(async () => {
    await db?.close();
    await proxy?.close();
  });

  it("answers 503-worthy health and a clear tRPC error, then recovers", async () => {
    const platform = testPlatform(db);
    const caller = callerFor(platform);
    const health = () => checkHealth({ db, cache: platform.cache, llmMode: "template", startedAt: platform.startedAt });

    expect((await health()).db.ok).toBe(true);
    await expect(caller.system.info()).resolves.toMatchObject({ db: { kind: "postgres" } });

    await proxy.stop();
    const down = await health();
    expect(down.status).toBe("unavailable");
    expect(down.db).toMatchObject({ ok: false, kind: "postgres" });
    expect(down.db.error).toMatch(/unreachable|timed out/);

    const failure = await caller.system.info().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TRPCError);
    expect((failure as TRPCError).code).toBe("SERVICE_UNAVAILABLE");
    expect((failure as TRPCError).message).toMatch(/temporarily unavailable/);

    await proxy.start();
    expect((await health()).status).toBe("ok");
    await expect(caller.system.info()).resolves.toMatchObject({ db: { kind: "postgres" } });
  });

  it("stores nothing of a turn whose database went away mid-turn, and the same message succeeds later", async () => {
    const platform = testPlatform(db);
    const scriptId = (await seedExamples(db)).checkIn.scriptId;
    const gate = { release: () => {} };
    let paused: () => void = () => {};
    const reachedModel = new Promise<void>((resolve) => (paused = resolve));
    // A model that stops mid-turn until the test has taken the database away.
    const slow = fakeLlm({
      mode: "template",
      model: null,
      async *compose(request) {
        paused();
        await new Promise<void>((resolve) => (gate.release = resolve));
        yield request.fallbackText;
      },
    });
    const deps = { ...sessionDeps(db), cache: platform.cache };
    const { sessionId } = await startSession(deps, { clientId: "outage", scriptId });
    const before = await db.prisma.session.findUniqueOrThrow({ where: { id: sessionId } });

    const prepared = await prepareTurn({ ...deps, llmFor: () => slow }, { clientId: "outage", sessionId, clientMessageId: "m1", text: "6" });
    const running = prepared.run();
    await reachedModel;
    await proxy.stop();
    gate.release();
    await expect(running).rejects.toThrow();

    await proxy.start();
    const after = await db.prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(after.version).toBe(before.version);
    expect(after.turnCount).toBe(0);
    expect(await db.prisma.message.count({ where: { sessionId, role: "client" } })).toBe(0);
    expect(await db.prisma.variableValue.count({ where: { sessionId, name: "mood_score" } })).toBe(0);

    const retried = await runTurn(deps, { clientId: "outage", sessionId, clientMessageId: "m1", text: "6" });
    expect(retried.replayed).toBe(false);
    expect(await db.prisma.message.count({ where: { sessionId, role: "client" } })).toBe(1);
  });

  it("answers chat turns and tRPC calls with 503 and Retry-After while the database is away, saying nothing of the error", async () => {
    const platform = testPlatform(db);
    setPlatform(platform);
    try {
      const scriptId = (await seedExamples(db)).checkIn.scriptId;
      const deps = { ...sessionDeps(db), cache: platform.cache };
      const { sessionId } = await startSession(deps, { clientId: "outage-chat", scriptId });
      const cookie = `hl_client=${encodeURIComponent(issueClientToken("outage-chat", platform.env.AUTH_SECRET))}`;
      await proxy.stop();

      const chat = await chatRoute(
        new Request("http://127.0.0.1/api/chat", {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({ sessionId, message: { id: "while-away", text: "5" } }),
        }),
        undefined,
      );
      expect(chat.status).toBe(503);
      expect(chat.headers.get("retry-after")).toBe("5");
      expect(await chat.json()).toEqual({ error: "Storage is temporarily unavailable. Please send your message again in a moment.", code: "UNAVAILABLE" });

      const call = await trpcRoute(new Request("http://127.0.0.1/api/trpc/system.info"), undefined);
      expect(call.status).toBe(503);
      expect(call.headers.get("retry-after")).toBe("5");
      expect(await call.text()).not.toMatch(/ECONN|terminated|127\.0\.0\.1/);
    } finally {
      await proxy.start();
      setPlatform(undefined);
    }
  });
});
