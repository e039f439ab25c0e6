/**
 * How the browser talks to POST /api/chat: the AI SDK's HTTP transport, sending only this turn's
 * client message (`{sessionId, message: {id, text}}`; the server keeps the history), and turning
 * refusals before the stream into errors that carry their status and Retry-After.
 */
import { DefaultChatTransport, type UIMessage } from "ai";
import type { RiskLevel } from "@/server/engine/safety/risk-types";

export type { RiskLevel };
export type TurnStatus = "active" | "completed" | "ended";

/** A suggested answer to the question the bot is waiting on: `label` is shown, `text` is sent when chosen. */
export interface QuickReply {
  label: string;
  text: string;
}

export type ChatDataParts = {
  /** The quick replies of the question now pending ([] for an open question). */
  "quick-replies": { options: QuickReply[] };
  safety: { level: RiskLevel; reason: string };
  turn: { status: TurnStatus; riskLevel: RiskLevel; replayed: boolean };
  position: { phaseId: string; topicId: string; actionId: string; round: number };
};

export type ChatMessage = UIMessage<unknown, ChatDataParts>;

/** A refusal from /api/chat before any reply was streamed. */
export class ChatRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = "ChatRequestError";
  }
}

export function messageText(message: Pick<ChatMessage, "parts">): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

const BUSY_RETRIES = 8;
const BUSY_WAIT_MS = 1_500;

function wait(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

export interface ChatTransportOptions {
  sessionId: string;
  /**
   * Asked when the server answers 409 (a turn is still running, or the conversation ended: the
   * status alone does not say which). True → wait and send the same message id again.
   */
  stillActive: () => Promise<boolean>;
}

export function createChatTransport({ sessionId, stillActive }: ChatTransportOptions): DefaultChatTransport<ChatMessage> {
  return new DefaultChatTransport<ChatMessage>({
    api: "/api/chat",
    credentials: "same-origin",
    prepareSendMessagesRequest: ({ messages }) => {
      const message = messages.findLast((m) => m.role === "user");
      if (!message) throw new Error("There is no message to send.");
      return { body: { sessionId, message: { id: message.id, text: messageText(message) } } };
    },
    fetch: async (input, init) => {
      for (let attempt = 0; ; attempt += 1) {
        const response = await fetch(input, init);
        if (response.ok) return response;
        const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
        const text = typeof body?.error === "string" ? body.error : response.statusText;
        // The same message id is safe to send again: the server stores it at most once.
        if (response.status === 409 && attempt < BUSY_RETRIES && (await stillActive().catch(() => false))) {
          await wait(BUSY_WAIT_MS, init?.signal);
          continue;
        }
        const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
        throw new ChatRequestError(response.status, text, Number.isFinite(retryAfter) ? retryAfter : null);
      }
    },
  });
}

export type SendProblem =
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "busy" }
  | { kind: "network" }
  | { kind: "turn"; serverMessage: string }
  | { kind: "too-large" }
  | { kind: "refused" }
  | { kind: "ended" }
  | { kind: "not-found" }
  | { kind: "identity" };

/** What went wrong with a send, in terms the UI can explain (and whether a retry can help). */
export function classifySendError(error: Error, sessionActive: boolean): SendProblem {
  if (error instanceof ChatRequestError) {
    switch (error.status) {
      case 429:
        return { kind: "rate-limited", retryAfterSeconds: error.retryAfterSeconds ?? 5 };
      case 409:
        return sessionActive ? { kind: "busy" } : { kind: "ended" };
      case 413:
        return { kind: "too-large" };
      case 401:
        return { kind: "identity" };
      case 404:
        return { kind: "not-found" };
      case 400:
        return { kind: "refused" };
      default:
        return error.status >= 500 ? { kind: "turn", serverMessage: error.message } : { kind: "refused" };
    }
  }
  // fetch() rejects with a TypeError when the network fails; a dropped stream shows up similarly.
  if (error instanceof TypeError || /network|fetch|load failed/i.test(error.message)) return { kind: "network" };
  // An error part inside the stream: the server's own human message.
  return { kind: "turn", serverMessage: error.message };
}

export function isRetryable(problem: SendProblem): boolean {
  return problem.kind === "rate-limited" || problem.kind === "busy" || problem.kind === "network" || problem.kind === "turn";
}
