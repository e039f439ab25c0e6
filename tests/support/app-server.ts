/**
 * A production server process of its own for a browser-free e2e test: `next start` on the build
 * the Playwright run made (as `npm start` serves it), on a free loopback port (see freePort), with
 * a fresh database (a new Postgres database when DATABASE_URL is set, else a new PGlite folder),
 * migrated first. The test can signal the process and read what it logged.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");

export interface AppServer {
  readonly baseURL: string;
  readonly process: ChildProcess;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Runs one SQL query against the server's database (for PGlite: only once the server exited). */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Stops the process (if still running) and removes the database. */
  dispose(): Promise<void>;
}

/** Listens on `port` (0: any) for a moment; resolves to the port, or null when it is taken. */
async function probePort(port: number): Promise<number | null> {
  const server = net.createServer();
  const bound = await new Promise<boolean>((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => resolve(true));
  });
  if (!bound) return null;
  const { port: taken } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return taken;
}

/** Parallel workers that can share E2E_APP_PORTS without ever choosing the same port. */
const PORT_STRIDE = 4;
let portTurn = 0;

/**
 * A free loopback port. With E2E_APP_PORTS ("3310-3330") it is one of that range: each parallel
 * worker (TEST_PARALLEL_INDEX) takes every PORT_STRIDE-th port from its own offset, so two workers
 * never start servers on one port. Without it, the system picks one.
 */
async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.E2E_APP_PORTS?.trim() ?? "");
  if (!range) return (await probePort(0))!;
  const [low, high] = [Number(range[1]), Number(range[2])];
  const own: number[] = [];
  for (let port = low + (Number(process.env.TEST_PARALLEL_INDEX ?? 0) % PORT_STRIDE); port <= high; port += PORT_STRIDE) own.push(port);
  for (let tried = 0; tried < own.length; tried++) {
    const port = await probePort(own[portTurn++ % own.length]!);
    if (port !== null) return port;
  }
  throw new Error(`no free port left in E2E_APP_PORTS (${low}-${high}) for this worker`);
}

async function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`${args.join(" ")} failed (${code}): ${stderr.slice(-2000)}`);
}

interface TestDatabase {
  env: Record<string, string>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

async function createDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL?.trim();
  if (adminUrl) {
    const name = `heartline_e2e_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString(), PGLITE_DIR: "" },
      async query<T>(sql: string, params: unknown[] = []) {
        const client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
        try {
          return (await client.query(sql, params)).rows as T[];
        } finally {
          await client.end();
        }
      },
      async drop() {
        const cleanup = new pg.Client({ connectionString: adminUrl });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const parent = await mkdtemp(path.join(os.tmpdir(), "heartline-e2e-"));
  const dir = path.join(parent, "pglite");
  return {
    env: { DATABASE_URL: "", PGLITE_DIR: dir },
    async query<T>(sql: string, params: unknown[] = []) {
      const { PGlite } = await import("@electric-sql/pglite");
      const db = new PGlite(dir);
      try {
        return (await db.query<T>(sql, params)).rows;
      } finally {
        await db.close();
      }
    },
    drop: () => rm(parent, { recursive: true, force: true }),
  };
}

/** `waitForReady: false` returns once the process is spawned (for a start that is meant to fail). */
export async function startAppServer(env: Record<string, string> = {}, options: { waitForReady?: boolean } = {}): Promise<AppServer> {
  const database = await createDatabase();
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_MANUAL_SIG_HANDLE: "true",
    AUTH_SECRET: "e2e-only-secret-0123456789-abcdefghijklmnop",
    LOG_LEVEL: "info",
    OPENAI_API_KEY: "",
    OPENAI_BASE_URL: "",
    OPENAI_MODEL: "",
    HEARTLINE_ADMIN_EMAIL: "",
    HEARTLINE_ADMIN_PASSWORD: "",
    ...database.env,
    ...env,
  };
  await run(process.execPath, ["prisma/engine/migrate.mjs", "deploy"], baseEnv);
  // Chosen just before the server binds it: little time for anything else to take it first.
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    env: baseEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const baseURL = `http://127.0.0.1:${port}`;

  const dispose = async () => {
    if (!gone) {
      child.kill("SIGKILL");
      await exited;
    }
    await database.drop();
  };

  if (options.waitForReady === false) return { baseURL, process: child, exited, output: () => output, query: database.query, dispose };
  for (let attempt = 0; attempt < 240 && !gone; attempt++) {
    try {
      if ((await fetch(`${baseURL}/api/ready`)).ok) {
        return { baseURL, process: child, exited, output: () => output, query: database.query, dispose };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await dispose();
  throw new Error(`the server did not become ready:\n${output.slice(-4000)}`);
}
