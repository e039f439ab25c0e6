import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { openDatabase, type Database, type DatabaseTarget } from "@/server/db/client";
import { PGLITE_LOCK_FILE } from "@/prisma/engine/database-target.mjs";
import { adminQuery, migrate, PGLITE_TEMPLATE_ENV, TEMPLATE_ENV, usingPostgres } from "./database-admin";

export { usingPostgres };

/**
 * A fresh, migrated database for one test file: a new Postgres database when DATABASE_URL is set
 * (as in CI), else a new PGlite folder. Under Vitest it is a copy of the run's template (see
 * integration-setup.ts); elsewhere (bench scripts) it is migrated itself. `drop()` removes it.
 */
export interface TestDatabase {
  db: Database;
  target: DatabaseTarget;
  /** For Postgres: the admin URL and the database name, to build proxied URLs in fault tests. */
  postgres?: { url: URL; name: string };
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (usingPostgres) {
    const adminUrl = new URL(process.env.DATABASE_URL!.trim());
    const name = `heartline_it_${randomBytes(5).toString("hex")}`;
    const template = process.env[TEMPLATE_ENV];
    await adminQuery(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const target: DatabaseTarget = { kind: "postgres", url: url.toString() };
    if (!template) await migrate(target);
    const db = openDatabase(target);
    return {
      db,
      target,
      postgres: { url, name },
      drop: async () => {
        await db.close();
        await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  }
  const parent = await mkdtemp(path.join(os.tmpdir(), "heartline-it-"));
  const target: DatabaseTarget = { kind: "pglite", dir: path.join(parent, "pglite") };
  await createMigratedPgliteFolder(target.dir);
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

/**
 * A migrated PGlite folder at `dir`, not opened: a copy of the run's PGlite template under Vitest,
 * else (bench scripts) migrated here.
 */
export async function createMigratedPgliteFolder(dir: string): Promise<void> {
  const template = process.env[PGLITE_TEMPLATE_ENV];
  // The migration's lock file is left out: its process is gone, and the copy is not locked.
  if (template) await cp(template, dir, { recursive: true, filter: (source) => path.basename(source) !== PGLITE_LOCK_FILE });
  else await migrate({ kind: "pglite", dir });
}
