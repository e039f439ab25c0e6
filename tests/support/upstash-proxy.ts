/**
 * Test-only server that speaks Upstash's REST protocol in front of a real Redis, so the Upstash
 * cache can be tested without the Upstash service. Covers what @upstash/redis and
 * @upstash/ratelimit send: POST / (one command), /pipeline, /multi-exec, Bearer auth and
 * `Upstash-Encoding: base64` results.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { Redis } from "ioredis";

export interface UpstashProxyOptions {
  /** Defaults to redis://127.0.0.1:6379. */
  redisUrl?: string;
  /** Bearer token clients must send; a random one by default. */
  token?: string;
  connectTimeoutMs?: number;
}

export interface UpstashProxy {
  /** Base URL for @upstash/redis (http://127.0.0.1:<port>). */
  url: string;
  token: string;
  /** Direct connection to the backing Redis, for setup and clean-up. */
  redis: Redis;
  close(): Promise<void>;
}

type Command = string[];
type Reply = { result: unknown } | { error: string };

/** Stock Redis rejects @upstash/ratelimit's `#!lua flags=allow-key-locking` shebang (an Upstash-only flag). */
const SHEBANG = /^#![^\n]*\n/;

const sha1 = (text: string): string => createHash("sha1").update(text).digest("hex");

/** Connects to Redis first, so an unreachable Redis rejects here rather than on the first request. */
export async function startUpstashProxy(options: UpstashProxyOptions = {}): Promise<UpstashProxy> {
  const redisUrl = options.redisUrl ?? "redis://127.0.0.1:6379";
  const token = options.token ?? randomUUID();
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    maxRetriesPerRequest: 1,
    // Give up instead of reconnecting for ever: a test run should fail, not hang.
    retryStrategy: (attempt) => (attempt > 3 ? null : 100),
  });
  // ioredis reports connection trouble as 'error' events (commands reject on their own); keep the
  // last one because connect() itself only says "Connection is closed".
  let lastError: Error | undefined;
  redis.on("error", (error: Error) => {
    lastError = error;
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const detail = lastError?.message ?? (error instanceof Error ? error.message : String(error));
    throw new Error(`cannot connect to Redis at ${redisUrl}: ${detail}`, { cause: error });
  }

  // Scripts are stored in Redis under the hash of the stripped body, but clients ask for the hash
  // of what they sent: remember the mapping so EVALSHA keeps working.
  const scriptShas = new Map<string, string>();

  /** Rewrites script commands for stock Redis; returns the reply mapper SCRIPT LOAD needs. */
  function prepare(command: Command): (result: unknown) => unknown {
    const name = command[0]?.toLowerCase();
    const same = (result: unknown) => result;
    const stripAt = (index: number): string | undefined => {
      const body = command[index];
      if (body === undefined || !SHEBANG.test(body)) return undefined;
      const stripped = body.replace(SHEBANG, "");
      scriptShas.set(sha1(body), sha1(stripped));
      command[index] = stripped;
      return sha1(body);
    };
    if (name === "eval" || name === "eval_ro") {
      stripAt(1);
    } else if (name === "evalsha" || name === "evalsha_ro") {
      const sha = command[1]?.toLowerCase();
      if (sha !== undefined) command[1] = scriptShas.get(sha) ?? sha;
    } else if (name === "script" && command[1]?.toLowerCase() === "load") {
      const clientSha = stripAt(2);
      if (clientSha) return () => clientSha;
    } else if (name === "script" && command[1]?.toLowerCase() === "exists") {
      for (let i = 2; i < command.length; i++) {
        const sha = command[i]?.toLowerCase();
        if (sha !== undefined) command[i] = scriptShas.get(sha) ?? sha;
      }
    }
    return same;
  }

  async function runOne(command: Command): Promise<Reply> {
    const name = command[0];
    if (!name) return { error: "ERR empty command" };
    const mapResult = prepare(command);
    try {
      // callBuffer keeps bulk strings as bytes, so base64 encoding sees exactly what Redis stored.
      return { result: mapResult(await redis.callBuffer(name, command.slice(1))) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  async function runBatch(commands: Command[], atomic: boolean): Promise<Reply[] | { error: string }> {
    const batch = atomic ? redis.multi() : redis.pipeline();
    const mappers = commands.map((command) => {
      const mapResult = prepare(command);
      const [name, ...args] = command;
      batch.callBuffer(name ?? "", args);
      return mapResult;
    });
    let results: [error: Error | null, result: unknown][] | null;
    try {
      results = await batch.exec();
    } catch (error) {
      // EXECABORT: a command was rejected while queueing, so nothing ran.
      return { error: error instanceof Error ? error.message : String(error) };
    }
    if (!results) return { error: "ERR transaction aborted" };
    return results.map(([error, result], i): Reply =>
      error ? { error: error.message } : { result: (mappers[i] ?? ((r: unknown) => r))(result) },
    );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, 500, { error: `proxy error: ${error instanceof Error ? error.message : String(error)}` });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.authorization !== `Bearer ${token}`) {
      send(res, 401, { error: "Unauthorized" });
      return;
    }
    if (req.method !== "POST") {
      send(res, 405, { error: "only POST is supported" });
      return;
    }
    const base64 = req.headers["upstash-encoding"]?.toString().toLowerCase() === "base64";
    const path = new URL(req.url ?? "/", "http://proxy").pathname.replace(/\/+$/, "") || "/";
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      send(res, 400, { error: "ERR request body is not JSON" });
      return;
    }

    if (path === "/") {
      const command = toCommand(body);
      if (!command) return send(res, 400, { error: "ERR body must be a non-empty JSON array" });
      const reply = await runOne(command);
      return "error" in reply ? send(res, 400, reply) : send(res, 200, { result: encode(reply.result, base64) });
    }
    if (path === "/pipeline" || path === "/multi-exec") {
      const commands = Array.isArray(body) ? body.map(toCommand) : [];
      if (commands.length === 0 || commands.some((c) => c === undefined)) {
        return send(res, 400, { error: "ERR body must be a JSON array of commands" });
      }
      const replies = await runBatch(commands as Command[], path === "/multi-exec");
      if (!Array.isArray(replies)) return send(res, 400, replies);
      return send(
        res,
        200,
        replies.map((reply) => ("error" in reply ? reply : { result: encode(reply.result, base64) })),
      );
    }
    send(res, 404, { error: `unknown path ${path}` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    redis,
    close: async () => {
      // Clients use keep-alive sockets that would hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Upstash accepts numbers, booleans and null as arguments and passes them to Redis as text. */
function toCommand(value: unknown): Command | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.map((part: unknown) =>
    typeof part === "string" ? part : typeof part === "object" && part !== null ? JSON.stringify(part) : String(part),
  );
}

function encode(value: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(value)) return base64 ? value.toString("base64") : value.toString("utf8");
  if (typeof value === "string") return base64 ? Buffer.from(value).toString("base64") : value;
  if (Array.isArray(value)) return value.map((item) => encode(item, base64));
  if (value instanceof Error) return value.message;
  return value; // integers and nil
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  res.end(json);
}
