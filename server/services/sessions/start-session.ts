import { collect } from "../../engine/runtime/collect";
import { engineEntry } from "../engine-runtime";
import { resolveScheme } from "../../engine/prompts/default-scheme";
import type { LlmUsage } from "../../engine/llm/port";
import { ServiceError } from "../errors";
import type { SessionDeps } from "./deps";
import { commitRun, newRowId, type StoredMessage } from "./persist";
import { allowsTemplateFallback, loadRunnable, loadStartTarget } from "./runnable";

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
  const target = await loadStartTarget(deps.sql, input.scriptId);
  if (!target) throw new ServiceError("NOT_FOUND", "That script does not exist or has not been published.");
  const runnable = await loadRunnable(deps.sql, target.versionId, target.pins, target.promptOverrides);
  if (runnable.script.kind !== "session") throw new ServiceError("BAD_REQUEST", "Only session scripts can be started.");

  const usage: LlmUsage[] = [];
  const llm = deps.llmFor((u) => usage.push(u), { templateFallback: allowsTemplateFallback(runnable.script) });
  const options = {
    llm,
    scriptVersion: target.versionId,
    techniques: runnable.techniques,
    ...runnable.safety,
    promptOverrides: runnable.promptOverrides,
    ...(input.language ? { language: input.language } : {}),
  };
  const { start } = await engineEntry();
  const { events, state } = await collect(start(runnable.script, options));

  const sessionId = newRowId("s");
  const messages = await commitRun(
    deps.sql,
    {
      sessionId,
      scriptVersionId: target.versionId,
      promptScheme: resolveScheme(runnable.script.session.template_scheme, runnable.promptOverrides).id,
      model: llm.model,
      events,
      state,
      llmCalls: usage,
    },
    { kind: "start", clientId: input.clientId, techniquePins: target.pins, language: state.language },
  );
  return { sessionId, status: state.status === "complete" ? "completed" : "active", messages };
}
