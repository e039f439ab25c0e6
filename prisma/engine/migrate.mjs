// `npm run db:migrate` (deploy) and `npm run db:migrate:dev` (dev [--name x] [--create-only]);
// `node prisma/engine/migrate.mjs status` shows the migration status of the same database.
//
// Picks the database like the app does (database-target.mjs: DATABASE_URL, else PGlite in
// PGLITE_DIR) and runs the project's Prisma CLI against it, with our schema-engine bridge in place
// of the native binary the CLI cannot download here. For PGlite the CLI gets the marker URL
// postgresql://pglite/postgres?dir=… through DATABASE_URL, which prisma.config.ts passes on.

import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PROJECT_ROOT, datasourceUrl, pgliteLockHolder, resolveDatabaseTarget } from "./database-target.mjs";

const BRIDGE = path.join(PROJECT_ROOT, "prisma/engine/schema-engine.mjs");
const PRISMA_CLI = path.join(PROJECT_ROOT, "node_modules/.bin/prisma");
/** How long to wait for the engine to close a PGlite database after the CLI has exited. */
const PGLITE_RELEASE_TIMEOUT_MS = 10_000;

const USAGE = "usage: node prisma/engine/migrate.mjs deploy | dev [--name <name>] [--create-only] | status";

class UsageError extends Error {}

/** @param {string[]} argv @returns {string[]} the `prisma migrate …` arguments */
function prismaArguments(argv) {
  const [command, ...rest] = argv;
  if (command === "deploy" || command === "status") {
    if (rest.length) throw new UsageError(`unexpected argument ${rest[0]}`);
    return ["migrate", command];
  }
  if (command !== "dev") throw new UsageError(command ? `unknown command ${command}` : "missing command");
  const args = ["migrate", "dev"];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--name" || arg === "-n") {
      const name = rest[++i];
      if (!name) throw new UsageError("--name needs a value");
      args.push("--name", name);
    } else if (arg.startsWith("--name=")) {
      args.push("--name", arg.slice("--name=".length));
    } else if (arg === "--create-only") {
      args.push(arg);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  return args;
}

/** Where the database is, for messages: never the URL itself, which may hold a password. */
function describe(target) {
  if (target.kind === "pglite") {
    const relative = path.relative(PROJECT_ROOT, target.dir);
    return `PGlite at ${relative && !relative.startsWith("..") ? relative : target.dir}`;
  }
  const url = new URL(target.url);
  return `Postgres at ${url.hostname}:${url.port || "5432"}${url.pathname}`;
}

/** @returns {Promise<number>} the exit code */
function runPrisma(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(PRISMA_CLI, args, { cwd: PROJECT_ROOT, env, stdio: "inherit" });
    const forward = (signal) => child.kill(signal);
    process.on("SIGTERM", forward);
    process.on("SIGINT", forward);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      process.off("SIGTERM", forward);
      process.off("SIGINT", forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** The CLI kills the engine without waiting for it: wait until it has closed the database, so that
 *  whatever runs next (the server, a test) never opens it while it is still open here. */
async function waitForPgliteRelease(dir) {
  const deadline = Date.now() + PGLITE_RELEASE_TIMEOUT_MS;
  while (pgliteLockHolder(dir) !== undefined) {
    if (Date.now() > deadline) throw new Error(`the schema engine still holds the PGlite database in ${dir}`);
    await sleep(25);
  }
}

async function main() {
  const args = prismaArguments(process.argv.slice(2));
  const target = resolveDatabaseTarget(process.env);
  if (target.kind === "pglite") mkdirSync(target.dir, { recursive: true });

  const env = {
    ...process.env,
    DATABASE_URL: datasourceUrl(target),
    PRISMA_SCHEMA_ENGINE_BINARY: BRIDGE,
    // No update checks or telemetry: there is no network here, and migrations must not wait for it.
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
  const started = performance.now();
  const code = await runPrisma(args, env);
  if (target.kind === "pglite") await waitForPgliteRelease(target.dir);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (code !== 0) {
    // `migrate status` also exits non-zero when migrations are pending or failed.
    const outcome = args[1] === "status" ? "reported a problem" : "failed";
    throw new Error(`prisma ${args.join(" ")} ${outcome} on ${describe(target)} (exit code ${code}, ${seconds} s)`);
  }
  process.stderr.write(`migrate.mjs: prisma ${args.join(" ")} on ${describe(target)} took ${seconds} s\n`);
}

try {
  await main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`migrate.mjs: ${message}${error instanceof UsageError ? `\n${USAGE}` : ""}\n`);
  process.exit(1);
}
