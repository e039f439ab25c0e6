/**
 * Where clients leave a script version: for each topic and each action of its session script (in
 * script order), how many sessions reached it, and how many stopped there without completing.
 * "Reached" means the bot said something for that action (a stored bot message names its
 * action), so actions that say nothing (ai_think) and techniques' own actions are not steps.
 */
import type { PrismaClient } from "../../db/generated/client";
import { summaryInScope, type AnalyticsFilters } from "./scope";
import { analyticsQuery, sql } from "./run-query";

export interface FunnelStep {
  /** "topic" rows sum up their actions (distinct sessions); "action" rows follow their topic. */
  level: "topic" | "action";
  /** 1-based position in the script: topics and actions each numbered in script order. */
  position: number;
  phaseId: string;
  topicId: string;
  /** null on topic rows. */
  actionId: string | null;
  actionType: string | null;
  /** Sessions with a bot message from this action (any action of this topic, for a topic). */
  reached: number;
  /** Sessions whose furthest step was here and that have not completed. */
  stoppedHere: number;
}

/**
 * The funnel of one version, limited to the sessions in scope (its date range). One statement
 * over roll-ups, never the messages: the steps the version's publishing wrote
 * (`ScriptVersionStep`), and per session the furthest step reached and the steps below it never
 * reached (`SessionFunnel`, kept by the turn statement). A step was reached by the sessions whose
 * furthest step is at or after it, less those that went past it; a topic, by those whose furthest
 * step is at or after its first, less those that went past all of it. "Stopped here" counts a
 * session at its furthest step when it has not completed (its status, from the session).
 */
export async function funnelForVersion(prisma: PrismaClient, filters: AnalyticsFilters, versionId: string): Promise<FunnelStep[]> {
  const scope: AnalyticsFilters = { ...filters, versionIds: [versionId] };
  return analyticsQuery<FunnelStep>(prisma, sql`
    WITH steps AS MATERIALIZED (
      SELECT st.step, st."topicPosition", st."phaseId", st."topicId", st."actionId", st."actionType"
      FROM "ScriptVersionStep" st
      JOIN "ScriptVersion" v ON v.id = st."scriptVersionId"
      JOIN "Script" sc ON sc.id = v."scriptId"
      WHERE st."scriptVersionId" = ${versionId} AND sc."projectId" = ${filters.projectId}
    ),
    topics AS (
      SELECT "topicPosition", "phaseId", "topicId", min(step) AS first, count(*)::int AS size, array_agg(step) AS steps
      FROM steps GROUP BY 1, 2, 3
    ),
    -- Sessions by their furthest step, and how many of them have not completed (the version, which
    -- a session never changes, lets the sessions be read from their analytics index alone).
    furthest AS MATERIALIZED (
      SELECT u."furthestStep" AS step, count(*)::int AS sessions, count(*) FILTER (WHERE s.status <> 'completed')::int AS stopped
      FROM "SessionFunnel" u JOIN "Session" s ON s.id = u."sessionId" AND s."scriptVersionId" = u."scriptVersionId"
      WHERE ${summaryInScope(scope)}
      GROUP BY 1
    ),
    -- The steps of the sessions that went past some without reaching them (a condition was false,
    -- a jump): usually few sessions.
    skippers AS MATERIALIZED (
      SELECT u."skippedSteps" AS skipped
      FROM "SessionFunnel" u
      WHERE ${summaryInScope(scope)} AND cardinality(u."skippedSteps") > 0
    ),
    skipped_steps AS (
      SELECT k.step, count(*)::int AS sessions
      FROM skippers p CROSS JOIN LATERAL unnest(p.skipped) AS k(step)
      GROUP BY 1
    ),
    -- Sessions that went past every step of a topic.
    skipped_topics AS (
      SELECT t."topicPosition", count(*)::int AS sessions
      FROM topics t JOIN skippers p ON cardinality(p.skipped) >= t.size AND p.skipped @> t.steps
      GROUP BY 1
    ),
    -- Sessions whose furthest step is at or after each step.
    at_or_after AS (
      SELECT st.step, COALESCE(sum(f.sessions), 0)::int AS sessions
      FROM steps st LEFT JOIN furthest f ON f.step >= st.step
      GROUP BY 1
    )
    SELECT 'action' AS level, st.step AS position, st."phaseId", st."topicId", st."actionId", st."actionType",
           b.sessions - COALESCE(k.sessions, 0) AS reached, COALESCE(f.stopped, 0) AS "stoppedHere"
    FROM steps st
    JOIN at_or_after b ON b.step = st.step
    LEFT JOIN skipped_steps k ON k.step = st.step
    LEFT JOIN furthest f ON f.step = st.step
    UNION ALL
    SELECT 'topic', t."topicPosition", t."phaseId", t."topicId", NULL, NULL,
           b.sessions - COALESCE(k.sessions, 0),
           (SELECT COALESCE(sum(f.stopped), 0) FROM steps st JOIN furthest f ON f.step = st.step WHERE st."topicPosition" = t."topicPosition")::int
    FROM topics t
    JOIN at_or_after b ON b.step = t.first
    LEFT JOIN skipped_topics k ON k."topicPosition" = t."topicPosition"
    ORDER BY 1 DESC, 2`);
}
