import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database, type DatabaseTarget } from "@/server/db/client";

const run = promisify(execFile);
const projectRoot = path.resolve(import.meta.dirname, "../..");

/**
 * A fresh, migrated database for one test file: a new Postgres database when DATABASE_URL is set
 * (as in CI), else a new PGlite folder. `drop()` removes it.
 */
export interface TestDatabase {
  db: Database;
  target: DatabaseTarget;
  /** For Postgres: the admin URL and the database name, to build proxied URLs in fault tests. */
  postgres?: { url: URL; name: string };
  drop(): Promise<void>;
}

export const usingPostgres = Boolean(process.env.DATABASE_URL?.trim());

export async function migrate(target: DatabaseTarget): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "", PGLITE_DIR: "" };
  if (target.kind === "postgres") env.DATABASE_URL = target.url;
  else env.PGLITE_DIR = target.dir;
  await run(process.execPath, ["prisma/engine/migrate.mjs", "deploy"], { cwd: projectRoot, env, timeout: 120_000 });
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (usingPostgres) {
    const adminUrl = new URL(process.env.DATABASE_URL!.trim());
    const name = `heartline_it_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const target: DatabaseTarget = { kind: "postgres", url: url.toString() };
    await migrate(target);
    const db = openDatabase(target);
    return {
      db,
      target,
      postgres: { url, name },
      drop: async () => {
        await db.close();
        const cleanup = new pg.Client({ connectionString: adminUrl.toString() });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const parent = await mkdtemp(path.join(os.tmpdir(), "heartline-it-"));
  const target: DatabaseTarget = { kind: "pglite", dir: path.join(parent, "pglite") };
  await migrate(target);
  const db = openDatabase(target);
  return {
    db,
    target,
    drop: async () => {
      await db.close();
      await rm(parent, { recursive: true, force: true });
    },
  };
}
