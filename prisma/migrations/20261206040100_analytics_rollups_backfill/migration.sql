-- Backfill the analytics roll-ups from the data stored before they existed, as the publish trigger
-- and the turn statement would have written them. Each fills only what is missing, so it can be
-- run again.

-- The steps of every version published before the trigger (the trigger's own statement, per version).
INSERT INTO "ScriptVersionStep" ("scriptVersionId", "step", "topicPosition", "phaseId", "topicId", "actionId", "actionType")
SELECT v.id, s.step, s."topicPosition", s."phaseId", s."topicId", s."actionId", s."actionType"
FROM "ScriptVersion" v
CROSS JOIN LATERAL (
  SELECT row_number() OVER (ORDER BY p.ord, t.ord, a.ord)::int AS step,
         dense_rank() OVER (ORDER BY p.ord, t.ord)::int AS "topicPosition",
         p.value->>'phase_id' AS "phaseId", t.value->>'topic_id' AS "topicId", a.value->>'action_id' AS "actionId", a.value->>'action_type' AS "actionType"
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(v.compiled->'session'->'phases') = 'array' THEN v.compiled->'session'->'phases' ELSE '[]'::jsonb END) WITH ORDINALITY AS p(value, ord)
  CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(p.value->'topics') = 'array' THEN p.value->'topics' ELSE '[]'::jsonb END) WITH ORDINALITY AS t(value, ord)
  CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(t.value->'actions') = 'array' THEN t.value->'actions' ELSE '[]'::jsonb END) WITH ORDINALITY AS a(value, ord)
  WHERE a.value->>'action_type' <> 'ai_think'
    AND p.value->>'phase_id' IS NOT NULL AND t.value->>'topic_id' IS NOT NULL AND a.value->>'action_id' IS NOT NULL
) s
WHERE NOT EXISTS (SELECT 1 FROM "ScriptVersionStep" x WHERE x."scriptVersionId" = v.id)
ON CONFLICT DO NOTHING;

-- Each session's furthest step (a message of that step's action, in the session's version: only
-- bot messages name an action)
-- and the steps below it it never reached.
INSERT INTO "SessionFunnel" ("sessionId", "scriptVersionId", "sessionCreatedAt", "furthestStep", "skippedSteps")
SELECT r."sessionId", s."scriptVersionId", s."createdAt", max(r.step),
       ARRAY(SELECT g FROM generate_series(1, max(r.step)) g WHERE g <> ALL (array_agg(r.step)) ORDER BY g)
FROM (
  SELECT DISTINCT m."sessionId", st.step
  FROM "Message" m
  JOIN "ScriptVersionStep" st ON st."scriptVersionId" = m."scriptVersionId" AND st."actionId" = m."actionId"
) r
JOIN "Session" s ON s.id = r."sessionId"
GROUP BY r."sessionId", s."scriptVersionId", s."createdAt"
ON CONFLICT DO NOTHING;

-- Model calls per version, UTC start day of their session, model and counted latency; only for
-- versions with none counted yet, so a second run adds nothing.
INSERT INTO "DailyModelUse" ("scriptVersionId", "day", "model", "latencyMs", "calls", "errors", "promptTokens", "completionTokens")
SELECT s."scriptVersionId", s."createdAt"::date, c.model, analytics_latency_ms(c."latencyMs"), count(*)::int, count(c.error)::int,
       COALESCE(sum(c."promptTokens"), 0), COALESCE(sum(c."completionTokens"), 0)
FROM "LlmCall" c JOIN "Session" s ON s.id = c."sessionId"
WHERE NOT EXISTS (SELECT 1 FROM "DailyModelUse" d WHERE d."scriptVersionId" = s."scriptVersionId")
GROUP BY 1, 2, 3, 4
ON CONFLICT DO NOTHING;
