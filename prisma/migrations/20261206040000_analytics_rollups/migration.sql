-- Analytics roll-ups, so no chart reads every message or every model call of a large project:
-- - "ScriptVersionStep": the funnel's steps of each published version, written when the version
--   is inserted (a trigger, so every way of publishing writes them), in script order.
-- - "SessionFunnel": per session, the furthest step reached and the steps below it never reached;
--   kept by the statement that stores a turn (server/services/sessions/persist.ts).
-- - "DailyModelUse": model calls per script version, model, UTC day of the session's start and
--   latency (rounded by analytics_latency_ms), kept by the same statement.

-- A latency as model use counts it: exact below 1 s, above that rounded to three significant
-- figures (so within 0.5 %), which keeps a day's distinct latencies to a few thousand at most.
CREATE FUNCTION analytics_latency_ms(ms integer) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT CASE WHEN ms < 1000 THEN ms ELSE round(ms::numeric, 3 - length(ms::text))::integer END $$;

-- CreateTable
CREATE TABLE "ScriptVersionStep" (
    "scriptVersionId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "topicPosition" INTEGER NOT NULL,
    "phaseId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "actionType" TEXT NOT NULL,

    CONSTRAINT "ScriptVersionStep_pkey" PRIMARY KEY ("scriptVersionId","step")
);

-- CreateTable
CREATE TABLE "SessionFunnel" (
    "sessionId" TEXT NOT NULL,
    "scriptVersionId" TEXT NOT NULL,
    "sessionCreatedAt" TIMESTAMP(3) NOT NULL,
    "furthestStep" INTEGER NOT NULL,
    "skippedSteps" INTEGER[],

    CONSTRAINT "SessionFunnel_pkey" PRIMARY KEY ("sessionId")
);

-- CreateTable
CREATE TABLE "DailyModelUse" (
    "scriptVersionId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "model" TEXT NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "promptTokens" BIGINT NOT NULL,
    "completionTokens" BIGINT NOT NULL,

    CONSTRAINT "DailyModelUse_pkey" PRIMARY KEY ("scriptVersionId","day","model","latencyMs")
);

-- CreateIndex
CREATE INDEX "ScriptVersionStep_scriptVersionId_actionId_idx" ON "ScriptVersionStep"("scriptVersionId", "actionId");

-- CreateIndex
CREATE INDEX "SessionFunnel_analytics_idx" ON "SessionFunnel"("scriptVersionId", "sessionCreatedAt");

-- AddForeignKey
ALTER TABLE "ScriptVersionStep" ADD CONSTRAINT "ScriptVersionStep_scriptVersionId_fkey" FOREIGN KEY ("scriptVersionId") REFERENCES "ScriptVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionFunnel" ADD CONSTRAINT "SessionFunnel_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyModelUse" ADD CONSTRAINT "DailyModelUse_scriptVersionId_fkey" FOREIGN KEY ("scriptVersionId") REFERENCES "ScriptVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A version's funnel steps: its session script's speaking actions (ai_think says nothing, so it is
-- no step) numbered in script order, with their topic's position among the topics that have one.
-- Technique scripts have no session, so no steps. Versions are never changed in place.
CREATE FUNCTION analytics_version_steps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ScriptVersionStep" ("scriptVersionId", "step", "topicPosition", "phaseId", "topicId", "actionId", "actionType")
  SELECT NEW.id,
         row_number() OVER (ORDER BY p.ord, t.ord, a.ord)::int,
         dense_rank() OVER (ORDER BY p.ord, t.ord)::int,
         p.value->>'phase_id', t.value->>'topic_id', a.value->>'action_id', a.value->>'action_type'
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(NEW.compiled->'session'->'phases') = 'array' THEN NEW.compiled->'session'->'phases' ELSE '[]'::jsonb END) WITH ORDINALITY AS p(value, ord)
  CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(p.value->'topics') = 'array' THEN p.value->'topics' ELSE '[]'::jsonb END) WITH ORDINALITY AS t(value, ord)
  CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(t.value->'actions') = 'array' THEN t.value->'actions' ELSE '[]'::jsonb END) WITH ORDINALITY AS a(value, ord)
  WHERE a.value->>'action_type' <> 'ai_think'
    AND p.value->>'phase_id' IS NOT NULL AND t.value->>'topic_id' IS NOT NULL AND a.value->>'action_id' IS NOT NULL;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ScriptVersion_analytics_steps" AFTER INSERT ON "ScriptVersion"
  FOR EACH ROW EXECUTE FUNCTION analytics_version_steps();
