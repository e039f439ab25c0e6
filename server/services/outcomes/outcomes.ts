/**
 * A client's outcomes for counsellors: every instrument score across the client's sessions in the
 * projects the counsellor may access, with bands and reliable change (see trajectory.ts). The
 * anonymous client id links the sessions; nothing else about the client exists or is read.
 *
 * Scores are the `<prefix>_items` variables written by `assess` actions. The prefix is the
 * script's choice, so a variable counts only when the action that wrote it (`sourceActionId`) is an
 * assess action of the session's script version, or of a technique version pinned to the session,
 * whose prefix matches: the instrument is taken from that action, never guessed from a name.
 *
 * Each use case is one statement. No message text is read: only variable values, ids and times.
 */
import { Prisma, type PrismaClient } from "../../db/generated/client";
import { sessionScopeWhere, type ProjectScope } from "../accounts/access";
import { ServiceError } from "../errors";
import { buildOutcomes, type InstrumentOutcome, type StoredAdministration } from "./trajectory";

export interface ClientSessionSummary {
  id: string;
  startedAt: Date;
  status: "active" | "completed" | "ended";
  script: { name: string; version: number };
  project: { name: string };
  /** Instrument administrations stored in this session (read or not). */
  administrations: number;
}

export interface ClientOutcomes {
  clientId: string;
  /** The client's sessions in scope, oldest first. */
  sessions: ClientSessionSummary[];
  instruments: InstrumentOutcome[];
  unreadable: number;
}

interface Row {
  sessionId: string;
  startedAt: Date;
  status: ClientSessionSummary["status"];
  scriptName: string;
  scriptVersion: number;
  projectName: string;
  administrationId: string | null;
  instrument: string | null;
  items: unknown;
  recordedAt: Date | null;
}

/** Assess actions anywhere in a compiled script (sessions: phases → topics → actions; techniques: topic → actions). */
const ASSESS_ACTIONS = 'strict $.**.actions[*] ? (@.action_type == "assess")';

function scopeCondition(scope: ProjectScope): Prisma.Sql {
  return scope.all ? Prisma.sql`TRUE` : Prisma.sql`sc."projectId" IN (${Prisma.join(scope.projectIds)})`;
}

/**
 * The client's sessions in scope (oldest first) with each stored administration, one row per
 * administration (or one row with nulls for a session without any).
 */
function clientRows(prisma: PrismaClient, scope: ProjectScope, clientId: string): Promise<Row[]> {
  return prisma.$queryRaw<Row[]>`
    SELECT s.id AS "sessionId", s."createdAt" AS "startedAt", s.status::text AS status,
           COALESCE(NULLIF(btrim(sv.compiled #>> '{metadata,name}'), ''), NULLIF(btrim(sv.compiled #>> '{session,session_name}'), ''), sc."scriptKey") AS "scriptName",
           sv.number AS "scriptVersion", p.name AS "projectName",
           a.id AS "administrationId", a.instrument, a.items, a."recordedAt"
    FROM "Session" s
    JOIN "ScriptVersion" sv ON sv.id = s."scriptVersionId"
    JOIN "Script" sc ON sc.id = sv."scriptId"
    JOIN "Project" p ON p.id = sc."projectId"
    LEFT JOIN LATERAL (
      SELECT v.id, v.value AS items, v."createdAt" AS "recordedAt", writer.instrument
      FROM "VariableValue" v
      CROSS JOIN LATERAL (
        SELECT action -> 'config' ->> 'instrument' AS instrument
        FROM "ScriptVersion" owner
        CROSS JOIN LATERAL jsonb_path_query(owner.compiled, ${ASSESS_ACTIONS}::jsonpath, '{}'::jsonb, true) AS action
        WHERE (owner.id = s."scriptVersionId" OR owner.id IN (SELECT pin.value FROM jsonb_each_text(s."techniquePins") AS pin))
          AND action ->> 'action_id' = v."sourceActionId"
          AND (action -> 'config' ->> 'output_prefix') || '_items' = v.name
        LIMIT 1
      ) writer
      WHERE v."sessionId" = s.id AND v.name LIKE '%\\_items' AND NOT v.skipped
    ) a ON TRUE
    WHERE s."clientId" = ${clientId} AND ${scopeCondition(scope)}
    ORDER BY s."createdAt", s.id, a."recordedAt", a.id`;
}

/** Every instrument score of the client's sessions in scope; NOT_FOUND when there is no such session. */
export async function getClientOutcomes(prisma: PrismaClient, scope: ProjectScope, clientId: string): Promise<ClientOutcomes> {
  const rows = scope.all || scope.projectIds.length ? await clientRows(prisma, scope, clientId) : [];
  if (!rows.length) throw new ServiceError("NOT_FOUND", "This client was not found.");

  const sessions = new Map<string, ClientSessionSummary>();
  const administrations: StoredAdministration[] = [];
  for (const row of rows) {
    const session = sessions.get(row.sessionId) ?? {
      id: row.sessionId,
      startedAt: row.startedAt,
      status: row.status,
      script: { name: row.scriptName, version: row.scriptVersion },
      project: { name: row.projectName },
      administrations: 0,
    };
    sessions.set(row.sessionId, session);
    if (row.administrationId === null || row.instrument === null || row.recordedAt === null) continue;
    session.administrations++;
    administrations.push({ id: row.administrationId, sessionId: row.sessionId, instrument: row.instrument, items: row.items, recordedAt: row.recordedAt });
  }
  const { instruments, unreadable } = buildOutcomes(administrations);
  return { clientId, sessions: [...sessions.values()], instruments, unreadable };
}

/**
 * The client of a session in scope, and how many of the client's sessions are in scope (for the
 * link from a session's review page); NOT_FOUND when the session is not.
 */
export async function getSessionClient(prisma: PrismaClient, scope: ProjectScope, sessionId: string) {
  const session = await prisma.session.findFirst({
    where: { AND: [{ id: sessionId }, sessionScopeWhere(scope)] },
    select: { clientId: true, client: { select: { _count: { select: { sessions: { where: sessionScopeWhere(scope) } } } } } },
  });
  if (!session) throw new ServiceError("NOT_FOUND", "This session was not found.");
  return { clientId: session.clientId, sessions: session.client._count.sessions };
}
