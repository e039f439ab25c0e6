/** Reads a client may make about their own sessions. Another client's session is "not found". */
import type { PrismaClient } from "../../db/generated/client";
import type { Database } from "../../db/client";
import type { RiskLevel } from "../../engine/safety/risk-types";
import { ServiceError } from "../errors";
import { DEFAULT_BOT_NAME } from "../studio/project/bot-name";
import { storedQuickReplies, type StoredPending } from "./quick-replies";

export interface StartableScript {
  id: string;
  name: string;
  /** What the script offers, written for clients, by language tag (`metadata.client_description`); {} when it has none. */
  clientDescription: Record<string, string>;
  language: string | null;
  version: number;
}

/**
 * `metadata.client_description` by language: a text is in the script's own language, a mapping
 * gives one text per language tag. Blank texts and other values are left out.
 */
export function clientDescriptions(value: unknown, scriptLanguage: string | null): Record<string, string> {
  const texts: Record<string, string> = {};
  if (typeof value === "string") {
    if (value.trim()) texts[scriptLanguage ?? "und"] = value.trim();
  } else if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [tag, text] of Object.entries(value)) if (typeof text === "string" && text.trim()) texts[tag] = text.trim();
  }
  return texts;
}

/** A text field of a version's compiled script, read inside the database (compiled scripts are large). */
const compiledText = (path: string) =>
  `NULLIF(btrim(CASE WHEN jsonb_typeof(v.compiled #> '{${path}}') = 'string' THEN v.compiled #>> '{${path}}' END), '')`;

const STARTABLE_SCRIPTS = `SELECT s.id, s."scriptKey", v.number AS version,
  ${compiledText("metadata,name")} AS name, ${compiledText("session,session_name")} AS "sessionName",
  v.compiled #> '{metadata,client_description}' AS "clientDescription", ${compiledText("metadata,language")} AS language
FROM "Script" s
JOIN LATERAL (SELECT number, compiled FROM "ScriptVersion" WHERE "scriptId" = s.id ORDER BY number DESC LIMIT 1) v ON true
WHERE s.kind = 'session' AND s."deletedAt" IS NULL
ORDER BY s.path`;

/** Published session scripts a client may start, in the order of their paths. */
export async function listStartableScripts(db: Pick<Database, "sql">): Promise<StartableScript[]> {
  const rows = await db.sql.query<{ id: string; scriptKey: string; version: number; name: string | null; sessionName: string | null; clientDescription: unknown; language: string | null }>(STARTABLE_SCRIPTS);
  return rows.map((row) => ({
    id: row.id,
    name: row.name ?? row.sessionName ?? row.scriptKey,
    clientDescription: clientDescriptions(row.clientDescription, row.language),
    language: row.language,
    version: row.version,
  }));
}

type Db = Pick<Database, "prisma" | "sql">;

/** Only what an ownership check needs: compiled scripts are large and never read here. */
async function ownedSession(prisma: PrismaClient, clientId: string, sessionId: string) {
  const session = await prisma.session.findFirst({ where: { id: sessionId, clientId }, select: { id: true, status: true } });
  if (!session) throw new ServiceError("NOT_FOUND", "This conversation was not found.");
  return session;
}

/** A session with its script's display name, read inside the database (not the whole compiled script). */
const sessionSummary = (extraColumns = "") => `SELECT s.id, s.status, s."riskLevel", s.language, s."turnCount",${extraColumns}
  s."createdAt" AT TIME ZONE 'UTC' AS "createdAt", s."updatedAt" AT TIME ZONE 'UTC' AS "updatedAt", s."endedAt" AT TIME ZONE 'UTC' AS "endedAt",
  sc.id AS "scriptId", v.number AS "scriptVersion",
  COALESCE(${compiledText("metadata,name")}, sc."scriptKey") AS "scriptName", p."botName"
FROM "Session" s JOIN "ScriptVersion" v ON v.id = s."scriptVersionId" JOIN "Script" sc ON sc.id = v."scriptId" JOIN "Project" p ON p.id = sc."projectId"`;
const SESSION_SUMMARY = sessionSummary();
/** With what the pending question's quick replies are derived from (the state only while the session is active). */
const SESSION_DETAIL = sessionSummary(` s."scriptVersionId", s."techniquePins", CASE WHEN s.status = 'active' THEN s.state END AS state,`);

interface SessionSummaryRow {
  id: string;
  status: "active" | "completed" | "ended";
  riskLevel: RiskLevel;
  language: string | null;
  turnCount: number;
  createdAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
  scriptId: string;
  scriptVersion: number;
  scriptName: string;
  botName: string | null;
}

export async function getSession(db: Db, clientId: string, sessionId: string) {
  const [s] = await db.sql.query<SessionSummaryRow & StoredPending>(`${SESSION_DETAIL} WHERE s.id = $1 AND s."clientId" = $2`, [sessionId, clientId]);
  if (!s) throw new ServiceError("NOT_FOUND", "This conversation was not found.");
  const quickReplies = s.status === "active" ? await storedQuickReplies(db.sql, s) : [];
  return {
    id: s.id,
    status: s.status,
    riskLevel: s.riskLevel,
    language: s.language,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    endedAt: s.endedAt,
    turnCount: s.turnCount,
    script: { id: s.scriptId, name: s.scriptName, version: s.scriptVersion },
    /** What the bot is called in this conversation (its project's setting). */
    botName: s.botName ?? DEFAULT_BOT_NAME,
    /** Suggested answers to the question the session is waiting on ([] for an open question). */
    quickReplies,
  };
}

export async function listSessions(db: Db, clientId: string) {
  const sessions = await db.sql.query<SessionSummaryRow>(`${SESSION_SUMMARY} WHERE s."clientId" = $1 ORDER BY s."updatedAt" DESC LIMIT 50`, [clientId]);
  return sessions.map((s) => ({ id: s.id, status: s.status, createdAt: s.createdAt, updatedAt: s.updatedAt, turnCount: s.turnCount, scriptName: s.scriptName }));
}

/** The owner check and a page of the transcript in one round trip (a session with no messages yet still answers). */
const MESSAGES_PAGE = `SELECT s.id AS "sessionId", m.id, m.seq, m.role, m.text, m.turn, m."createdAt" AT TIME ZONE 'UTC' AS "createdAt", m."clientMessageId"
FROM "Session" s
LEFT JOIN LATERAL (
  SELECT * FROM "Message" WHERE "sessionId" = s.id AND seq > $3 ORDER BY seq LIMIT $4
) m ON true
WHERE s.id = $1 AND s."clientId" = $2
ORDER BY m.seq`;

interface MessageRow {
  sessionId: string;
  id: string | null;
  seq: number;
  role: "client" | "bot" | "system";
  text: string;
  turn: number;
  createdAt: Date;
  clientMessageId: string | null;
}

/** The transcript in pages, oldest first; `afterSeq` continues a page. */
export async function listMessages(db: Db, clientId: string, sessionId: string, page: { afterSeq?: number; limit: number }) {
  const rows = await db.sql.query<MessageRow>(MESSAGES_PAGE, [sessionId, clientId, page.afterSeq ?? 0, page.limit + 1]);
  if (rows.length === 0) throw new ServiceError("NOT_FOUND", "This conversation was not found.");
  const found = rows.filter((row) => row.id !== null).map(({ id, seq, role, text, turn, createdAt, clientMessageId }) => ({ id: id as string, seq, role, text, turn, createdAt, clientMessageId }));
  const more = found.length > page.limit;
  const messages = more ? found.slice(0, page.limit) : found;
  return { messages, nextAfterSeq: more ? (messages.at(-1)?.seq ?? null) : null };
}

/** Current value of each variable (the newest write), with where it came from; `skipped` when the client skipped it (value null). */
export async function listVariables({ prisma }: Db, clientId: string, sessionId: string) {
  await ownedSession(prisma, clientId, sessionId);
  const rows = await prisma.variableValue.findMany({
    where: { sessionId },
    orderBy: { createdAt: "asc" },
    select: { name: true, scope: true, value: true, skipped: true, sourceActionId: true, turn: true, messageId: true },
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(`${row.scope}:${row.name}`, row);
  return [...latest.values()];
}

export async function endSession({ prisma }: Db, clientId: string, sessionId: string) {
  const session = await ownedSession(prisma, clientId, sessionId);
  if (session.status !== "active") return { id: session.id, status: session.status };
  const updated = await prisma.session.update({
    where: { id: session.id },
    data: { status: "ended", endedAt: new Date(), version: { increment: 1 } },
    select: { id: true, status: true },
  });
  return updated;
}
