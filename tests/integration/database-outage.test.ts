import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { openDatabase, type Database } from "@/server/db/client";
import { checkHealth } from "@/server/services/health";
import { createTestDatabase, usingPostgres, type TestDatabase } from "../support/test-database";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { callerFor, testPlatform } from "../support/test-platform";

// PGlite runs inside the process and cannot go away, so the outage is a Postgres-only concern.
describe.skipIf(!usingPostgres)("when Postgres goes away and comes back", () => {
  let testDb: TestDatabase;
  let proxy: TcpProxy;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase();
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
    await testDb?.drop();
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
});
