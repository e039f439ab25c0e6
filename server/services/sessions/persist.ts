/**
 * Stores one engine run (session start or a turn) in a single transaction: the client message,
 * every bot message, variable writes with lineage, safety events, model calls, and the new state.
 * The session row's version must still be the one the run read, so two concurrent turns can
 * never both apply; the loser stores nothing.
 */
import type { EngineEvent, RiskLevel, SessionState } from "../../engine/runtime";
import type { LlmUsage } from "../../engine/llm/port";
import type { Prisma, PrismaClient } from "../../db/generated/client";
import { randomUUID } from "node:crypto";
import { ServiceError } from "../errors";

export interface SafetyFinding {
  level: RiskLevel;
  category: string;
  evidence: unknown;
  source: string;
  actionTaken: string;
}

export interface RunRecord {
  sessionId: string;
  /** The version read before running; the commit is refused when it changed. */
  readVersion: number;
  scriptVersionId: string;
  promptScheme: string;
  model: string | null;
  clientMessage?: { clientMessageId: string; text: string };
  events: readonly EngineEvent[];
  state: SessionState;
  safety: readonly SafetyFinding[];
  llmCalls: readonly LlmUsage[];
}

export interface StoredMessage {
  id: string;
  seq: number;
  role: "client" | "bot" | "system";
  text: string;
  turn: number;
  actionId: string | null;
  createdAt: Date;
}

const RISK_ORDER: readonly RiskLevel[] = ["none", "low", "medium", "high", "imminent"];
const NEEDS_REVIEW_FROM: RiskLevel = "medium";

function maxRisk(levels: readonly RiskLevel[]): RiskLevel {
  return levels.reduce<RiskLevel>((max, level) => (RISK_ORDER.indexOf(level) > RISK_ORDER.indexOf(max) ? level : max), "none");
}

/** Writes a run inside the caller's transaction (so a new session row and its first run commit together). */
export async function writeRun(tx: Prisma.TransactionClient, record: RunRecord): Promise<StoredMessage[]> {
  {
    const status = record.state.status === "complete" ? "completed" : "active";
    const engineSafety: SafetyFinding[] = record.events.flatMap((e) =>
      e.type === "safety"
        ? [{ level: e.level, category: e.reason, evidence: e.evidence ?? [], source: e.source ?? "engine", actionTaken: e.action ?? "logged" }]
        : [],
    );
    const safety = [...record.safety, ...engineSafety];
    const risk = maxRisk([record.state.risk.level, ...safety.map((s) => s.level)]);
    const flag = RISK_ORDER.indexOf(risk) >= RISK_ORDER.indexOf(NEEDS_REVIEW_FROM);

    // The version check first: a stale run must not write anything.
    const claimed = await tx.session.updateMany({
      where: { id: record.sessionId, version: record.readVersion },
      data: {
        version: { increment: 1 },
        state: record.state as unknown as Prisma.InputJsonValue,
        turnCount: record.state.turn,
        status,
        ...(status === "completed" ? { endedAt: new Date() } : {}),
        ...(safety.length ? { riskLevel: risk } : {}),
        ...(flag && safety.length ? { needsReview: true } : {}),
      },
    });
    if (claimed.count !== 1) {
      throw new ServiceError("BUSY", "This session was updated by another request at the same moment. Please send your message again.");
    }

    const last = await tx.message.findFirst({ where: { sessionId: record.sessionId }, orderBy: { seq: "desc" }, select: { seq: true } });
    let seq = last?.seq ?? 0;
    const turnNumber = record.state.turn;
    const stored: StoredMessage[] = [];

    // All of the turn's messages in one statement; ids are made here so lineage can point at them.
    const createdAt = new Date();
    const rows: Prisma.MessageCreateManyInput[] = [];
    let clientMessageRowId: string | null = null;
    if (record.clientMessage) {
      clientMessageRowId = newMessageId();
      rows.push({
        id: clientMessageRowId,
        sessionId: record.sessionId,
        seq: ++seq,
        role: "client",
        text: record.clientMessage.text,
        clientMessageId: record.clientMessage.clientMessageId,
        turn: turnNumber,
        scriptVersionId: record.scriptVersionId,
        createdAt,
      });
    }
    for (const event of record.events) {
      if (event.type !== "message-end") continue;
      rows.push({
        id: newMessageId(),
        sessionId: record.sessionId,
        seq: ++seq,
        role: "bot",
        text: event.text,
        turn: turnNumber,
        actionId: event.actionId,
        scriptVersionId: record.scriptVersionId,
        promptScheme: record.promptScheme,
        model: record.model,
        createdAt,
      });
    }
    if (rows.length) await tx.message.createMany({ data: rows });
    for (const row of rows) {
      stored.push({ id: row.id!, seq: row.seq, role: row.role, text: row.text, turn: row.turn, actionId: row.actionId ?? null, createdAt });
    }

    const variableRows = record.events.flatMap((e) =>
      e.type === "variable-set"
        ? [
            {
              sessionId: record.sessionId,
              name: e.name,
              scope: e.scope,
              value: e.value as Prisma.InputJsonValue,
              sourceActionId: e.source,
              messageId: clientMessageRowId,
              turn: turnNumber,
            },
          ]
        : [],
    );
    if (variableRows.length) await tx.variableValue.createMany({ data: variableRows });

    if (safety.length) {
      await tx.safetyEvent.createMany({
        data: safety.map((finding) => ({
          sessionId: record.sessionId,
          messageId: clientMessageRowId,
          level: finding.level,
          category: finding.category,
          evidence: (finding.evidence ?? []) as Prisma.InputJsonValue,
          source: finding.source,
          actionTaken: finding.actionTaken,
          turn: turnNumber,
        })),
      });
    }

    if (record.llmCalls.length) {
      await tx.llmCall.createMany({
        data: record.llmCalls.map((call) => ({
          sessionId: record.sessionId,
          turn: turnNumber,
          purpose: call.purpose,
          model: call.model,
          promptTokens: call.promptTokens ?? null,
          completionTokens: call.completionTokens ?? null,
          latencyMs: Math.round(call.latencyMs),
          error: call.error ?? null,
        })),
      });
    }
    return stored;
  }
}

export function persistRun(prisma: PrismaClient, record: RunRecord): Promise<StoredMessage[]> {
  return prisma.$transaction((tx) => writeRun(tx, record));
}

/** Message ids made before insert (the variables and safety events of the turn refer to them). */
function newMessageId(): string {
  return `m_${randomUUID().replaceAll("-", "")}`;
}
