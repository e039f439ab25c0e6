/**
 * Creating and migrating test databases, without the app's database client (the integration
 * global setup runs in Vitest's main process).
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import type { DatabaseTarget } from "@/prisma/engine/database-target.mjs";

const run = promisify(execFile);
const projectRoot = path.resolve(import.meta.dirname, "../..");

export const usingPostgres = Boolean(process.env.DATABASE_URL?.trim());

/** Where the global setup leaves the Postgres template's database name (a run on Postgres). */
export const TEMPLATE_ENV = "HEARTLINE_TEST_TEMPLATE";
/** Where the global setup leaves the migrated PGlite template folder (every run: the PGlite tests need one on Postgres too). */
export const PGLITE_TEMPLATE_ENV = "HEARTLINE_TEST_PGLITE_TEMPLATE";

/** One statement on the server's maintenance connection (DATABASE_URL as given). */
export async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL!.trim() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export async function migrate(target: DatabaseTarget): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "", PGLITE_DIR: "" };
  if (target.kind === "postgres") env.DATABASE_URL = target.url;
  else env.PGLITE_DIR = target.dir;
  await run(process.execPath, ["prisma/engine/migrate.mjs", "deploy"], { cwd: projectRoot, env, timeout: 120_000 });
}

