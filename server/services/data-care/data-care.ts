/**
 * Clients' data on request, and retention: everything a client produced hangs off their identity
 * and their sessions, so deleting those cascades to messages, variable values, safety events and
 * model-call records (see the schema's onDelete rules).
 */
import type { PrismaClient } from "../../db/generated/client";

export interface DeletionReport {
  sessions: number;
  messages: number;
}

/** Deletes one client and everything of theirs. Unknown ids are not an error (deleting twice is fine). */
export async function deleteClientData(prisma: PrismaClient, clientId: string): Promise<DeletionReport> {
  return prisma.$transaction(async (tx) => {
    const sessions = await tx.session.findMany({ where: { clientId }, select: { id: true } });
    const messages = await tx.message.count({ where: { sessionId: { in: sessions.map((s) => s.id) } } });
    await tx.client.deleteMany({ where: { id: clientId } });
    return { sessions: sessions.length, messages };
  });
}

/** Deletes sessions that ended (completed or ended) more than `days` days before `now`. */
export async function purgeEndedSessions(prisma: PrismaClient, days: number, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 24 * 3600 * 1000);
  const { count } = await prisma.session.deleteMany({
    where: { status: { in: ["completed", "ended"] }, endedAt: { lt: cutoff } },
  });
  return count;
}
