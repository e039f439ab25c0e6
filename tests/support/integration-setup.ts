/**
 * Vitest global setup for the integration tests: migrates one template database per run, which
 * every test file then copies (`createTestDatabase`): on Postgres a `CREATE DATABASE … TEMPLATE`,
 * on PGlite a copy of the migrated folder. Copying takes well under a second; migrating took
 * several seconds per file.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { adminQuery, migrate, TEMPLATE_ENV, usingPostgres } from "./database-admin";

export default async function setup(): Promise<() => Promise<void>> {
  if (usingPostgres) {
    const name = `heartline_it_template_${randomBytes(5).toString("hex")}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    const url = new URL(process.env.DATABASE_URL!.trim());
    url.pathname = `/${name}`;
    await migrate({ kind: "postgres", url: url.toString() });
    process.env[TEMPLATE_ENV] = name;
    return async () => {
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
  }
  const parent = await mkdtemp(path.join(os.tmpdir(), "heartline-it-template-"));
  const dir = path.join(parent, "pglite");
  await migrate({ kind: "pglite", dir });
  process.env[TEMPLATE_ENV] = dir;
  return async () => {
    await rm(parent, { recursive: true, force: true });
  };
}
