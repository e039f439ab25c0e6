/** Reads a client may make about their own sessions. Another client's session is "not found". */
import type { PrismaClient } from "../../db/generated/client";
import { ServiceError } from "../errors";

export interface StartableScript {
  id: string;
  name: string;
  description: string | null;
  language: string | null;
  version: number;
}

/** Published session scripts a client may start, newest first within each project. */
export async function listStartableScripts(prisma: PrismaClient): Promise<StartableScript[]> {
  const scripts = await prisma.script.findMany({
    where: { kind: "session", deletedAt: null, versions: { some: {} } },
    orderBy: [{ path: "asc" }],
    select: {
      id: true,
      scriptKey: true,
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, compiled: true } },
    },
  });
  return scripts.flatMap((script) => {
    const latest = script.versions[0];
    if (!latest) return [];
    const compiled = latest.compiled as { metadata?: { name?: unknown; description?: unknown; language?: unknown }; session?: { session_name?: unknown } };
    const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);
    return [
      {
        id: script.id,
        name: text(compiled.metadata?.name) ?? text(compiled.session?.session_name) ?? script.scriptKey,
        description: text(compiled.metadata?.description),
        language: text(compiled.metadata?.language),
        version: latest.number,
      },
    ];
  });
}

async function ownedSession(prisma: PrismaClient, clientId: string, sessionId: string) {
  const session = await prisma.session.findFirst({
    where: { id: sessionId, clientId },
    select: {
      id: true,
      status: true,
      riskLevel: true,
      language: true,
      createdAt: true,
      updatedAt: true,
      endedAt: true,
      turnCount: true,
      scriptVersion: { select: { number: true, script: { select: { id: true, scriptKey: true } }, compiled: true } },
    },
  });
  if (!session) throw new ServiceError("NOT_FOUND", "This conversation was not found.");
  return session;
}

function scriptName(compiled: unknown, fallback: string): string {
  const c = compiled as { metadata?: { name?: unknown } };
  return typeof c.metadata?.name === "string" ? c.metadata.name : fallback;
}

export async function getSession(prisma: PrismaClient, clientId: string, sessionId: string) {
  const s = await ownedSession(prisma, clientId, sessionId);
  return {
    id: s.id,
    status: s.status,
    riskLevel: s.riskLevel,
    language: s.language,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    endedAt: s.endedAt,
    turnCount: s.turnCount,
    script: { id: s.scriptVersion.script.id, name: scriptName(s.scriptVersion.compiled, s.scriptVersion.script.scriptKey), version: s.scriptVersion.number },
  };
}

export async function listSessions(prisma: PrismaClient, clientId: string) {
  const sessions = await prisma.session.findMany({
    where: { clientId },
    orderBy: { updatedAt: "desc" },
    take: 50,
    select: {
      id: true,
      status: true,
      createdAt: true,
      updatedAt: true,
      turnCount: true,
      scriptVersion: { select: { number: true, compiled: true, script: { select: { scriptKey: true } } } },
    },
  });
  return sessions.map((s) => ({
    id: s.id,
    status: s.status,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    turnCount: s.turnCount,
    scriptName: scriptName(s.scriptVersion.compiled, s.scriptVersion.script.scriptKey),
  }));
}

/** The transcript in pages, oldest first; `afterSeq` continues a page. */
export async function listMessages(prisma: PrismaClient, clientId: string, sessionId: string, page: { afterSeq?: number; limit: number }) {
  await ownedSession(prisma, clientId, sessionId);
  const rows = await prisma.message.findMany({
    where: { sessionId, ...(page.afterSeq !== undefined ? { seq: { gt: page.afterSeq } } : {}) },
    orderBy: { seq: "asc" },
    take: page.limit + 1,
    select: { id: true, seq: true, role: true, text: true, turn: true, createdAt: true, clientMessageId: true },
  });
  const more = rows.length > page.limit;
  const messages = more ? rows.slice(0, page.limit) : rows;
  return { messages, nextAfterSeq: more ? (messages.at(-1)?.seq ?? null) : null };
}

/** Current value of each variable (the newest write), with where it came from. */
export async function listVariables(prisma: PrismaClient, clientId: string, sessionId: string) {
  await ownedSession(prisma, clientId, sessionId);
  const rows = await prisma.variableValue.findMany({
    where: { sessionId },
    orderBy: { createdAt: "asc" },
    select: { name: true, scope: true, value: true, sourceActionId: true, turn: true, messageId: true },
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(`${row.scope}:${row.name}`, row);
  return [...latest.values()];
}

export async function endSession(prisma: PrismaClient, clientId: string, sessionId: string) {
  const session = await ownedSession(prisma, clientId, sessionId);
  if (session.status !== "active") return { id: session.id, status: session.status };
  const updated = await prisma.session.update({
    where: { id: session.id },
    data: { status: "ended", endedAt: new Date(), version: { increment: 1 } },
    select: { id: true, status: true },
  });
  return updated;
}
