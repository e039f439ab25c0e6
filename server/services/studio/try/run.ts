/**
 * The try-it panel: runs an unsaved session draft in a throwaway conversation. Nothing is stored:
 * the browser keeps the state and sends it back with each message. The draft runs with the
 * project's other drafts (techniques and safety files), in template mode or — when the
 * deployment has a model — model mode, with every prompt and raw model output recorded for the
 * inspector.
 */
import type { PrismaClient } from "../../../db/generated/client";
import { LlmError, type JsonValue, type LlmPort, type LlmUsage } from "../../../engine/llm/port";
import { templateLlm } from "../../../engine/llm/template";
import { collect } from "../../../engine/runtime/collect";
import { EngineError, type EngineEvent, type EngineOptions, type EngineRun, type SessionState } from "../../../engine/runtime/types";
import { formatDiagnostic, type CompiledSessionScript } from "../../../engine/script";
import { recordingLlm } from "../../../llm/recording";
import { engineEntry } from "../../engine-runtime";
import { ServiceError } from "../../errors";
import { asOverrides, allowsTemplateFallback } from "../../sessions/runnable";
import { compileDraft, compileOthers, loadProjectContext, type DraftInProject } from "../editor/project-drafts";
import { inspect, type Inspector } from "./inspector";

/** The script version of every try-it state: a state from an earlier draft still continues. */
export const TRY_SCRIPT_VERSION = "draft";
/** Errors named in the refusal to run a draft with errors. */
const ERRORS_SHOWN = 3;

export interface TryDeps {
  prisma: Pick<PrismaClient, "script" | "project">;
  /** The deployment's model port (as Platform.llmFor). */
  llmFor(onUsage: (usage: LlmUsage) => void, options?: { templateFallback?: boolean }): LlmPort;
  /** True when the deployment has a model configured. */
  modelConfigured: boolean;
}

export type TryMode = "template" | "model";

interface TryTarget extends DraftInProject {
  projectId: string;
  /** Default: the deployment's mode. `model` without a configured model runs in template mode. */
  mode?: TryMode;
}

export interface TryStartInput extends TryTarget {
  startTopicId?: string;
  variables?: Record<string, JsonValue>;
}

export interface TryTurnInput extends TryTarget {
  state: SessionState;
  text: string;
}

export interface TryResult {
  state: SessionState;
  events: EngineEvent[];
  inspector: Inspector;
}

interface Prepared {
  script: CompiledSessionScript;
  options: EngineOptions;
  mode: TryMode;
  llm: ReturnType<typeof recordingLlm>;
  usage: LlmUsage[];
}

async function prepare(deps: TryDeps, input: TryTarget): Promise<Prepared> {
  const draft: DraftInProject = { yaml: input.yaml, ...(input.path ? { path: input.path } : {}) };
  const context = await loadProjectContext(deps.prisma, input.projectId, draft);
  const result = compileDraft(context, draft);
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    const shown = errors.slice(0, ERRORS_SHOWN).map(formatDiagnostic).join("; ");
    const more = errors.length > ERRORS_SHOWN ? ` (and ${errors.length - ERRORS_SHOWN} more)` : "";
    throw new ServiceError("BAD_REQUEST", `The draft has errors; fix them to try it: ${shown}${more}.`);
  }
  if (result.script.kind !== "session") {
    throw new ServiceError("BAD_REQUEST", `Only a session script can be tried here; this file is a ${result.script.kind} script.`);
  }
  const script = result.script;
  const mode: TryMode = deps.modelConfigured && (input.mode ?? "model") === "model" ? "model" : "template";
  const usage: LlmUsage[] = [];
  const port = mode === "model" ? deps.llmFor((u) => usage.push(u), { templateFallback: allowsTemplateFallback(script) }) : templateLlm;
  const llm = recordingLlm(port);
  const { techniques, safety } = compileOthers(context);
  const project = await deps.prisma.project.findUnique({ where: { id: input.projectId }, select: { promptOverrides: true } });
  return {
    script,
    mode,
    llm,
    usage,
    options: { llm: llm.port, scriptVersion: TRY_SCRIPT_VERSION, techniques, ...safety, promptOverrides: asOverrides(project?.promptOverrides) },
  };
}

async function run(prepared: Prepared, engineRun: EngineRun): Promise<TryResult> {
  try {
    const { events, state } = await collect(engineRun);
    return { state, events, inspector: inspect(state, prepared.mode, prepared.llm.calls, prepared.usage) };
  } catch (error) {
    throw translate(error);
  }
}

function translate(error: unknown): unknown {
  if (error instanceof LlmError) {
    return new ServiceError("MODEL_UNAVAILABLE", `The model did not answer (${error.purpose}: ${error.message}). Try again, or try the draft in template mode.`, {}, { cause: error });
  }
  if (error instanceof EngineError) {
    switch (error.code) {
      case "session_complete":
        return new ServiceError("ENDED", "This try-it conversation has ended. Restart to try the draft again.", {}, { cause: error });
      case "script_mismatch":
      case "state_version":
      case "script_version":
        return new ServiceError("BAD_REQUEST", `${error.message} Restart the try-it conversation.`, {}, { cause: error });
      default:
        return new ServiceError("BAD_REQUEST", error.message, {}, { cause: error });
    }
  }
  return error;
}

/** Starts a throwaway conversation on the draft (at a chosen topic, with chosen values, if given). */
export async function startTry(deps: TryDeps, input: TryStartInput): Promise<TryResult> {
  const prepared = await prepare(deps, input);
  const options: EngineOptions = {
    ...prepared.options,
    ...(input.startTopicId ? { startTopicId: input.startTopicId } : {}),
    ...(input.variables && Object.keys(input.variables).length > 0 ? { initialVariables: input.variables } : {}),
  };
  const { start } = await engineEntry();
  return run(prepared, start(prepared.script, options));
}

/** One client message in a throwaway conversation; the state is the one the previous step returned. */
export async function turnTry(deps: TryDeps, input: TryTurnInput): Promise<TryResult> {
  const prepared = await prepare(deps, input);
  const { turn } = await engineEntry();
  return run(prepared, turn(prepared.script, input.state, input.text, prepared.options));
}
