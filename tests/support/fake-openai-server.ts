import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small OpenAI-compatible Chat Completions server on 127.0.0.1 for tests: it lets the real
 * `@ai-sdk/openai` provider run end to end (HTTP, SSE parsing, structured output, retries,
 * timeouts) without a network. Replies come from a script the test gives; every request is recorded.
 */

/** Token counts the fake reports; the defaults are small fixed numbers. */
export interface FakeUsage {
  promptTokens: number;
  completionTokens: number;
}

export type FakeReply =
  /** Assistant text. A string array is sent as those exact stream deltas (one chunk each). */
  | { type: "text"; text: string | string[]; delayMs?: number; chunkDelayMs?: number; usage?: FakeUsage; finishReason?: string }
  /**
   * A JSON value for structured output: sent as the message content (response_format), or as the
   * arguments of a call to the forced tool when the request asks for one.
   */
  | { type: "json"; value: unknown; delayMs?: number; usage?: FakeUsage }
  /** An HTTP error in OpenAI's error shape. */
  | { type: "error"; status: number; message?: string; headers?: Record<string, string>; delayMs?: number }
  /** Streams these deltas, then destroys the connection (no finish reason, no [DONE]). */
  | { type: "cut"; chunks: string[]; chunkDelayMs?: number }
  /** Never answers; the request ends only when the client gives up (for timeouts). */
  | { type: "hang" };

export interface RecordedMessage {
  role: string;
  content: unknown;
}

/** The parts of a Chat Completions request body tests look at; `raw` has all of it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  model: string | undefined;
  stream: boolean;
  messages: RecordedMessage[];
  responseFormat: unknown;
  tools: unknown;
  toolChoice: unknown;
  raw: Record<string, unknown>;
}

export type FakeScript = (request: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAiServer {
  /** e.g. http://127.0.0.1:12345/v1, for createOpenAI({ baseURL }). */
  readonly baseURL: string;
  /** Every chat completion request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Adds replies to the queue (used when no script function is set). */
  enqueue(...replies: FakeReply[]): void;
  /** Answers every request with this function instead of the queue. */
  setScript(script: FakeScript | null): void;
  /** Clears the queue, the script and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_USAGE: FakeUsage = { promptTokens: 11, completionTokens: 7 };
const MODEL = "fake-model";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What a request asks for: its structured-output schema's name (= the LLM port's purpose), else "compose" for a stream or "summarise". */
export function purposeOf(request: RecordedRequest): string {
  const format = request.responseFormat;
  if (isRecord(format) && isRecord(format.json_schema) && typeof format.json_schema.name === "string") return format.json_schema.name;
  return request.stream ? "compose" : "summarise";
}

/** The fields a request's structured-output schema asks for (none without one). */
export function requestedFields(request: RecordedRequest): string[] {
  const format = request.responseFormat;
  const schema = isRecord(format) && isRecord(format.json_schema) ? format.json_schema.schema : undefined;
  return isRecord(schema) && isRecord(schema.properties) ? Object.keys(schema.properties) : [];
}

function toRecorded(req: http.IncomingMessage, body: Record<string, unknown>): RecordedRequest {
  const messages = Array.isArray(body.messages)
    ? body.messages.filter(isRecord).map((message) => ({ role: String(message.role), content: message.content }))
    : [];
  return {
    method: req.method ?? "",
    path: req.url ?? "",
    headers: req.headers,
    model: typeof body.model === "string" ? body.model : undefined,
    stream: body.stream === true,
    messages,
    responseFormat: body.response_format,
    tools: body.tools,
    toolChoice: body.tool_choice,
    raw: body,
  };
}

/** The function name a request forces with tool_choice, if any. */
function forcedTool(request: RecordedRequest): string | undefined {
  const choice = request.toolChoice;
  if (isRecord(choice) && isRecord(choice.function) && typeof choice.function.name === "string") return choice.function.name;
  if (choice === "required" && Array.isArray(request.tools)) {
    const first: unknown = request.tools[0];
    if (isRecord(first) && isRecord(first.function) && typeof first.function.name === "string") return first.function.name;
  }
  return undefined;
}

function usageBody(usage: FakeUsage) {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
  };
}

/** Splits text into a few deltas so streaming tests see more than one chunk. */
function splitText(text: string): string[] {
  const parts = text.match(/\S+\s*|\s+/g);
  return parts && parts.length ? parts : [text];
}

export async function startFakeOpenAiServer(options: { script?: FakeScript; replies?: FakeReply[] } = {}): Promise<FakeOpenAiServer> {
  const queue: FakeReply[] = [...(options.replies ?? [])];
  let script: FakeScript | null = options.script ?? null;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let counter = 0;

  /** A delay that ends early (false) when the client goes away, so nothing writes to a closed socket. */
  const wait = (ms: number, res: http.ServerResponse) =>
    new Promise<boolean>((resolve) => {
      if (ms <= 0) return resolve(!res.destroyed);
      const onClose = () => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        timers.delete(timer);
        res.off("close", onClose);
        resolve(!res.destroyed);
      }, ms);
      timers.add(timer);
      res.once("close", onClose);
    });

  const sendError = (res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify({ error: { message, type: status >= 500 ? "server_error" : "invalid_request_error", code: null } }));
  };

  const writeChunk = (res: http.ServerResponse, id: string, delta: Record<string, unknown>, finishReason: string | null = null) => {
    const chunk = { id, object: "chat.completion.chunk", created: 1, model: MODEL, choices: [{ index: 0, delta, finish_reason: finishReason }] };
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  };

  const startStream = (res: http.ServerResponse, id: string) => {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    writeChunk(res, id, { role: "assistant", content: "" });
  };

  const finishStream = (res: http.ServerResponse, id: string, request: RecordedRequest, finishReason: string, usage: FakeUsage) => {
    writeChunk(res, id, {}, finishReason);
    const streamOptions = request.raw.stream_options;
    if (isRecord(streamOptions) && streamOptions.include_usage === true) {
      const chunk = { id, object: "chat.completion.chunk", created: 1, model: MODEL, choices: [], usage: usageBody(usage) };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
    res.end("data: [DONE]\n\n");
  };

  const answer = async (request: RecordedRequest, reply: FakeReply, res: http.ServerResponse) => {
    const id = `chatcmpl-${++counter}`;
    if (reply.type === "hang") {
      // Ends when the client aborts or close() drops the connection.
      await new Promise<void>((resolve) => res.once("close", () => resolve()));
      return;
    }
    if ("delayMs" in reply && reply.delayMs && !(await wait(reply.delayMs, res))) return;

    if (reply.type === "error") {
      sendError(res, reply.status, reply.message ?? `fake error ${reply.status}`, reply.headers);
      return;
    }

    if (reply.type === "cut") {
      startStream(res, id);
      for (const delta of reply.chunks) {
        if (!(await wait(reply.chunkDelayMs ?? 0, res))) return;
        writeChunk(res, id, { content: delta });
      }
      // Give the chunks time to leave before the socket goes, as a real dropped connection would.
      await wait(20, res);
      res.socket?.destroy();
      return;
    }

    const usage = reply.usage ?? DEFAULT_USAGE;
    const tool = reply.type === "json" ? forcedTool(request) : undefined;
    const content = reply.type === "json" ? JSON.stringify(reply.value) : Array.isArray(reply.text) ? reply.text.join("") : reply.text;
    const finishReason = tool ? "tool_calls" : reply.type === "text" ? (reply.finishReason ?? "stop") : "stop";

    if (request.stream) {
      startStream(res, id);
      if (tool) {
        writeChunk(res, id, { tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: tool, arguments: content } }] });
      } else {
        const deltas = reply.type === "text" && Array.isArray(reply.text) ? reply.text : splitText(content);
        for (const delta of deltas) {
          if (reply.type === "text" && !(await wait(reply.chunkDelayMs ?? 0, res))) return;
          writeChunk(res, id, { content: delta });
        }
      }
      finishStream(res, id, request, finishReason, usage);
      return;
    }

    const message = tool
      ? { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: tool, arguments: content } }] }
      : { role: "assistant", content };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id,
        object: "chat.completion",
        created: 1,
        model: MODEL,
        choices: [{ index: 0, message, finish_reason: finishReason }],
        usage: usageBody(usage),
      }),
    );
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        if (req.method !== "POST" || !req.url?.startsWith("/v1/chat/completions")) {
          sendError(res, 404, "fake server: only POST /v1/chat/completions");
          return;
        }
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          sendError(res, 400, "fake server: body is not JSON");
          return;
        }
        if (!isRecord(body)) {
          sendError(res, 400, "fake server: body is not an object");
          return;
        }
        const request = toRecorded(req, body);
        const index = requests.length;
        requests.push(request);
        const reply = script ? await script(request, index) : queue.shift();
        if (!reply) {
          // A visible failure instead of a hang when a test scripted too few replies.
          sendError(res, 418, "fake server: no scripted reply left");
          return;
        }
        await answer(request, reply, res);
      })().catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, `fake server failed: ${String(error)}`);
        else res.destroy();
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue(...replies) {
      queue.push(...replies);
    },
    setScript(next) {
      script = next;
    },
    reset() {
      queue.length = 0;
      script = null;
      requests.length = 0;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
