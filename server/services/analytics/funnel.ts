/**
 * Where clients leave a script version: for each topic and each action of its session script (in
 * script order), how many sessions reached it, and how many stopped there without completing.
 * "Reached" means the bot said something for that action (a stored bot message names its
 * action), so actions that say nothing (ai_think) and techniques' own actions are not steps.
 */
import type { PrismaClient } from "../../db/generated/client";
import { scopedSessions, type AnalyticsFilters } from "./scope";
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
 * The funnel of one version, limited to the sessions in scope (its date range). One statement:
 * the steps come from the version's compiled script, the reached actions from the
 * ("scriptVersionId", "actionId", "sessionId") index of bot messages; no message text is read.
 * "Stopped here" counts a session at its furthest step when it has not completed.
 */
export async function funnelForVersion(prisma: PrismaClient, filters: AnalyticsFilters, versionId: string): Promise<FunnelStep[]> {
  const scope: AnalyticsFilters = { ...filters, versionIds: [versionId] };
  // Without a date range every session of the version counts (the steps already check the
  // project), so the messages are read from the index alone, with no join to the sessions.
  const dated = Boolean(filters.from || filters.to);
  return analyticsQuery<FunnelStep>(prisma, sql`
    WITH steps AS MATERIALIZED (
      SELECT row_number() OVER (ORDER BY p.ord, t.ord, a.ord)::int AS step,
             dense_rank() OVER (ORDER BY p.ord, t.ord)::int AS "topicPosition",
             p.value->>'phase_id' AS "phaseId", t.value->>'topic_id' AS "topicId",
             a.value->>'action_id' AS "actionId", a.value->>'action_type' AS "actionType"
      FROM "ScriptVersion" v
      JOIN "Script" sc ON sc.id = v."scriptId"
      CROSS JOIN LATERAL jsonb_array_elements(v.compiled->'session'->'phases') WITH ORDINALITY AS p(value, ord)
      CROSS JOIN LATERAL jsonb_array_elements(p.value->'topics') WITH ORDINALITY AS t(value, ord)
      CROSS JOIN LATERAL jsonb_array_elements(t.value->'actions') WITH ORDINALITY AS a(value, ord)
      WHERE v.id = ${versionId} AND sc."projectId" = ${filters.projectId} AND a.value->>'action_type' <> 'ai_think'
    ),
    scoped AS MATERIALIZED (${scopedSessions(scope)}),
    -- (action, session) pairs, each once, in the index's order.
    pairs AS (
      SELECT m."actionId", m."sessionId"
      FROM "Message" m
      WHERE m."scriptVersionId" = ${versionId} AND m."actionId" IS NOT NULL
        ${dated ? sql`AND m."sessionId" IN (SELECT id FROM scoped)` : sql``}
      GROUP BY 1, 2
    ),
    reached AS (
      SELECT p."sessionId", st.step, st."topicPosition"
      FROM pairs p JOIN steps st ON st."actionId" = p."actionId"
    ),
    -- Where each unfinished session got to: its furthest step.
    stopped AS (
      SELECT r."sessionId", max(r.step) AS step
      FROM reached r
      GROUP BY 1
    ),
    stopped_at AS (
      SELECT x.step, count(*)::int AS sessions
      FROM stopped x JOIN scoped s ON s.id = x."sessionId"
      WHERE s.status <> 'completed'
      GROUP BY 1
    ),
    action_counts AS (SELECT step, count(*)::int AS reached FROM reached GROUP BY 1),
    topic_counts AS (SELECT "topicPosition", count(DISTINCT "sessionId")::int AS reached FROM reached GROUP BY 1)
    SELECT 'action' AS level, st.step AS position, st."phaseId", st."topicId", st."actionId", st."actionType",
           COALESCE(a.reached, 0) AS reached, COALESCE(x.sessions, 0) AS "stoppedHere"
    FROM steps st
    LEFT JOIN action_counts a ON a.step = st.step
    LEFT JOIN stopped_at x ON x.step = st.step
    UNION ALL
    SELECT 'topic', t."topicPosition", t."phaseId", t."topicId", NULL, NULL,
           COALESCE(tc.reached, 0), COALESCE(sum(x.sessions), 0)::int
    FROM (SELECT DISTINCT "topicPosition", "phaseId", "topicId" FROM steps) t
    LEFT JOIN topic_counts tc ON tc."topicPosition" = t."topicPosition"
    LEFT JOIN steps st ON st."topicPosition" = t."topicPosition"
    LEFT JOIN stopped_at x ON x.step = st.step
    GROUP BY t."topicPosition", t."phaseId", t."topicId", tc.reached
    ORDER BY 1 DESC, 2`);
}
