/**
 * Deleting sessions (a client's data on request, retention) takes their model calls out of the
 * per-day model-use roll-up too, which outlives them otherwise (it is per day, not per session):
 * model use then counts the same sessions as every other chart. The per-session roll-ups go with
 * their sessions (they cascade).
 */
import type { Prisma } from "../../db/generated/client";

/**
 * Run in the deleting transaction, before the sessions are deleted; `sessions` is the deletion's
 * condition on "Session" (aliased `s`).
 */
export async function forgetSessionsModelUse(tx: Prisma.TransactionClient, sessions: Prisma.Sql): Promise<void> {
  await tx.$executeRaw`
    UPDATE "DailyModelUse" d SET
      calls = d.calls - g.calls,
      errors = d.errors - g.errors,
      "promptTokens" = d."promptTokens" - g."promptTokens",
      "completionTokens" = d."completionTokens" - g."completionTokens"
    FROM (
      SELECT s."scriptVersionId", s."createdAt"::date AS day, c.model, analytics_latency_ms(c."latencyMs") AS "latencyMs",
             count(*)::int AS calls, count(c.error)::int AS errors,
             COALESCE(sum(c."promptTokens"), 0) AS "promptTokens", COALESCE(sum(c."completionTokens"), 0) AS "completionTokens"
      FROM "LlmCall" c JOIN "Session" s ON s.id = c."sessionId"
      WHERE ${sessions}
      GROUP BY 1, 2, 3, 4
    ) g
    WHERE d."scriptVersionId" = g."scriptVersionId" AND d.day = g.day AND d.model = g.model AND d."latencyMs" = g."latencyMs"`;
  await tx.$executeRaw`DELETE FROM "DailyModelUse" WHERE calls <= 0`;
}
