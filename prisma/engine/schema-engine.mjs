#!/usr/bin/env node
// Heartline's stand-in for Prisma's native schema-engine binary, which the CLI would otherwise
// download (impossible offline). The CLI runs it when PRISMA_SCHEMA_ENGINE_BINARY names this file
// (prisma/engine/migrate.mjs and the postinstall script set it).
//
// It speaks the binary's CLI protocol and forwards the work to @prisma/schema-engine-wasm, which
// reaches the database through a Prisma driver adapter:
//   schema-engine --version
//   schema-engine [--datamodels <path>…] --datasource '{"url":…,"shadowDatabaseUrl":…}'
//       JSON-RPC 2.0 on stdin/stdout, one message per line; logs as JSON lines on stderr.
//   schema-engine --datasource '{"url":…}' cli can-connect-to-database|create-database|drop-database
//       exit 0 on success; on failure exit 1 with JSON log lines on stderr (the CLI skips the first
//       line and reads `fields.error_code`/`fields.message` from the ERROR line).
//
// Postgres URLs go to @prisma/adapter-pg; the PGlite marker URL (see database-target.mjs) goes to
// pglite-prisma-adapter on that data directory, with an in-memory PGlite as shadow database.
// Database URLs are never written out: they may hold passwords.

import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { link, mkdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PGLITE_LOCK_FILE, pgliteLockHolder, targetFromDatasourceUrl } from "./database-target.mjs";

const EXIT_ERROR = 1;
const EXIT_PANIC = 101; // what the CLI treats as an engine crash, as for the native binary
const FORCED_EXIT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 10_000;
/** JSON-RPC error code the native engine uses for user-facing errors (details in `data`). */
const USER_FACING_ERROR = 4466;
/** The wasm engine refuses an empty schema list; commands without a schema still need a provider. */
const PLACEHOLDER_SCHEMA = ["schema.prisma", 'datasource db {\n  provider = "postgresql"\n}\n'];

// ---------------------------------------------------------------------------------------------
// Logging: stderr carries only JSON lines, as the native engine's does.

function log(level, message, fields = {}) {
  const line = { timestamp: new Date().toISOString(), level, fields: { message, ...fields }, target: "schema_engine::logger" };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

// Node prints warnings as plain text, which would break the CLI's line-by-line JSON parsing.
process.removeAllListeners("warning");
process.on("warning", (warning) => log("WARN", `${warning.name}: ${warning.message}`));

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArguments(argv) {
  const options = { version: false, datamodels: [], datasource: undefined, cliCommand: undefined };
  const valueOf = (index, flag) => {
    const value = argv[index];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--version" || arg === "-V") {
      options.version = true;
    } else if (arg === "--datamodels") {
      options.datamodels.push(valueOf(++i, arg));
      // The native binary also takes several paths after one flag.
      while (i + 1 < argv.length && !argv[i + 1].startsWith("-") && argv[i + 1] !== "cli") {
        options.datamodels.push(argv[++i]);
      }
    } else if (arg === "--datasource") {
      try {
        options.datasource = JSON.parse(valueOf(++i, arg));
      } catch {
        throw new Error("--datasource must be JSON");
      }
    } else if (arg === "--enabled-preview-features" || arg === "--extension-types") {
      // Preview features reach the wasm engine through the schema's generator block, and
      // Heartline declares no extension types: accepted for compatibility, nothing to do.
      valueOf(++i, arg);
    } else if (arg === "cli") {
      options.cliCommand = valueOf(++i, "cli");
      if (i + 1 < argv.length) throw new Error(`Unexpected argument after cli ${options.cliCommand}`);
    } else {
      throw new Error(`Unknown argument ${JSON.stringify(arg)}`);
    }
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// The wasm engine, loaded as @prisma/internals loads it: compile schema_engine_bg.wasm and give it
// the wasm-bindgen glue module as its import. (The package's main entry imports the .wasm file as
// an ES module, which Node 20 only allows behind a flag.)

let panicMessage;

async function loadSchemaEngineWasm() {
  // The glue reports Rust panics here just before the wasm traps with "unreachable".
  globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => (panicMessage = message) };
  const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import(pathToFileURL(gluePath).href);
  const bytes = readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue;
}

// ---------------------------------------------------------------------------------------------
// Resources released on exit (pools, PGlite instances, shadow databases), newest first.

const cleanups = new Set();

/** Registers `release`; the returned function runs it at most once and unregisters it. */
function track(release) {
  let done;
  const run = () => {
    done ??= (async () => {
      cleanups.delete(run);
      await release();
    })();
    return done;
  };
  cleanups.add(run);
  return run;
}

let shuttingDown;

function shutdown(code) {
  shuttingDown ??= (async () => {
    // A release stuck on a half-finished transaction must not keep the process alive.
    setTimeout(() => process.exit(code), FORCED_EXIT_MS).unref();
    for (const release of [...cleanups].reverse()) {
      try {
        await release();
      } catch (error) {
        log("WARN", `Cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    process.exit(code);
  })();
  return shuttingDown;
}

// ---------------------------------------------------------------------------------------------
// Postgres through @prisma/adapter-pg

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

function retypeCharColumns(result) {
  for (const part of Array.isArray(result) ? result : [result]) {
    for (const field of part?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

/**
 * adapter-pg 7.10.1 rejects Postgres' internal one-byte `"char"` type (OID 18) as unsupported, and
 * the schema describer selects such columns from the catalogs (relkind, contype, …). Reporting
 * them as text is exact: their values arrive as one-character strings.
 */
class CharAsTextClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === "function") [values, callback] = [undefined, values];
    if (config == null || typeof config.submit === "function") return super.query(config, values, callback);
    if (typeof callback === "function") {
      return super.query(config, values, (error, result) => callback(error, error ? result : retypeCharColumns(result)));
    }
    const pending = super.query(config, values);
    return typeof pending?.then === "function" ? pending.then(retypeCharColumns) : pending;
  }
}

function postgresUrlParts(url) {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  return {
    database: database || "postgres",
    location: `${parsed.hostname || "localhost"}:${parsed.port || "5432"}`,
    user: decodeURIComponent(parsed.username),
    schema: parsed.searchParams.get("schema") ?? undefined,
  };
}

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on("error", () => {}); // a dropped idle connection surfaces through the pending query
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The server's maintenance database, for CREATE/DROP DATABASE of the URL's own database. */
function maintenanceUrl(url) {
  return withDatabase(url, "postgres");
}

/** Runs a whole script as one simple-protocol query, as the native engine does. */
function runScriptInOneQuery(adapter) {
  // adapter-pg splits scripts on every ";", which breaks `DO $$ … $$` blocks and string literals.
  // A parameterless query goes over the simple protocol, which accepts several statements.
  return async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
}

function postgresAdapterFactory(url, shadowDatabaseUrl) {
  const { schema } = postgresUrlParts(url);
  const adapterFor = (connectionString) =>
    new PrismaPg({ connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, Client: CharAsTextClient }, { schema });

  const connectTo = async (connectionString) => {
    const adapter = await adapterFor(connectionString).connect();
    const release = track(() => adapter.dispose());
    return Object.assign(Object.create(adapter), { executeScript: runScriptInOneQuery(adapter), dispose: release });
  };

  return {
    provider: "postgres",
    adapterName: adapterFor(url).adapterName,
    connect: () => connectTo(url),
    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        // A configured shadow database is reused, so it is emptied first, as the native engine
        // does; the wasm engine would replay the migrations onto the previous run's tables.
        const shadowSchema = pg.escapeIdentifier(postgresUrlParts(shadowDatabaseUrl).schema ?? "public");
        await withClient(shadowDatabaseUrl, (client) =>
          client.query(`DROP SCHEMA IF EXISTS ${shadowSchema} CASCADE; CREATE SCHEMA ${shadowSchema}`),
        );
        return connectTo(shadowDatabaseUrl);
      }
      // adapter-pg's own shadow database is dropped while its pool still holds connections, so
      // the DROP fails and the database leaks. Here the pool closes first and the DROP forces.
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      const identifier = pg.escapeIdentifier(name);
      await withClient(url, (client) => client.query(`CREATE DATABASE ${identifier}`));
      const dropDatabase = track(() =>
        withClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${identifier} WITH (FORCE)`)),
      );
      let shadow;
      try {
        shadow = await connectTo(withDatabase(url, name));
      } catch (error) {
        await dropDatabase();
        throw error;
      }
      const closePool = shadow.dispose;
      shadow.dispose = async () => {
        try {
          await closePool();
        } finally {
          await dropDatabase();
        }
      };
      return shadow;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PGlite through pglite-prisma-adapter

/**
 * PGlite does not lock its data directory, and two processes on one directory corrupt it. The
 * lock file keeps two migrations apart and lets migrate.mjs wait until this process has closed
 * the database (the CLI kills the engine without waiting for it).
 */
async function lockPgliteDir(dir) {
  const lockPath = path.join(dir, PGLITE_LOCK_FILE);
  // Written aside and hard-linked into place: the link is atomic and fails if a lock exists, so
  // nobody ever reads a half-written lock.
  const candidate = `${lockPath}.${process.pid}`;
  await writeFile(candidate, String(process.pid));
  try {
    for (;;) {
      try {
        await link(candidate, lockPath);
        return () => unlink(lockPath).catch(() => {});
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
      }
      const holder = pgliteLockHolder(dir);
      if (holder !== undefined) throw new Error(`The PGlite database is in use by another migration (process ${holder})`);
      await unlink(lockPath).catch(() => {}); // stale: its process is gone
    }
  } finally {
    await unlink(candidate).catch(() => {});
  }
}

/** Awaits the script: the adapter's own executeScript fires `exec` without awaiting it, so a
 *  failing migration would be reported as applied and its error would crash the process. */
function runScriptAwaited(adapter, db) {
  return async (script) => {
    try {
      await db.exec(script);
    } catch (error) {
      adapter.onError(error); // the adapter's mapping to Prisma's driver errors; always throws
    }
  };
}

async function pgliteAdapter(db, dispose) {
  const adapter = await new PrismaPGlite(db).connect();
  return Object.assign(Object.create(adapter), { executeScript: runScriptAwaited(adapter, db), dispose });
}

function pgliteAdapterFactory(dir) {
  let opened; // PGlite is one process with one connection: every `connect` shares it
  let shadowTemplate; // a pristine data directory: loading it takes ~0.5 s, a fresh initdb ~2–4 s

  const open = async () => {
    await mkdir(dir, { recursive: true });
    const unlock = await lockPgliteDir(dir);
    try {
      const db = await PGlite.create(dir);
      track(async () => {
        try {
          await db.close();
        } finally {
          await unlock();
        }
      });
      return db;
    } catch (error) {
      await unlock();
      throw error;
    }
  };

  // `migrate dev` asks for a shadow database two to four times per run.
  const createShadowDatabase = async () => {
    const template = await shadowTemplate;
    if (template) return PGlite.create({ loadDataDir: template });
    const db = await PGlite.create();
    shadowTemplate ??= db.dumpDataDir("none").catch(() => undefined);
    await shadowTemplate;
    return db;
  };

  return {
    provider: "postgres",
    adapterName: new PrismaPGlite(undefined).adapterName,
    async connect() {
      opened ??= open();
      // The engine may dispose its connection and connect again; the database stays open until exit.
      return pgliteAdapter(await opened, async () => {});
    },
    async connectToShadowDb() {
      // In memory, and closed on dispose (the adapter's own shadow database is never closed).
      const db = await createShadowDatabase();
      return pgliteAdapter(db, track(() => db.close()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// `cli …` subcommands: the CLI runs them to check for, and create, the database before migrating.

class UserFacingError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function postgresConnectionError(error, url) {
  const { database, location, user } = postgresUrlParts(url);
  switch (error.code) {
    case "3D000":
      return new UserFacingError("P1003", `Database \`${database}\` does not exist on the database server at \`${location}\`.`);
    case "28P01":
    case "28000":
      return new UserFacingError(
        "P1000",
        `Authentication failed against database server, the provided database credentials for \`${user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${location}\`.`,
      );
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
      return new UserFacingError("P1001", `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.`);
    default:
      return error.message === "Connection terminated due to connection timeout"
        ? new UserFacingError("P1001", `Can't reach database server at \`${location}\``)
        : error;
  }
}

async function runCliCommand(command, target) {
  if (target.kind === "pglite") {
    switch (command) {
      case "can-connect-to-database":
      case "create-database":
        // Opening a PGlite directory creates the database; being able to create the folder is
        // what "can connect" means here.
        await mkdir(target.dir, { recursive: true });
        return;
      case "drop-database": {
        const holder = pgliteLockHolder(target.dir);
        if (holder !== undefined) throw new Error(`The PGlite database is in use by another migration (process ${holder})`);
        // Only ever delete what is recognisably a Postgres data directory.
        if (existsSync(path.join(target.dir, "PG_VERSION"))) await rm(target.dir, { recursive: true, force: true });
        return;
      }
    }
  } else {
    const { url } = target;
    const { database } = postgresUrlParts(url);
    const identifier = pg.escapeIdentifier(database);
    const connect = (connectionUrl, work) =>
      withClient(connectionUrl, work).catch((error) => {
        throw postgresConnectionError(error, connectionUrl);
      });
    switch (command) {
      case "can-connect-to-database":
        return connect(url, async () => {});
      case "create-database":
        return connect(maintenanceUrl(url), async (client) => {
          const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
          if (!rowCount) await client.query(`CREATE DATABASE ${identifier}`);
        });
      case "drop-database":
        return connect(maintenanceUrl(url), (client) => client.query(`DROP DATABASE IF EXISTS ${identifier} WITH (FORCE)`));
    }
  }
  throw new Error(`Unknown cli command ${JSON.stringify(command)}`);
}

// ---------------------------------------------------------------------------------------------
// JSON-RPC server

/** Methods whose parameters and results the wasm engine shares with the native binary. */
const FORWARDED_METHODS = new Set([
  "applyMigrations",
  "createMigration",
  "dbExecute",
  "devDiagnostic",
  "diagnoseMigrationHistory",
  "ensureConnectionValidity",
  "evaluateDataLoss",
  "introspect",
  "introspectSql",
  "markMigrationApplied",
  "markMigrationRolledBack",
  "reset",
  "schemaPush",
]);

/** Methods that replay the migrations on a shadow database. */
const SHADOW_DATABASE_METHODS = new Set(["evaluateDataLoss", "createMigration"]);
const SHADOW_FACTORY_LOST = "shadow DB must be provided through an external factory";

class MethodNotFound extends Error {}

function send(message) {
  process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
}

function isWasmPanic(error) {
  return error instanceof WebAssembly.RuntimeError || panicMessage !== undefined;
}

function rpcError(error) {
  if (error instanceof MethodNotFound) return { code: -32601, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  if (isWasmPanic(error)) {
    const reason = panicMessage ?? message;
    return { code: USER_FACING_ERROR, message: reason, data: { is_panic: true, message: reason, backtrace: null } };
  }
  return {
    code: USER_FACING_ERROR,
    message: "An error happened. Check the data field for details.",
    data: { is_panic: false, message, error_code: error?.code ?? null, meta: error?.meta ?? null },
  };
}

function serveJsonRpc(options, target) {
  let engine; // created on the first request, so that a broken schema is reported as its error
  let nextOutgoingId = 1;
  const awaitingReply = new Map();
  let current; // the request being handled, for crash reports
  let adapterErrors; // JavaScript errors thrown inside the adapters, by id

  const requestFromCli = (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextOutgoingId++;
      awaitingReply.set(id, { resolve, reject });
      send({ id, method, params });
    });

  const createEngine = async () => {
    const glue = await loadSchemaEngineWasm();
    const datamodels = options.datamodels.length
      ? await Promise.all(options.datamodels.map(async (file) => [file, await readFile(file, "utf8")]))
      : [PLACEHOLDER_SCHEMA];
    const { url, shadowDatabaseUrl } = options.datasource ?? {};
    const factory = !target
      ? missingDatasourceFactory()
      : target.kind === "pglite"
        ? pgliteAdapterFactory(target.dir)
        : postgresAdapterFactory(url, shadowDatabaseUrl);
    const onLog = (line) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`);
    const boundFactory = bindMigrationAwareSqlAdapterFactory(factory);
    adapterErrors = boundFactory.errorRegistry;
    return glue.SchemaEngine.new({ datamodels }, onLog, boundFactory);
  };

  const dispatch = async (method, params) => {
    engine ??= createEngine();
    const schemaEngine = await engine;
    switch (method) {
      case "getDatabaseVersion":
        return schemaEngine.version(params ?? null);
      case "diff": {
        // The native engine sends the script to the CLI as a `print` request before it answers;
        // the wasm engine returns it instead.
        const { exitCode, stdout } = await schemaEngine.diff(params);
        if (stdout != null) await requestFromCli("print", { content: stdout });
        return { exitCode };
      }
      case "createDatabase": {
        const url = params?.datasource?.url ?? options.datasource?.url;
        if (!url) throw new Error("createDatabase needs a connection string");
        const databaseTarget = targetFromDatasourceUrl(url);
        await runCliCommand("create-database", databaseTarget);
        return { databaseName: databaseTarget.kind === "pglite" ? "postgres" : postgresUrlParts(url).database };
      }
      case "debugPanic":
        return schemaEngine.debugPanic();
      default:
        if (!FORWARDED_METHODS.has(method)) throw new MethodNotFound(`Method not found: ${method}`);
        if (SHADOW_DATABASE_METHODS.has(method)) return withShadowDatabase(schemaEngine, method, params);
        return schemaEngine[method](params);
    }
  };

  const handle = async ({ id, method, params }) => {
    current = id;
    try {
      const result = await dispatch(method, params);
      if (id !== undefined) send({ id, result: result ?? null });
    } catch (error) {
      if (id !== undefined) send({ id, error: rpcError(withAdapterErrorMessages(error, adapterErrors)) });
      if (isWasmPanic(error)) {
        log("ERROR", panicMessage ?? String(error), { is_panic: true });
        await shutdown(EXIT_PANIC);
      }
    } finally {
      current = undefined;
    }
  };

  // A wasm trap can also escape from a callback the glue schedules, outside any request's promise.
  const crash = (error) => {
    if (current !== undefined) send({ id: current, error: rpcError(error) });
    log("ERROR", panicMessage ?? (error instanceof Error ? error.message : String(error)), { is_panic: true });
    void shutdown(EXIT_PANIC);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);

  // Requests run one at a time (the engine is not re-entrant); replies to our own requests are
  // handled at once, since the request waiting for them holds the queue.
  let queue = Promise.resolve();
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  input.on("line", (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ id: null, error: { code: -32700, message: "Parse error" } });
      return;
    }
    if (message.method === undefined) {
      const waiting = awaitingReply.get(message.id);
      awaitingReply.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error.message ?? "The CLI refused a request"));
      else waiting?.resolve(message.result);
      return;
    }
    queue = queue.then(() => handle(message));
  });
  // The CLI ends stdin and then sends SIGTERM at once: both mean "finish and close the database".
  input.on("close", () => void queue.then(() => shutdown(0)));
  process.on("SIGTERM", () => void shutdown(0));
  process.on("SIGINT", () => void shutdown(0));
}

/**
 * The wasm engine hands its adapter's shadow-database factory to evaluateDataLoss and
 * createMigration only after a devDiagnostic (or diagnoseMigrationHistory) call on the same
 * engine, and forgets it again when applyMigrations applies something. `migrate dev` with pending
 * migrations does exactly that (devDiagnostic, applyMigrations, evaluateDataLoss) and fails with
 * "PostgreSQL shadow DB must be provided through an external factory". Both methods only read, so
 * on that error: run devDiagnostic on the same migrations, which restores the factory, and retry.
 */
async function withShadowDatabase(schemaEngine, method, params) {
  try {
    return await schemaEngine[method](params);
  } catch (error) {
    if (!(error instanceof Error && error.message.includes(SHADOW_FACTORY_LOST))) throw error;
    await schemaEngine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
    return schemaEngine[method](params);
  }
}

/**
 * The wasm engine reports a JavaScript error thrown inside an adapter (a refused connection, a
 * locked PGlite directory) only as "External error id#N"; the adapter binding keeps the error
 * itself under that id. Put its message back, as Prisma's own wasm engine wrapper does.
 */
function withAdapterErrorMessages(error, registry) {
  if (!(error instanceof Error) || !registry) return error;
  error.message = error.message.replace(/External error id#(\d+)/g, (reference, id) => {
    const original = registry.consumeError(Number(id))?.error;
    return original instanceof Error ? original.message : reference;
  });
  return error;
}

function missingDatasourceFactory() {
  const refuse = async () => {
    throw new Error("No datasource URL was given to the schema engine (set DATABASE_URL, or run prisma/engine/migrate.mjs)");
  };
  return { provider: "postgres", adapterName: "none", connect: refuse, connectToShadowDb: refuse };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    log("ERROR", error.message);
    process.exit(EXIT_ERROR);
  }

  if (options.version) {
    const glue = await loadSchemaEngineWasm();
    process.stdout.write(`schema-engine-cli ${glue.version()}\n`);
    return;
  }

  const url = options.datasource?.url;
  if (options.cliCommand) {
    log("INFO", "Starting schema engine CLI"); // the CLI discards the first stderr line
    try {
      if (!url) throw new Error("The cli commands need --datasource with a url");
      await runCliCommand(options.cliCommand, targetFromDatasourceUrl(url));
    } catch (error) {
      log("ERROR", error.message, error instanceof UserFacingError ? { error_code: error.code } : {});
      process.exit(EXIT_ERROR);
    }
    return;
  }

  let target;
  try {
    target = url ? targetFromDatasourceUrl(url) : undefined;
  } catch (error) {
    log("ERROR", error.message);
    process.exit(EXIT_ERROR);
  }
  serveJsonRpc(options, target);
}

await main();
