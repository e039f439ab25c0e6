// Which database Heartline uses, decided in one place for the app, migrations and tests:
// a non-empty DATABASE_URL means Postgres; otherwise embedded PGlite in PGLITE_DIR.
//
// Prisma's CLI only accepts a postgresql:// URL, so the PGlite target travels to the CLI (and from
// it to our schema-engine bridge) as a marker URL:
//
//   postgresql://pglite/postgres?dir=<URL-encoded absolute data directory>
//
// The host `pglite` together with a `dir` parameter is what marks it; no real server is involved.
// Database `postgres` is the one database inside a PGlite data directory.

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (this file lives in prisma/engine/): relative PGLITE_DIR values start here. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const DEFAULT_PGLITE_DIR = "./.data/pglite";

/**
 * Written into a PGlite data directory by the schema-engine bridge while it has the database open
 * (PGlite itself does not lock it); holds the bridge's process id. migrate.mjs waits for it to go.
 */
export const PGLITE_LOCK_FILE = "heartline-schema-engine.lock";

const PGLITE_HOST = "pglite";
const PGLITE_DIR_PARAM = "dir";

/**
 * @param {{ readonly DATABASE_URL?: string | undefined; readonly PGLITE_DIR?: string | undefined }} [env]
 * @param {string} [root] base for a relative PGLITE_DIR (default: the project root)
 * @returns {import("./database-target.d.mts").DatabaseTarget}
 */
export function resolveDatabaseTarget(env = process.env, root = PROJECT_ROOT) {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres", url };
  // Empty counts as unset, like DATABASE_URL: callers blank variables to switch targets.
  const dir = env.PGLITE_DIR?.trim() || DEFAULT_PGLITE_DIR;
  return { kind: "pglite", dir: path.resolve(root, dir) };
}

/**
 * The URL handed to Prisma's CLI for a target.
 * @param {import("./database-target.d.mts").DatabaseTarget} target
 * @returns {string}
 */
export function datasourceUrl(target) {
  if (target.kind === "postgres") return target.url;
  const url = new URL(`postgresql://${PGLITE_HOST}/postgres`);
  url.searchParams.set(PGLITE_DIR_PARAM, path.resolve(target.dir));
  return url.toString();
}

/**
 * The inverse of datasourceUrl, for the schema-engine bridge.
 * @param {string} url
 * @returns {import("./database-target.d.mts").DatabaseTarget}
 */
export function targetFromDatasourceUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("The datasource URL is not a valid URL");
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new Error(`Unsupported datasource protocol "${parsed.protocol}" (expected postgresql://)`);
  }
  const dir = parsed.searchParams.get(PGLITE_DIR_PARAM);
  if (parsed.hostname === PGLITE_HOST && dir) return { kind: "pglite", dir: path.resolve(dir) };
  return { kind: "postgres", url };
}

/**
 * The id of the live process holding a PGlite directory's lock file, if any (a stale lock left by
 * a killed process does not count).
 * @param {string} dir
 * @returns {number | undefined}
 */
export function pgliteLockHolder(dir) {
  let pid;
  try {
    pid = Number.parseInt(readFileSync(path.join(dir, PGLITE_LOCK_FILE), "utf8"), 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return pid;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM" ? pid : undefined;
  }
}
