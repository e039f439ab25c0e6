import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  datasourceUrl,
  pgliteLockHolder,
  resolveDatabaseTarget,
  targetFromDatasourceUrl,
} from "@/prisma/engine/database-target.mjs";
import { describeWithService } from "../support/services";

// `npm run db:migrate` end to end: the real Prisma CLI, our schema-engine bridge and the wasm
// engine, on a fresh PGlite directory and (when DATABASE_URL is set) a fresh Postgres database.

const run = promisify(execFile);
const projectRoot = path.resolve(import.meta.dirname, "../..");
const MIGRATE_TIMEOUT_MS = 120_000;
const adminUrl = process.env.DATABASE_URL?.trim();

/** Runs migrate.mjs with only the given target variables (the caller's own are blanked). */
function migrate(command: string, target: { DATABASE_URL?: string; PGLITE_DIR?: string }) {
  const env = { ...process.env, DATABASE_URL: "", PGLITE_DIR: "", ...target };
  return run(process.execPath, ["prisma/engine/migrate.mjs", command], {
    cwd: projectRoot,
    env,
    timeout: MIGRATE_TIMEOUT_MS,
  });
}

async function expectedTables(): Promise<string[]> {
  const schema = await readFile(path.join(projectRoot, "prisma/schema.prisma"), "utf8");
  const models = [...schema.matchAll(/^model\s+(\w+)\s*\{/gm)].map((match) => match[1]!);
  return [...models, "_prisma_migrations"].sort();
}

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(path.join(projectRoot, "prisma/migrations"), { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

interface Queryable {
  query<T>(sql: string): Promise<{ rows: T[] }>;
}

const TABLES_SQL = `SELECT table_name FROM information_schema.tables
  WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
const APPLIED_SQL = `SELECT migration_name FROM _prisma_migrations
  WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`;

async function expectMigrated(db: Queryable) {
  const tables = (await db.query<{ table_name: string }>(TABLES_SQL)).rows.map((row) => row.table_name);
  expect(tables.sort()).toEqual(await expectedTables());
  const applied = (await db.query<{ migration_name: string }>(APPLIED_SQL)).rows.map((row) => row.migration_name);
  expect(applied).toEqual(await migrationNames());
}

describe("database target", () => {
  it("uses Postgres for a non-empty DATABASE_URL and PGlite otherwise", () => {
    const url = "postgresql://app:secret@db.internal:5432/heartline";
    expect(resolveDatabaseTarget({ DATABASE_URL: ` ${url} ` })).toEqual({ kind: "postgres", url });
    expect(resolveDatabaseTarget({ DATABASE_URL: "", PGLITE_DIR: "" })).toEqual({
      kind: "pglite",
      dir: path.join(projectRoot, ".data/pglite"),
    });
    expect(resolveDatabaseTarget({ PGLITE_DIR: "var/db" }, "/srv/app")).toEqual({ kind: "pglite", dir: "/srv/app/var/db" });
  });

  it("round-trips a PGlite target through the URL given to the Prisma CLI", () => {
    const target = { kind: "pglite", dir: "/tmp/a dir/with?odd&chars" } as const;
    const url = datasourceUrl(target);
    expect(url).toMatch(/^postgresql:\/\/pglite\/postgres\?dir=/);
    expect(targetFromDatasourceUrl(url)).toEqual(target);
    // A real server that happens to be called "pglite" is still Postgres.
    expect(targetFromDatasourceUrl("postgresql://pglite:5432/app").kind).toBe("postgres");
  });

  it("rejects an unknown command with a one-line error", async () => {
    await expect(migrate("sideways", {})).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^migrate\.mjs: unknown command sideways\n/),
    });
  });
});

describe("migrate deploy on PGlite", () => {
  let parent: string;
  let dir: string;

  beforeAll(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), "heartline-migrations-"));
    dir = path.join(parent, "pglite");
  });
  afterAll(async () => {
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it(
    "creates every table in a fresh directory, and a second run changes nothing",
    async () => {
      const first = await migrate("deploy", { PGLITE_DIR: dir });
      expect(first.stdout).toContain("All migrations have been successfully applied.");
      // migrate.mjs returns only once the engine has closed the database.
      expect(pgliteLockHolder(dir)).toBeUndefined();

      const second = await migrate("deploy", { PGLITE_DIR: dir });
      expect(second.stdout).toContain("No pending migrations to apply.");

      const status = await migrate("status", { PGLITE_DIR: dir });
      expect(status.stdout).toContain("Database schema is up to date!");

      const db = await PGlite.create(dir);
      try {
        await expectMigrated(db);
      } finally {
        await db.close();
      }
    },
    3 * MIGRATE_TIMEOUT_MS,
  );
});

describeWithService("migrate deploy on Postgres", adminUrl ? undefined : "DATABASE_URL is not set", () => {
  const name = `heartline_mig_${randomBytes(5).toString("hex")}`;
  let url: string;

  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin((client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
    const parsed = new URL(adminUrl!);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  });
  afterAll(async () => {
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
  });

  it(
    "creates every table in a fresh database, and a second run changes nothing",
    async () => {
      const first = await migrate("deploy", { DATABASE_URL: url });
      expect(first.stdout).toContain("All migrations have been successfully applied.");
      const second = await migrate("deploy", { DATABASE_URL: url });
      expect(second.stdout).toContain("No pending migrations to apply.");

      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await expectMigrated(client);
      } finally {
        await client.end();
      }
    },
    3 * MIGRATE_TIMEOUT_MS,
  );
});
