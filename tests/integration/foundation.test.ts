import { cp, mkdtemp, rm, writeFile, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedExampleScripts } from "@/server/services/seed";
import { checkHealth } from "@/server/services/health";
import { createTestDatabase, usingPostgres, type TestDatabase } from "../support/test-database";
import { callerFor, testPlatform } from "../support/test-platform";

const shippedScripts = path.resolve(import.meta.dirname, "../../scripts");

let testDb: TestDatabase;
let scriptsDir: string;

// Each test gets its own database (seeding is what they test) and its own copy of the shipped
// scripts, so a test may change a shipped file without touching the repository or the others.
beforeEach(async () => {
  testDb = await createTestDatabase();
  scriptsDir = await mkdtemp(path.join(os.tmpdir(), "heartline-scripts-"));
  await cp(shippedScripts, scriptsDir, { recursive: true });
});

afterEach(async () => {
  await testDb?.drop();
  if (scriptsDir) await rm(scriptsDir, { recursive: true, force: true });
});

describe(`foundation on ${usingPostgres ? "Postgres" : "PGlite"}`, () => {
  it("reports a healthy database of the right kind", async () => {
    const platform = testPlatform(testDb.db);
    const report = await checkHealth({ db: platform.db, cache: platform.cache, llmMode: "template", startedAt: platform.startedAt });
    expect(report.status).toBe("ok");
    expect(report.db).toMatchObject({ ok: true, kind: usingPostgres ? "postgres" : "pglite" });
    expect(report.cache).toMatchObject({ ok: true, kind: "memory" });
    expect(report.llm.mode).toBe("template");
  });

  it("seeds the shipped scripts once, and system.info counts the session scripts", async () => {
    const caller = callerFor(testPlatform(testDb.db));
    expect((await caller.system.info()).publishedScripts).toBe(0);

    const first = await seedExampleScripts(testDb.db.prisma, scriptsDir);
    expect(first.rejected).toEqual([]);
    expect(first.created.length).toBeGreaterThanOrEqual(3);
    expect(first.created).toContain("sessions/first-session-intake.en.yaml");

    const second = await seedExampleScripts(testDb.db.prisma, scriptsDir);
    expect(second.created).toEqual([]);
    expect(second.updated).toEqual([]);
    expect(second.unchanged.sort()).toEqual([...first.created].sort());
    expect(await testDb.db.prisma.scriptVersion.count()).toBe(first.created.length);

    const info = await caller.system.info();
    const sessionScripts = first.created.filter((p) => p.startsWith("sessions/")).length;
    expect(info.publishedScripts).toBe(sessionScripts);
    expect(info.db.kind).toBe(testDb.db.kind);
    expect(info.llm).toEqual({ mode: "template", model: null });
  });

  it("publishes a changed shipped file as a new version, but never over an author's edits", async () => {
    const prisma = testDb.db.prisma;
    const intakePath = "sessions/first-session-intake.en.yaml";
    const file = path.join(scriptsDir, intakePath);
    const original = await readFile(file, "utf8");
    expect((await seedExampleScripts(prisma, scriptsDir)).created).toContain(intakePath);
    await writeFile(file, original.replace(/^(\s*session_name:\s*).*$/m, "$1Intake (revised)"));

    const updated = await seedExampleScripts(prisma, scriptsDir);
    expect(updated.updated).toEqual([intakePath]);
    const script = await prisma.script.findFirstOrThrow({ where: { path: intakePath }, include: { versions: true } });
    expect(script.versions.map((v) => v.number).sort()).toEqual([1, 2]);
    expect(script.draftYaml).toContain("Intake (revised)");

    // An author edits the draft; a later shipped change must not overwrite it.
    await prisma.script.update({ where: { id: script.id }, data: { draftYaml: `${script.draftYaml}\n# my notes\n` } });
    await writeFile(file, original);
    const afterEdit = await seedExampleScripts(prisma, scriptsDir);
    expect(afterEdit.updated).toEqual([]);
    const kept = await prisma.script.findUniqueOrThrow({ where: { id: script.id }, include: { versions: true } });
    expect(kept.draftYaml).toContain("# my notes");
    expect(kept.versions).toHaveLength(2);
  });
});
