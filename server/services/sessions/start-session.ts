import { collect, start } from "../../engine/runtime";
import { resolveScheme } from "../../engine/prompts/default-scheme";
import type { LlmUsage } from "../../engine/llm/port";
import type { Prisma } from "../../db/generated/client";
import { ServiceError } from "../errors";
import type { SessionDeps } from "./deps";
import { writeRun, type StoredMessage } from "./persist";
import { allowsTemplateFallback, latestTechniquePins, loadRunnable } from "./runnable";

export interface StartedSession {
  sessionId: string;
  status: "active" | "completed";
  messages: StoredMessage[];
}

/**
 * Starts a session for a client on the latest published version of a session script. The session
 * is pinned to that version (and to the project's technique versions of this moment).
 */
export async function startSession(deps: SessionDeps, input: { clientId: string; scriptId: string; language?: "en" | "zh" }): Promise<StartedSession> {
  const { prisma } = deps;
  const script = await prisma.script.findFirst({
    where: { id: input.scriptId, kind: "session", deletedAt: null },
    select: { id: true, projectId: true, versions: { orderBy: { number: "desc" }, take: 1, select: { id: true } } },
  });
  const version = script?.versions[0];
  if (!script || !version) throw new ServiceError("NOT_FOUND", "That script does not exist or has not been published.");

  const pins = await latestTechniquePins(prisma, script.projectId);
  const runnable = await loadRunnable(prisma, version.id, pins);
  if (runnable.script.kind !== "session") throw new ServiceError("BAD_REQUEST", "Only session scripts can be started.");

  const usage: LlmUsage[] = [];
  const llm = deps.llmFor((u) => usage.push(u), { templateFallback: allowsTemplateFallback(runnable.script) });
  const options = {
    llm,
    scriptVersion: version.id,
    techniques: runnable.techniques,
    ...runnable.safety,
    promptOverrides: runnable.promptOverrides,
    ...(input.language ? { language: input.language } : {}),
  };
  const { events, state } = await collect(start(runnable.script, options));

  const promptScheme = resolveScheme(runnable.script.session.template_scheme, runnable.promptOverrides).id;
  return prisma.$transaction(async (tx) => {
    await tx.client.upsert({ where: { id: input.clientId }, create: { id: input.clientId }, update: { lastSeenAt: new Date() } });
    const session = await tx.session.create({
      data: {
        scriptVersionId: version.id,
        clientId: input.clientId,
        state: state as unknown as Prisma.InputJsonValue,
        techniquePins: pins as Prisma.InputJsonValue,
        language: state.language,
      },
      select: { id: true, version: true },
    });
    const messages = await writeRun(tx, {
      sessionId: session.id,
      readVersion: session.version,
      scriptVersionId: version.id,
      promptScheme,
      model: llm.model,
      events,
      state,
      safety: [],
      llmCalls: usage,
    });
    return { sessionId: session.id, status: state.status === "complete" ? ("completed" as const) : ("active" as const), messages };
  });
}
