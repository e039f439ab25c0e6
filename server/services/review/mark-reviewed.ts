/** A counsellor marking a safety event reviewed, with a note. */
import type { PrismaClient } from "../../db/generated/client";
import { sessionScopeWhere, type ProjectScope } from "../accounts/access";
import { ServiceError } from "../errors";

export const REVIEW_NOTE_MAX = 4000;

/**
 * Marks a safety event reviewed by `reviewerId` with a note (marking again replaces the note).
 * When no event of the session is left unreviewed, the session no longer needs review. The
 * clearing is one conditional update run after the event is stored, so two counsellors finishing
 * the last two events at once still clear it, and an event stored by a new turn keeps it. It is
 * plain SQL so the session's "last active" time (`updatedAt`, the client's last turn) stays as it
 * was: Prisma would set it to now.
 */
export async function markEventReviewed(
  prisma: PrismaClient,
  scope: ProjectScope,
  input: { eventId: string; reviewerId: string; note: string | null },
) {
  const event = await prisma.safetyEvent.findFirst({
    where: { id: input.eventId, session: sessionScopeWhere(scope) },
    select: { id: true, sessionId: true },
  });
  if (!event) throw new ServiceError("NOT_FOUND", "This safety event was not found.");
  const note = input.note?.trim() || null;
  if (note && note.length > REVIEW_NOTE_MAX) throw new ServiceError("BAD_REQUEST", `The note must be at most ${REVIEW_NOTE_MAX} characters.`);

  const updated = await prisma.safetyEvent.update({
    where: { id: event.id },
    data: { reviewedAt: new Date(), reviewedById: input.reviewerId, reviewNote: note },
    select: { id: true, reviewedAt: true, reviewNote: true, reviewedBy: { select: { id: true, email: true, name: true } } },
  });
  await prisma.$executeRaw`UPDATE "Session" SET "needsReview" = false
    WHERE id = ${event.sessionId} AND "needsReview"
      AND NOT EXISTS (SELECT 1 FROM "SafetyEvent" e WHERE e."sessionId" = ${event.sessionId} AND e."reviewedAt" IS NULL)`;
  const session = await prisma.session.findUniqueOrThrow({ where: { id: event.sessionId }, select: { id: true, needsReview: true } });
  const unreviewedEvents = await prisma.safetyEvent.count({ where: { sessionId: event.sessionId, reviewedAt: null } });
  return { event: updated, session: { ...session, unreviewedEvents } };
}
