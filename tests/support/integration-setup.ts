/**
 * Vitest global setup for the integration tests: migrates one template database per run, which
 * every test file then copies (`createTestDatabase`): on Postgres a `CREATE DATABASE … TEMPLATE`,
 * on PGlite a copy of the migrated folder. Copying takes well under a second; migrating took
 * several seconds per file. A PGlite template is migrated on a Postgres run too (beside the
 * Postgres one, at the same time), for the tests of the embedded database itself.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { adminQuery, migrate, PGLITE_TEMPLATE_ENV, TEMPLATE_ENV, usingPostgres } from "./database-admin";

export default async function setup(): Promise<() => Promise<void>> {
  const parent = await mkdtemp(path.join(os.tmpdir(), "heartline-it-template-"));
  const dir = path.join(parent, "pglite");
  const removeFolder = () => rm(parent, { recursive: true, force: true });
  process.env[PGLITE_TEMPLATE_ENV] = dir;
  if (!usingPostgres) {
    await migrate({ kind: "pglite", dir });
    return removeFolder;
  }
  const name = `heartline_it_template_${randomBytes(5).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(process.env.DATABASE_URL!.trim());
  url.pathname = `/${name}`;
  await Promise.all([migrate({ kind: "postgres", url: url.toString() }), migrate({ kind: "pglite", dir })]);
  process.env[TEMPLATE_ENV] = name;
  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await removeFolder();
  };
}
