/**
 * Clients' data on request, and retention: everything a client produced hangs off their identity
 * and their sessions, so deleting those cascades to messages, variable values, safety events and
 * model-call records (see the schema's onDelete rules); the per-day model-use roll-up is not theirs
 * alone, so their part is taken out of it first.
 */
import { Prisma, type PrismaClient } from "../../db/generated/client";
import { utcTimestamp } from "../../db/sql";
import { forgetSessionsModelUse } from "../analytics/forget";

export interface DeletionReport {
  sessions: number;
  messages: number;
}

/** Deletes one client and everything of theirs. Unknown ids are not an error (deleting twice is fine). */
export async function deleteClientData(prisma: PrismaClient, clientId: string): Promise<DeletionReport> {
  return prisma.$transaction(async (tx) => {
    const sessions = await tx.session.findMany({ where: { clientId }, select: { id: true } });
    const messages = await tx.message.count({ where: { sessionId: { in: sessions.map((s) => s.id) } } });
    await forgetSessionsModelUse(tx, Prisma.sql`s."clientId" = ${clientId}`);
    await tx.client.deleteMany({ where: { id: clientId } });
    return { sessions: sessions.length, messages };
  });
}

const PURGE_TIMEOUT_MS = 120_000;

/** Deletes sessions that ended (completed or ended) more than `days` days before `now`. */
export async function purgeEndedSessions(prisma: PrismaClient, days: number, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 24 * 3600 * 1000);
  return prisma.$transaction(
    async (tx) => {
      await forgetSessionsModelUse(tx, Prisma.sql`s.status IN ('completed', 'ended') AND s."endedAt" < ${utcTimestamp(cutoff)}::timestamp`);
      const { count } = await tx.session.deleteMany({ where: { status: { in: ["completed", "ended"] }, endedAt: { lt: cutoff } } });
      return count;
    },
    // A purge after a long pause may delete many sessions at once.
    { timeout: PURGE_TIMEOUT_MS },
  );
}
