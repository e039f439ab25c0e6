/**
 * The embedded database is one process's at a time: a CLI command run while the app holds the
 * folder (the issue: `create-admin` during `npm run dev` printed success, but the account never
 * reached the running app) is refused with a message that says what to do; a lock left by a
 * process that is gone does not block anyone.
 */
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/client";
import { APP_LOCK_FILE, DatabaseInUseError } from "@/server/db/pglite-lock";
import { createMigratedPgliteFolder } from "../support/test-database";

const projectRoot = path.resolve(import.meta.dirname, "../..");
let parent: string;
let dir: string;

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), "heartline-lock-"));
  dir = path.join(parent, "pglite");
  await createMigratedPgliteFolder(dir);
});

afterAll(async () => {
  await rm(parent, { recursive: true, force: true });
});

function run(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(path.join(projectRoot, "node_modules/.bin/tsx"), ["server/cli/main.ts", ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: dir, LOG_LEVEL: "silent" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

describe("the embedded database's lock", () => {
  it("refuses create-admin while the app has the database open, and lets it run once the app is gone", async () => {
    const app = openDatabase({ kind: "pglite", dir });
    try {
      const refused = await run(["create-admin", "--email", "admin@example.test"], "correct horse battery staple\n");
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/in use by another Heartline process \(pid \d+\).*Stop it first/s);
      expect(await app.prisma.user.count()).toBe(0);
    } finally {
      await app.close();
    }
    expect(existsSync(path.join(dir, APP_LOCK_FILE))).toBe(false);
    const created = await run(["create-admin", "--email", "admin@example.test"], "correct horse battery staple\n");
    expect(created.stderr).toBe("");
    expect(created).toMatchObject({ code: 0, stdout: "Created admin admin@example.test.\n" });
    const reopened = openDatabase({ kind: "pglite", dir });
    try {
      expect(await reopened.prisma.user.count({ where: { email: "admin@example.test" } })).toBe(1);
    } finally {
      await reopened.close();
    }
  });

  it("takes over a lock whose process is gone, and may be opened twice by one process", async () => {
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.once("exit", resolve));
    writeFileSync(path.join(dir, APP_LOCK_FILE), String(gone.pid));
    const first = openDatabase({ kind: "pglite", dir });
    const second = openDatabase({ kind: "pglite", dir });
    await first.close();
    expect(existsSync(path.join(dir, APP_LOCK_FILE))).toBe(true);
    await second.close();
    expect(existsSync(path.join(dir, APP_LOCK_FILE))).toBe(false);
  });

  it("names the process that holds it", async () => {
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeFileSync(path.join(dir, APP_LOCK_FILE), String(holder.pid));
      let error: unknown;
      try {
        openDatabase({ kind: "pglite", dir });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DatabaseInUseError);
      expect((error as Error).message).toContain(`pid ${holder.pid}`);
      expect((error as Error).message).toContain("DATABASE_URL");
    } finally {
      holder.kill("SIGKILL");
      await new Promise((resolve) => holder.once("exit", resolve));
    }
  });
});
