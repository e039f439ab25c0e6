/**
 * One client message, end to end: checks, a claim on the session taken before anything streams
 * (in the database, so it holds across instances; a per-session cache lock answers faster when
 * there is a shared cache), the engine turn streamed to the caller as it runs, and one statement
 * that stores everything and frees the claim. Correctness still comes from the session version. A
 * retried message (same client message id) replays the stored reply.
 */
import { EngineError, type EngineEvent, type SessionState } from "../../engine/runtime/types";
import { engineEntry } from "../engine-runtime";
import { LlmError, type LlmUsage } from "../../engine/llm/port";
import { resolveScheme } from "../../engine/prompts/default-scheme";
import type { Lock } from "../../cache/types";
import { ServiceError } from "../errors";
import type { SessionDeps } from "./deps";
import { claimTurn, commitRun, recordSafetyOfUnstoredTurn, releaseTurnClaim, restoreTurnClaim, type StoredMessage } from "./persist";
import { allowsTemplateFallback, asOverrides, loadRunnable, type TechniquePins } from "./runnable";
import { isUniqueViolation, utcTimestamp } from "../../db/sql";
import { cleanText } from "../../engine/text/storable";
import { getLogger } from "../../log";
import { errorCause } from "../../observability/error-cause";
import { withSpan } from "../../observability/tracing";

/** Longest client message accepted, in characters. */
export const MAX_MESSAGE_CHARS = 4_000;
/** Turns per client per minute, and per session per minute. */
export const RATE_LIMITS = { perClient: { limit: 30, windowSeconds: 60 }, perSession: { limit: 20, windowSeconds: 60 } } as const;
const BUSY_MESSAGE = "Your previous message is still being answered. Please wait a moment and send this again.";
/** A lock (and the session's claim) outlives any normal turn (model calls included) but frees itself after a crash. */
const TURN_LOCK_MS = 90_000;

export interface TurnInput {
  clientId: string;
  sessionId: string;
  clientMessageId: string;
  text: string;
}

export interface TurnResult {
  replayed: boolean;
  /** The bot messages of this turn, as stored. */
  messages: StoredMessage[];
  status: "active" | "completed" | "ended";
  riskLevel: SessionState["risk"]["level"];
}

export type TurnSink = (event: EngineEvent) => void;

/**
 * The message as the engine sees it and as it is stored. Characters Postgres refuses are cleaned,
 * never refused (NUL dropped, half an emoji replaced by U+FFFD): a client's words, a crisis
 * message above all, must be kept.
 */
export function validateMessage(text: string): string {
  const cleaned = cleanText(text);
  const trimmed = cleaned.trim();
  if (!trimmed) throw new ServiceError("BAD_REQUEST", "The message is empty.");
  if (cleaned.length > MAX_MESSAGE_CHARS) {
    throw new ServiceError("TOO_LARGE", `Messages can be at most ${MAX_MESSAGE_CHARS.toLocaleString("en")} characters; this one has ${cleaned.length.toLocaleString("en")}.`);
  }
  return trimmed;
}

async function enforceRateLimits(deps: SessionDeps, clientId: string, sessionId: string): Promise<void> {
  const checks = [
    deps.cache.rateLimit(`turns:client:${clientId}`, { limit: deps.turnLimits?.perClient ?? RATE_LIMITS.perClient.limit, windowSeconds: 60 }),
    deps.cache.rateLimit(`turns:session:${sessionId}`, { limit: deps.turnLimits?.perSession ?? RATE_LIMITS.perSession.limit, windowSeconds: 60 }),
  ];
  const results = await Promise.allSettled(checks);
  for (const result of results) {
    // A cache outage must never block a conversation: limits are skipped, not enforced.
    if (result.status === "fulfilled" && !result.value.allowed) {
      throw new ServiceError("RATE_LIMITED", "You are sending messages very quickly. Please wait a moment.", {
        retryAfterSeconds: result.value.retryAfterSeconds,
      });
    }
  }
}

async function storedReply(deps: SessionDeps, sessionId: string, clientMessageId: string): Promise<StoredMessage[] | null> {
  const original = await deps.prisma.message.findUnique({
    where: { sessionId_clientMessageId: { sessionId, clientMessageId } },
    select: { turn: true },
  });
  if (!original) return null;
  return deps.prisma.message.findMany({
    where: { sessionId, turn: original.turn, role: { not: "client" } },
    orderBy: { seq: "asc" },
    select: { id: true, seq: true, role: true, text: true, turn: true, actionId: true, createdAt: true },
  });
}

async function replay(deps: SessionDeps, sessionId: string, messages: StoredMessage[], sink: TurnSink): Promise<TurnResult> {
  for (const message of messages) {
    const actionId = message.actionId ?? "replay";
    sink({ type: "message-start", actionId, purpose: "replay" });
    sink({ type: "text-delta", actionId, delta: message.text });
    sink({ type: "message-end", actionId, text: message.text });
  }
  const session = await deps.prisma.session.findUniqueOrThrow({ where: { id: sessionId }, select: { status: true, riskLevel: true } });
  return { replayed: true, messages, status: session.status, riskLevel: session.riskLevel };
}

/** A turn that passed every check; `run` streams it and stores it (and frees the lock). */
export interface PreparedTurn {
  run(sink?: TurnSink): Promise<TurnResult>;
}

/**
 * Everything that can refuse a message before anything runs (size, ownership, ended session, rate
 * limits, a turn already running), so callers can answer with a proper status before streaming.
 */
export function prepareTurn(deps: SessionDeps, input: TurnInput): Promise<PreparedTurn> {
  return withSpan("chat.turn.prepare", { "heartline.session_id": input.sessionId }, () => prepare(deps, input));
}

async function prepare(deps: SessionDeps, input: TurnInput): Promise<PreparedTurn> {
  const text = validateMessage(input.text);
  // The claim every instance sees: a second turn (another tab, another instance) is refused here,
  // before it streams a reply that could never be stored. It is taken by the statement that loads
  // the session, when the session is active and the message not yet answered (one round trip
  // fewer a turn), and put back as it was when the checks below refuse the message.
  const now = new Date();
  const claim = { sessionId: input.sessionId, clientMessageId: input.clientMessageId, until: new Date(now.getTime() + TURN_LOCK_MS) };
  // Someone else's session is "not found", never "forbidden": its existence is private too.
  const [session] = await deps.sql.query<LoadedSession & ClaimAtLoad>(LOAD_AND_CLAIM, [
    input.sessionId,
    input.clientId,
    input.clientMessageId,
    utcTimestamp(claim.until),
    utcTimestamp(now),
  ]);
  if (!session) throw new ServiceError("NOT_FOUND", "This conversation was not found.");

  if (session.answered) {
    const earlier = await storedReply(deps, session.id, input.clientMessageId);
    if (earlier) return { run: (sink = () => {}) => replay(deps, session.id, earlier, sink) };
  }
  if (session.status !== "active") throw new ServiceError("ENDED", "This conversation has ended. You can start a new one.");

  const giveBack = () => (session.claimed ? restoreTurnClaim(deps.sql, claim, { until: session.claimedUntil, by: session.claimedBy }).catch(() => {}) : undefined);
  try {
    await enforceRateLimits(deps, input.clientId, session.id);
  } catch (error) {
    await giveBack();
    throw error;
  }

  let lock: Lock | null = null;
  try {
    lock = await deps.cache.acquireLock(`session:${session.id}`, { ttlMs: TURN_LOCK_MS });
  } catch {
    lock = null; // cache down: the version check when storing still keeps turns from overlapping
  }
  if (lock === null && (await deps.cache.ping().then((p) => p.ok, () => false))) {
    await giveBack();
    throw new ServiceError("BUSY", BUSY_MESSAGE);
  }

  let claimed = session.claimed;
  if (!claimed && session.answered) {
    // Answered when loaded, but its reply was gone when read (a race): claimed the usual way.
    try {
      claimed = await claimTurn(deps.sql, claim, session.version);
    } catch (error) {
      await lock?.release().catch(() => {});
      throw error;
    }
  }
  if (!claimed) {
    await lock?.release().catch(() => {});
    throw new ServiceError("BUSY", BUSY_MESSAGE);
  }

  return {
    run: (sink = () => {}) =>
      withSpan("chat.turn.run", { "heartline.session_id": session.id }, async () => {
        let stored = false;
        try {
          const result = await executeTurn(deps, session, input.clientMessageId, text, sink);
          stored = true;
          return result;
        } finally {
          // Storing the turn freed the claim; a turn that failed gives it up, so the message can be sent again at once.
          if (!stored) await releaseTurnClaim(deps.sql, claim).catch(() => {});
          await lock?.release().catch(() => {});
        }
      }),
  };
}

export async function runTurn(deps: SessionDeps, input: TurnInput, sink: TurnSink = () => {}): Promise<TurnResult> {
  return (await prepareTurn(deps, input)).run(sink);
}

interface LoadedSession {
  id: string;
  version: number;
  state: unknown;
  scriptVersionId: string;
  techniquePins: unknown;
  promptOverrides: unknown;
}

/** The claim as the load left it: whether it took it, and the claim it replaced (text timestamps). */
interface ClaimAtLoad {
  status: string;
  answered: boolean;
  claimed: boolean;
  claimedUntil: string | null;
  claimedBy: string | null;
}

/**
 * The session with what its turn needs, in one round trip: the project's prompt overrides,
 * whether this message was already answered, and the session claimed for this message ($4 until,
 * $5 now) when it is active, the message unanswered and no other message's unexpired claim holds
 * it (the claim it had is returned, to be put back if the message is refused).
 */
const LOAD_AND_CLAIM = `WITH loaded AS (
  SELECT s.id, s.status, s.version, s.state, s."scriptVersionId", s."techniquePins", p."promptOverrides",
    s."turnClaimedUntil"::text AS "claimedUntil", s."turnClaimedBy" AS "claimedBy",
    EXISTS (SELECT 1 FROM "Message" m WHERE m."sessionId" = s.id AND m."clientMessageId" = $3) AS answered
  FROM "Session" s
  JOIN "ScriptVersion" v ON v.id = s."scriptVersionId"
  JOIN "Script" sc ON sc.id = v."scriptId"
  JOIN "Project" p ON p.id = sc."projectId"
  WHERE s.id = $1 AND s."clientId" = $2
),
claimed AS (
  UPDATE "Session" t SET "turnClaimedUntil" = $4::timestamp, "turnClaimedBy" = $3
  FROM loaded
  WHERE t.id = loaded.id AND loaded.status = 'active' AND NOT loaded.answered AND t.version = loaded.version
    AND (t."turnClaimedUntil" IS NULL OR t."turnClaimedUntil" < $5::timestamp OR t."turnClaimedBy" = $3)
  RETURNING t.id
)
SELECT loaded.*, EXISTS (SELECT 1 FROM claimed) AS claimed FROM loaded`;

async function executeTurn(deps: SessionDeps, session: LoadedSession, clientMessageId: string, text: string, sink: TurnSink): Promise<TurnResult> {
  const runnable = await withSpan("chat.turn.load", {}, () =>
    loadRunnable(deps.sql, session.scriptVersionId, session.techniquePins as TechniquePins, asOverrides(session.promptOverrides)),
  );
  if (runnable.script.kind !== "session") throw new ServiceError("BAD_REQUEST", "This conversation's script cannot be run.");
  const usage: LlmUsage[] = [];
  const llm = deps.llmFor((u) => usage.push(u), { templateFallback: allowsTemplateFallback(runnable.script) });
  const options = {
    llm,
    scriptVersion: session.scriptVersionId,
    techniques: runnable.techniques,
    ...runnable.safety,
    promptOverrides: runnable.promptOverrides,
  };

  const { turn } = await engineEntry();
  const events: EngineEvent[] = [];
  const state = await withSpan("chat.turn.engine", { "heartline.llm.mode": llm.mode }, async (span) => {
    const run = turn(runnable.script, session.state as SessionState, text, options);
    try {
      for (;;) {
        const next = await run.next();
        if (next.done) return next.value;
        events.push(next.value);
        sink(next.value);
      }
    } catch (error) {
      throw translateEngineError(error);
    } finally {
      span.setAttributes({ "heartline.turn.events": events.length, "heartline.llm.calls": usage.length });
    }
  });

  const promptScheme = resolveScheme(runnable.script.session.template_scheme, runnable.promptOverrides).id;
  try {
    const messages = await withSpan("chat.turn.commit", {}, () => commitRun(
      deps.sql,
      {
        sessionId: session.id,
        scriptVersionId: session.scriptVersionId,
        promptScheme,
        model: llm.model,
        clientMessage: { clientMessageId, text },
        events,
        state,
        llmCalls: usage,
      },
      { kind: "turn", readVersion: session.version },
    ));
    return {
      replayed: false,
      messages: messages.filter((m) => m.role !== "client"),
      status: state.status === "complete" ? "completed" : "active",
      riskLevel: state.risk.level,
    };
  } catch (error) {
    // A concurrent retry of this very message won the race: its stored reply is the answer.
    const winner = await storedReply(deps, session.id, clientMessageId).catch(() => null);
    if (winner) return { replayed: true, messages: winner, status: "active", riskLevel: state.risk.level };
    await keepSafetyOfUnstoredTurn(deps, session.id, events, state, error);
    if (isUniqueViolation(error)) {
      throw new ServiceError("BUSY", "This conversation was updated at the same moment. Please send your message again.", {}, { cause: error });
    }
    throw error;
  }
}

/**
 * A turn that could not be stored (the database refused or lost the statement, or another turn
 * claimed the session first) must not take what the safety layer found with it: its safety events
 * and the session's flag are stored on their own. Logs the failure with its cause (never the
 * message, variable values or inputs); never throws, so the caller reports the turn's own error.
 */
async function keepSafetyOfUnstoredTurn(deps: SessionDeps, sessionId: string, events: readonly EngineEvent[], state: SessionState, error: unknown): Promise<void> {
  const concurrent = (error instanceof ServiceError && error.code === "BUSY") || isUniqueViolation(error);
  const found = events.filter((e) => e.type === "safety").length;
  const context = { sessionId, turn: state.turn, riskLevel: state.risk.level, safetyEvents: found, cause: errorCause(error) };
  let stored = 0;
  try {
    stored = await recordSafetyOfUnstoredTurn(deps.sql, { sessionId, events, state });
  } catch (fallbackError) {
    getLogger().error({ ...context, safetyEventsStored: 0, fallbackCause: errorCause(fallbackError) }, "turn not stored, and neither were its safety events");
    return;
  }
  // Losing a race is ordinary (the client is asked to send again); a failed statement is not.
  if (!concurrent) getLogger().error({ ...context, safetyEventsStored: stored }, "turn not stored");
  else if (stored) getLogger().warn({ ...context, safetyEventsStored: stored }, "turn lost to a concurrent one; its safety events were stored");
}

function translateEngineError(error: unknown): unknown {
  if (error instanceof LlmError) {
    return new ServiceError("MODEL_UNAVAILABLE", "The counselling model is not answering right now. Nothing was lost; please send your message again in a moment.", {}, { cause: error });
  }
  if (error instanceof EngineError) {
    if (error.code === "session_complete") return new ServiceError("ENDED", "This conversation has ended. You can start a new one.");
    return new ServiceError("BAD_REQUEST", error.message, {}, { cause: error });
  }
  return error;
}
