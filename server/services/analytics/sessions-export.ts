/**
 * The rows behind the analytics charts, one per session in scope, as CSV: counts, times, the
 * furthest action and ids; never message text or variable values.
 */
import type { PrismaClient } from "../../db/generated/client";
import { toCsv } from "../review/csv";
import { scopedSessions, type AnalyticsFilters } from "./scope";
import { analyticsQuery, sql } from "./run-query";

/** A download stays a spreadsheet-sized file; the page says so when the cap is reached. */
const ANALYTICS_CSV_ROW_LIMIT = 200_000;

export const ANALYTICS_CSV_HEADER = [
  "session_id",
  "script",
  "version",
  "started_at",
  "ended_at",
  "status",
  "turns",
  "duration_seconds",
  "last_action",
  "risk_level",
  "safety_events",
  "model_calls",
  "prompt_tokens",
  "completion_tokens",
] as const;

interface SessionRow {
  sessionId: string;
  scriptPath: string;
  versionNumber: number;
  startedAt: string;
  endedAt: string | null;
  status: string;
  turns: number;
  durationSeconds: number;
  lastAction: string | null;
  riskLevel: string;
  safetyEvents: number;
  modelCalls: number;
  promptTokens: number;
  completionTokens: number;
}

export async function analyticsSessionsCsv(prisma: PrismaClient, filters: AnalyticsFilters): Promise<{ csv: string; rows: number }> {
  const rows = await analyticsQuery<SessionRow>(prisma, sql`
    WITH scoped AS (${scopedSessions(filters)}),
    events AS (
      SELECT e."sessionId", count(*)::int AS n FROM "SafetyEvent" e
      WHERE e."sessionId" IN (SELECT id FROM scoped) GROUP BY 1
    ),
    calls AS (
      SELECT c."sessionId", count(*)::int AS n, COALESCE(sum(c."promptTokens"), 0)::float8 AS prompt,
             COALESCE(sum(c."completionTokens"), 0)::float8 AS completion
      FROM "LlmCall" c WHERE c."sessionId" IN (SELECT id FROM scoped) GROUP BY 1
    )
    SELECT s.id AS "sessionId", sc.path AS "scriptPath", v.number AS "versionNumber",
           to_char(s."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "startedAt",
           to_char(s."endedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "endedAt",
           s.status::text AS status, s."turnCount" AS turns,
           round(extract(epoch FROM COALESCE(s."endedAt", s."updatedAt") - s."createdAt"))::int AS "durationSeconds",
           last."actionId" AS "lastAction", session."riskLevel"::text AS "riskLevel",
           COALESCE(events.n, 0) AS "safetyEvents", COALESCE(calls.n, 0) AS "modelCalls",
           COALESCE(calls.prompt, 0) AS "promptTokens", COALESCE(calls.completion, 0) AS "completionTokens"
    FROM scoped s
    JOIN "Session" session ON session.id = s.id
    JOIN "ScriptVersion" v ON v.id = s."scriptVersionId"
    JOIN "Script" sc ON sc.id = v."scriptId"
    LEFT JOIN LATERAL (
      SELECT m."actionId" FROM "Message" m
      WHERE m."sessionId" = s.id AND m."actionId" IS NOT NULL ORDER BY m.seq DESC LIMIT 1
    ) last ON true
    LEFT JOIN events ON events."sessionId" = s.id
    LEFT JOIN calls ON calls."sessionId" = s.id
    ORDER BY s."createdAt", s.id
    LIMIT ${ANALYTICS_CSV_ROW_LIMIT}`);
  const csv = toCsv(
    ANALYTICS_CSV_HEADER,
    rows.map((r) => [
      r.sessionId,
      r.scriptPath,
      r.versionNumber,
      r.startedAt,
      r.endedAt,
      r.status,
      r.turns,
      r.durationSeconds,
      r.lastAction,
      r.riskLevel,
      r.safetyEvents,
      r.modelCalls,
      r.promptTokens,
      r.completionTokens,
    ]),
  );
  return { csv, rows: rows.length };
}
