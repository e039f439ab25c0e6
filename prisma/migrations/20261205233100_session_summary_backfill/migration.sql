-- Backfill the analytics summary from the turns stored before it existed, as the turn statement
-- would have written it. It fills only what is missing, so it can be run again.

-- Each session's model calls per model.
INSERT INTO "SessionModelUse" ("sessionId", "model", "scriptVersionId", "sessionCreatedAt", "calls", "errors", "promptTokens", "completionTokens", "latenciesMs")
SELECT c."sessionId", c.model, s."scriptVersionId", s."createdAt", count(*)::int, count(c.error)::int,
       COALESCE(sum(c."promptTokens"), 0), COALESCE(sum(c."completionTokens"), 0), array_agg(c."latencyMs" ORDER BY c."createdAt", c.id)
FROM "LlmCall" c JOIN "Session" s ON s.id = c."sessionId"
GROUP BY c."sessionId", c.model, s."scriptVersionId", s."createdAt"
ON CONFLICT DO NOTHING;
