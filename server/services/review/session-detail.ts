/**
 * One session for review: its transcript with each safety event's evidence placed in the client
 * message it came from, the events, and every variable write (the current one marked).
 *
 * Message text is health data: nothing here logs it.
 */
import type { Prisma, PrismaClient } from "../../db/generated/client";
import type { RiskLevel } from "../../engine/safety/risk-types";
import { sessionScopeWhere, type ProjectScope } from "../accounts/access";
import { ServiceError } from "../errors";
import { placeSpan, readEvidence, type EvidenceSpan } from "./evidence";
import { scriptNames, SESSION_SUMMARY_SELECT, variableKey } from "./session-rows";

export interface PlacedSpan {
  start: number;
  end: number;
  rule: string;
  eventId: string;
  level: RiskLevel;
}

export interface ReviewEvent {
  id: string;
  level: RiskLevel;
  category: string;
  source: string;
  actionTaken: string;
  turn: number;
  createdAt: Date;
  messageId: string | null;
  messageSeq: number | null;
  evidence: EvidenceSpan[];
  reviewedAt: Date | null;
  reviewedBy: { id: string; email: string; name: string | null } | null;
  reviewNote: string | null;
}

export async function getReviewSession(prisma: PrismaClient, scope: ProjectScope, sessionId: string) {
  const session = await prisma.session.findFirst({
    where: { AND: [{ id: sessionId }, sessionScopeWhere(scope)] },
    select: { ...SESSION_SUMMARY_SELECT, endedAt: true },
  });
  if (!session) throw new ServiceError("NOT_FOUND", "This session was not found.");

  const [names, messages, events, variables] = await Promise.all([
    scriptNames(prisma, [session.scriptVersionId]),
    prisma.message.findMany({
      where: { sessionId },
      orderBy: { seq: "asc" },
      select: { id: true, seq: true, role: true, text: true, turn: true, actionId: true, createdAt: true },
    }),
    prisma.safetyEvent.findMany({
      where: { sessionId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        level: true,
        category: true,
        source: true,
        actionTaken: true,
        turn: true,
        createdAt: true,
        messageId: true,
        evidence: true,
        reviewedAt: true,
        reviewNote: true,
        reviewedBy: { select: { id: true, email: true, name: true } },
      },
    }),
    prisma.variableValue.findMany({
      where: { sessionId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, name: true, scope: true, scopeId: true, value: true, skipped: true, sourceActionId: true, turn: true, messageId: true, createdAt: true },
    }),
  ]);

  const seqOf = new Map(messages.map((m) => [m.id, m.seq]));
  const reviewEvents: ReviewEvent[] = events.map((e) => ({
    id: e.id,
    level: e.level,
    category: e.category,
    source: e.source,
    actionTaken: e.actionTaken,
    turn: e.turn,
    createdAt: e.createdAt,
    messageId: e.messageId,
    messageSeq: e.messageId ? (seqOf.get(e.messageId) ?? null) : null,
    evidence: readEvidence(e.evidence),
    reviewedAt: e.reviewedAt,
    reviewedBy: e.reviewedBy,
    reviewNote: e.reviewNote,
  }));

  const spansByMessage = new Map<string, PlacedSpan[]>();
  for (const event of reviewEvents) {
    if (!event.messageId) continue;
    const message = messages.find((m) => m.id === event.messageId);
    if (!message || message.role !== "client") continue;
    for (const span of event.evidence) {
      const placed = placeSpan(message.text, span);
      if (!placed) continue;
      const list = spansByMessage.get(message.id) ?? [];
      list.push({ ...placed, rule: span.rule, eventId: event.id, level: event.level });
      spansByMessage.set(message.id, list);
    }
  }

  const latest = new Map<string, string>();
  for (const v of variables) latest.set(variableKey(v), v.id);
  const current = new Set(latest.values());

  const script = session.scriptVersion.script;
  return {
    session: {
      id: session.id,
      status: session.status,
      riskLevel: session.riskLevel,
      needsReview: session.needsReview,
      language: session.language,
      turnCount: session.turnCount,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      endedAt: session.endedAt,
      project: script.project,
      script: { id: script.id, name: names.get(session.scriptVersionId) ?? script.scriptKey, path: script.path, version: session.scriptVersion.number },
    },
    messages: messages.map((m) => ({
      ...m,
      highlights: (spansByMessage.get(m.id) ?? []).sort((a, b) => a.start - b.start || b.end - a.end),
    })),
    events: reviewEvents,
    variables: variables.map((v) => ({
      id: v.id,
      name: v.name,
      scope: v.scope,
      scopeId: v.scopeId,
      value: v.value as Prisma.JsonValue,
      /** The client skipped the question (`sourceActionId`): no value was given, and the variable stays unset. */
      skipped: v.skipped,
      sourceActionId: v.sourceActionId,
      turn: v.turn,
      messageSeq: v.messageId ? (seqOf.get(v.messageId) ?? null) : null,
      createdAt: v.createdAt,
      current: current.has(v.id),
    })),
  };
}
