import { authorProcedure, createTRPCRouter, projectProcedure, type TRPCContext } from "../../trpc";
import type { SessionState } from "../../../engine/runtime";
import { scriptJsonSchema } from "../../../engine/script";
import { analyseDraft } from "../../../services/studio/editor/analyse";
import { startTry, turnTry, type TryDeps } from "../../../services/studio/try/run";
import { analyseInput, tryStartInput, tryTurnInput } from "./try.schemas";

function tryDeps(ctx: TRPCContext): TryDeps {
  const { platform } = ctx;
  return { prisma: platform.db.prisma, llmFor: platform.llmFor, modelConfigured: platform.env.llmMode === "model" };
}

/**
 * The editor's server side: the script format's JSON Schema, live analysis of a draft
 * (diagnostics, outline, variables, placeholders) and the try-it panel (a throwaway conversation
 * on the unsaved draft; nothing is stored). Every procedure but `schema` names a project the
 * signed-in user may access (else NOT_FOUND) and reads only that project's drafts.
 * Mutations, so big drafts travel in the POST body.
 */
export const studioTryRouter = createTRPCRouter({
  /** The JSON Schema of the script format, for monaco-yaml (completion and hover docs). */
  schema: authorProcedure.query(() => scriptJsonSchema()),

  analyse: projectProcedure.input(analyseInput).mutation(({ ctx, input }) =>
    analyseDraft(ctx.platform.db.prisma, ctx.projectId, { yaml: input.yaml, ...(input.path ? { path: input.path } : {}) }),
  ),

  start: projectProcedure.input(tryStartInput).mutation(({ ctx, input }) => startTry(tryDeps(ctx), { ...input, projectId: ctx.projectId })),

  turn: projectProcedure.input(tryTurnInput).mutation(({ ctx, input }) =>
    // The schema checked the shape the engine relies on; the rest of SessionState is the engine's to judge.
    turnTry(tryDeps(ctx), { ...input, state: input.state as unknown as SessionState, projectId: ctx.projectId }),
  ),
});
