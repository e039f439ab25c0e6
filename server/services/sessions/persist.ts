/**
 * Stores one engine run (a session's start or a turn) in a single SQL statement, so it is atomic
 * without a transaction round trip: the session row (new, or claimed at the version the run
 * read), the client message, every bot message, variable writes with lineage (a skip marked as
 * such), safety events, model calls, and the new state. A turn whose version is no longer current
 * claims no row, and then every insert selects from nothing: the loser stores nothing. The same
 * statement keeps the analytics roll-ups: model use per session and model, and per day, model and
 * latency; the session's furthest funnel step and the steps it went past.
 */
import { randomUUID } from "node:crypto";
import type { EngineEvent, RiskLevel, SessionState } from "../../engine/runtime";
import type { LlmUsage } from "../../engine/llm/port";
import { isAtLeast, maxLevel } from "../../engine/safety/risk-types";
import { storableJson } from "../../engine/text/storable";
import { utcTimestamp, type Sql } from "../../db/sql";
import { ServiceError } from "../errors";

export interface RunRecord {
  sessionId: string;
  scriptVersionId: string;
  promptScheme: string;
  model: string | null;
  clientMessage?: { clientMessageId: string; text: string };
  events: readonly EngineEvent[];
  state: SessionState;
  llmCalls: readonly LlmUsage[];
}

/** A turn on an existing session: it commits only if the session is still at `readVersion`. */
export interface TurnCommit {
  kind: "turn";
  /** The version read before running; the commit is refused when it changed. */
  readVersion: number;
}

/** A new session: its row is created with its first run (and the client's row if new). */
export interface StartCommit {
  kind: "start";
  clientId: string;
  techniquePins: Record<string, string>;
  language: string | null;
}

export interface StoredMessage {
  id: string;
  seq: number;
  role: "client" | "bot" | "system";
  text: string;
  turn: number;
  actionId: string | null;
  createdAt: Date;
}

const NEEDS_REVIEW_FROM: RiskLevel = "medium";
/** The safety action of emergency guidance for someone else in danger (see the engine's someone-else.ts). */
const EMERGENCY_GUIDANCE = "emergency_guidance";

function maxRisk(levels: readonly RiskLevel[]): RiskLevel {
  return levels.reduce<RiskLevel>(maxLevel, "none");
}

// Parameters shared by both heads: $1 session id, $2 now, $3 turn, $4 script version,
// $5 messages, $6 variables, $7 safety events, $8 model calls (JSON arrays), $9 state, $10 status,
// $11 ended at, $12 risk level (null: unchanged), $13 needs review.
const TURN_HEAD = `claimed AS (
  UPDATE "Session" SET
    version = version + 1,
    state = $9::jsonb,
    "turnCount" = $3,
    status = $10::"SessionStatus",
    "endedAt" = COALESCE($11::timestamp, "endedAt"),
    "riskLevel" = COALESCE($12::"RiskLevel", "riskLevel"),
    "needsReview" = "needsReview" OR $13::boolean,
    "updatedAt" = $2::timestamp,
    "turnClaimedUntil" = NULL,
    "turnClaimedBy" = NULL
  WHERE id = $1 AND version = $14
  RETURNING id, "createdAt"
)`;

// $14 client id, $15 technique pins, $16 language.
const START_HEAD = `client AS (
  INSERT INTO "Client" (id, "createdAt", "lastSeenAt") VALUES ($14, $2::timestamp, $2::timestamp)
  ON CONFLICT (id) DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt"
  RETURNING id
),
claimed AS (
  INSERT INTO "Session" (id, "scriptVersionId", "clientId", status, state, "techniquePins", version, "turnCount", "riskLevel", "needsReview", language, "createdAt", "updatedAt", "endedAt")
  SELECT $1, $4, client.id, $10::"SessionStatus", $9::jsonb, $15::jsonb, 1, $3, COALESCE($12::"RiskLevel", 'none'), $13::boolean, $16, $2::timestamp, $2::timestamp, $11::timestamp
  FROM client
  RETURNING id, "createdAt"
)`;

const TAIL = `last AS (SELECT COALESCE(MAX(seq), 0) AS seq FROM "Message" WHERE "sessionId" = $1),
messages AS (
  INSERT INTO "Message" (id, "sessionId", seq, role, text, "clientMessageId", turn, "actionId", "scriptVersionId", "promptScheme", model, "createdAt")
  SELECT m.id, claimed.id, last.seq + m.n, m.role::"MessageRole", m.text, m."clientMessageId", $3, m."actionId", $4, m."promptScheme", m.model, $2::timestamp
  FROM claimed, last, jsonb_to_recordset($5::jsonb) AS m(id text, n int, role text, text text, "clientMessageId" text, "actionId" text, "promptScheme" text, model text)
),
variables AS (
  INSERT INTO "VariableValue" (id, "sessionId", name, scope, value, skipped, "sourceActionId", "messageId", turn, "createdAt")
  SELECT v.id, claimed.id, v.name, v.scope, COALESCE(v.value, 'null'::jsonb), COALESCE(v.skipped, false), v."sourceActionId", v."messageId", $3, $2::timestamp
  FROM claimed, jsonb_to_recordset($6::jsonb) AS v(id text, name text, scope text, value jsonb, skipped boolean, "sourceActionId" text, "messageId" text)
),
safety AS (
  INSERT INTO "SafetyEvent" (id, "sessionId", "messageId", level, category, evidence, source, "actionTaken", turn, "createdAt")
  SELECT e.id, claimed.id, e."messageId", e.level::"RiskLevel", e.category, COALESCE(e.evidence, '[]'::jsonb), e.source, e."actionTaken", $3, $2::timestamp
  FROM claimed, jsonb_to_recordset($7::jsonb) AS e(id text, "messageId" text, level text, category text, evidence jsonb, source text, "actionTaken" text)
),
calls AS (
  INSERT INTO "LlmCall" (id, "sessionId", turn, purpose, model, "promptTokens", "completionTokens", "latencyMs", error, "createdAt")
  SELECT c.id, claimed.id, $3, c.purpose, c.model, c."promptTokens", c."completionTokens", c."latencyMs", c.error, $2::timestamp
  FROM claimed, jsonb_to_recordset($8::jsonb) AS c(id text, purpose text, model text, "promptTokens" int, "completionTokens" int, "latencyMs" int, error text)
),
-- The analytics summary: the run's model calls added to the session's totals per model (the
-- statement stores a run once: a retry of the same message is refused by its unique key).
model_use AS (
  INSERT INTO "SessionModelUse" ("sessionId", model, "scriptVersionId", "sessionCreatedAt", calls, errors, "promptTokens", "completionTokens", "latenciesMs")
  SELECT claimed.id, c.model, $4, claimed."createdAt", count(*)::int, count(c.error)::int,
         COALESCE(sum(c."promptTokens"), 0), COALESCE(sum(c."completionTokens"), 0), array_agg(c."latencyMs" ORDER BY c.n)
  FROM claimed, ROWS FROM (jsonb_to_recordset($8::jsonb) AS (model text, "promptTokens" int, "completionTokens" int, "latencyMs" int, error text))
    WITH ORDINALITY AS c(model, "promptTokens", "completionTokens", "latencyMs", error, n)
  GROUP BY claimed.id, claimed."createdAt", c.model
  ON CONFLICT ("sessionId", model) DO UPDATE SET
    calls = "SessionModelUse".calls + EXCLUDED.calls,
    errors = "SessionModelUse".errors + EXCLUDED.errors,
    "promptTokens" = "SessionModelUse"."promptTokens" + EXCLUDED."promptTokens",
    "completionTokens" = "SessionModelUse"."completionTokens" + EXCLUDED."completionTokens",
    "latenciesMs" = "SessionModelUse"."latenciesMs" || EXCLUDED."latenciesMs"
),
-- The same per UTC day the session started, version, model and counted latency (locked in key
-- order, so concurrent turns adding to the same rows wait for each other instead of deadlocking).
daily_model_use AS (
  INSERT INTO "DailyModelUse" ("scriptVersionId", day, model, "latencyMs", calls, errors, "promptTokens", "completionTokens")
  SELECT $4, claimed."createdAt"::date, c.model, analytics_latency_ms(c."latencyMs"), count(*)::int, count(c.error)::int,
         COALESCE(sum(c."promptTokens"), 0), COALESCE(sum(c."completionTokens"), 0)
  FROM claimed, jsonb_to_recordset($8::jsonb) AS c(model text, "promptTokens" int, "completionTokens" int, "latencyMs" int, error text)
  GROUP BY claimed."createdAt", c.model, analytics_latency_ms(c."latencyMs")
  ORDER BY 3, 4
  ON CONFLICT ("scriptVersionId", day, model, "latencyMs") DO UPDATE SET
    calls = "DailyModelUse".calls + EXCLUDED.calls,
    errors = "DailyModelUse".errors + EXCLUDED.errors,
    "promptTokens" = "DailyModelUse"."promptTokens" + EXCLUDED."promptTokens",
    "completionTokens" = "DailyModelUse"."completionTokens" + EXCLUDED."completionTokens"
),
-- The funnel: the steps whose actions the run's messages name, merged into the session's furthest
-- step and the steps below it never reached (read as the turn began; the claim keeps other runs of
-- this session out meanwhile).
run_steps AS (
  SELECT DISTINCT st.step
  FROM jsonb_to_recordset($5::jsonb) AS m("actionId" text)
  JOIN "ScriptVersionStep" st ON st."scriptVersionId" = $4 AND st."actionId" = m."actionId"
),
funnel AS (
  INSERT INTO "SessionFunnel" ("sessionId", "scriptVersionId", "sessionCreatedAt", "furthestStep", "skippedSteps")
  SELECT claimed.id, $4, claimed."createdAt", reached.furthest,
         ARRAY(
           SELECT k FROM unnest(COALESCE(f."skippedSteps", '{}')) AS k WHERE k NOT IN (SELECT step FROM run_steps)
           UNION
           SELECT k FROM generate_series(COALESCE(f."furthestStep", 0) + 1, reached.furthest - 1) AS k WHERE k NOT IN (SELECT step FROM run_steps)
           ORDER BY 1)
  FROM claimed
  LEFT JOIN "SessionFunnel" f ON f."sessionId" = claimed.id
  CROSS JOIN LATERAL (SELECT GREATEST(max(step), f."furthestStep") AS furthest FROM run_steps) reached
  WHERE EXISTS (SELECT 1 FROM run_steps)
  ON CONFLICT ("sessionId") DO UPDATE SET "furthestStep" = EXCLUDED."furthestStep", "skippedSteps" = EXCLUDED."skippedSteps"
)
SELECT (SELECT count(*) FROM claimed)::int AS claimed, (SELECT seq FROM last) AS "lastSeq"`;

const TURN_STATEMENT = `WITH ${TURN_HEAD},\n${TAIL}`;
const START_STATEMENT = `WITH ${START_HEAD},\n${TAIL}`;

/** Row ids made here, so lineage (variables, safety events) can point at the client message. */
export function newRowId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll("-", "")}`;
}

/** The run's safety findings as rows, the session's risk level after it, and whether it needs review. */
function safetyOf(record: Pick<RunRecord, "events" | "state">) {
  const safety = record.events.flatMap((e) =>
    e.type === "safety" ? [{ level: e.level, category: e.reason, evidence: e.evidence ?? [], source: e.source ?? "engine", actionTaken: e.action ?? "logged" }] : [],
  );
  const risk = maxRisk([record.state.risk.level, ...safety.map((s) => s.level)]);
  // Someone else's emergency needs a counsellor's eyes too, whatever the client's own level.
  const flag = safety.length > 0 && (isAtLeast(risk, NEEDS_REVIEW_FROM) || safety.some((row) => row.actionTaken === EMERGENCY_GUIDANCE));
  return { safety, risk, flag };
}

/**
 * Stores a run; resolves to the run's messages as stored (the client message first). Throws BUSY
 * when a turn's session moved on meanwhile, and the database's unique violation when the same
 * client message was stored by a concurrent retry.
 */
export async function commitRun(sql: Sql, record: RunRecord, commit: TurnCommit | StartCommit): Promise<StoredMessage[]> {
  const status = record.state.status === "complete" ? "completed" : "active";
  const { safety, risk, flag } = safetyOf(record);
  const createdAt = new Date();
  const turn = record.state.turn;

  // `n` orders the run's messages after the session's last stored one (the statement adds its seq).
  const clientMessageRowId = record.clientMessage ? newRowId("m") : null;
  const messages: { id: string; n: number; role: StoredMessage["role"]; text: string; clientMessageId: string | null; actionId: string | null; promptScheme: string | null; model: string | null }[] = [];
  if (record.clientMessage && clientMessageRowId) {
    messages.push({ id: clientMessageRowId, n: 1, role: "client", text: record.clientMessage.text, clientMessageId: record.clientMessage.clientMessageId, actionId: null, promptScheme: null, model: null });
  }
  for (const event of record.events) {
    if (event.type !== "message-end") continue;
    messages.push({ id: newRowId("m"), n: messages.length + 1, role: "bot", text: event.text, clientMessageId: null, actionId: event.actionId, promptScheme: record.promptScheme, model: record.model });
  }
  // A skip is stored as such (value null, skipped): lineage shows it, and the state keeps the variable unset.
  const variables = record.events.flatMap((e) =>
    e.type === "variable-set"
      ? [{ id: newRowId("v"), name: e.name, scope: e.scope, value: e.skipped ? null : e.value, skipped: e.skipped === true, sourceActionId: e.source, messageId: clientMessageRowId }]
      : [],
  );
  const calls = record.llmCalls.map((call) => ({
    id: newRowId("l"),
    purpose: call.purpose,
    model: call.model,
    promptTokens: call.promptTokens ?? null,
    completionTokens: call.completionTokens ?? null,
    latencyMs: Math.round(call.latencyMs),
    error: call.error ?? null,
  }));

  const now = utcTimestamp(createdAt);
  // storableJson: a character jsonb refuses (a NUL or half an emoji in a model's reply) must not make the turn unstorable.
  const shared = [
    record.sessionId,
    now,
    turn,
    record.scriptVersionId,
    storableJson(messages),
    storableJson(variables),
    storableJson(safety.map((finding) => ({ id: newRowId("e"), messageId: clientMessageRowId, ...finding }))),
    storableJson(calls),
    storableJson(record.state),
    status,
    status === "completed" ? now : null,
    safety.length ? risk : null,
    flag,
  ];
  const [statement, headValues] =
    commit.kind === "turn"
      ? [TURN_STATEMENT, [commit.readVersion]]
      : [START_STATEMENT, [commit.clientId, storableJson(commit.techniquePins), commit.language]];
  const [result] = await sql.query<{ claimed: number; lastSeq: number }>(statement, [...shared, ...headValues]);
  if (!result || result.claimed !== 1) {
    throw new ServiceError("BUSY", "This session was updated by another request at the same moment. Please send your message again.");
  }
  return messages.map(({ id, n, role, text, actionId }) => ({ id, seq: result.lastSeq + n, role, text, turn, actionId, createdAt }));
}

// $1 session id, $2 the version read, $3 claimed until, $4 now, $5 client message id.
const CLAIM_TURN = `UPDATE "Session" SET "turnClaimedUntil" = $3::timestamp, "turnClaimedBy" = $5
  WHERE id = $1 AND version = $2 AND ("turnClaimedUntil" IS NULL OR "turnClaimedUntil" < $4::timestamp OR "turnClaimedBy" = $5)
  RETURNING id`;

export interface TurnClaim {
  sessionId: string;
  clientMessageId: string;
  until: Date;
}

/**
 * Claims the session for one message's turn until `claim.until`, before anything streams: false
 * when another message's turn holds an unexpired claim or the session moved on since `readVersion`
 * was read. The same message sent again may take its own claim over (a retry after its turn failed
 * where the claim could not be given back; if both run, the version check stores one and the other
 * replays it). Unlike the cache's lock, this holds across instances that share no cache.
 */
export async function claimTurn(sql: Sql, claim: TurnClaim, readVersion: number, now: Date = new Date()): Promise<boolean> {
  const rows = await sql.query<{ id: string }>(CLAIM_TURN, [claim.sessionId, readVersion, utcTimestamp(claim.until), utcTimestamp(now), claim.clientMessageId]);
  return rows.length === 1;
}

/**
 * Puts back the claim a session had before `claim` took it (a message refused after its claim was
 * taken with the session's load: rate-limited, or the cache's lock held), unless another turn has
 * taken it since. `previous` is that claim as the load read it (null values: none).
 */
export async function restoreTurnClaim(sql: Sql, claim: TurnClaim, previous: { until: string | null; by: string | null }): Promise<void> {
  await sql.query(`UPDATE "Session" SET "turnClaimedUntil" = $4::timestamp, "turnClaimedBy" = $5 WHERE id = $1 AND "turnClaimedUntil" = $2::timestamp AND "turnClaimedBy" = $3`, [
    claim.sessionId,
    utcTimestamp(claim.until),
    claim.clientMessageId,
    previous.until,
    previous.by,
  ]);
}

/** Gives up a claim that was not stored with a turn (it failed); a claim since taken by another turn is left alone. */
export async function releaseTurnClaim(sql: Sql, claim: TurnClaim): Promise<void> {
  await sql.query(`UPDATE "Session" SET "turnClaimedUntil" = NULL, "turnClaimedBy" = NULL WHERE id = $1 AND "turnClaimedUntil" = $2::timestamp AND "turnClaimedBy" = $3`, [
    claim.sessionId,
    utcTimestamp(claim.until),
    claim.clientMessageId,
  ]);
}

/** What a turn that was not stored did: said on each of its safety rows. */
export const TURN_NOT_STORED = "turn_not_stored";

// $1 session id, $2 now, $3 turn, $4 safety events (JSON array), $5 risk level, $6 needs review.
const SAFETY_OF_UNSTORED_TURN = `WITH events AS (
  INSERT INTO "SafetyEvent" (id, "sessionId", "messageId", level, category, evidence, source, "actionTaken", turn, "createdAt")
  SELECT e.id, s.id, NULL, e.level::"RiskLevel", e.category, COALESCE(e.evidence, '[]'::jsonb), e.source, e."actionTaken", $3, $2::timestamp
  FROM "Session" s, jsonb_to_recordset($4::jsonb) AS e(id text, level text, category text, evidence jsonb, source text, "actionTaken" text)
  WHERE s.id = $1
  RETURNING 1
)
UPDATE "Session" SET
  "riskLevel" = GREATEST("riskLevel", $5::"RiskLevel"),
  "needsReview" = "needsReview" OR $6::boolean
WHERE id = $1
RETURNING (SELECT count(*) FROM events)::int AS stored`;

/**
 * When a turn could not be stored, what the safety layer found in it still is: its safety events
 * (tied to no message, since none was stored; the evidence holds the matched words, and the
 * action says the turn was not stored) and the session's risk level and review flag, in one
 * statement of its own. The session's state and version are left alone, so the client can send
 * the message again. Resolves to the number of events stored (0 when the turn found nothing).
 */
export async function recordSafetyOfUnstoredTurn(sql: Sql, record: Pick<RunRecord, "sessionId" | "events" | "state">): Promise<number> {
  const { safety, risk, flag } = safetyOf(record);
  if (!safety.length) return 0;
  const rows = safety.map((finding) => ({ id: newRowId("e"), ...finding, actionTaken: `${finding.actionTaken}; ${TURN_NOT_STORED}` }));
  const [result] = await sql.query<{ stored: number }>(SAFETY_OF_UNSTORED_TURN, [
    record.sessionId,
    utcTimestamp(new Date()),
    record.state.turn,
    storableJson(rows),
    risk,
    flag,
  ]);
  return result?.stored ?? 0;
}
