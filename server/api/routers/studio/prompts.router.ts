import { z } from "zod";
import { storableString } from "../../../engine/text/storable";
import { createTRPCRouter, projectProcedure } from "../../trpc";
import { getProjectPrompts, saveProjectPrompts } from "../../../services/studio/prompts/prompts";

const MAX_PROMPT_CHARS = 20_000;

/** The project's prompt wording (scheme defaults and overrides). */
export const studioPromptsRouter = createTRPCRouter({
  get: projectProcedure.query(({ ctx }) => getProjectPrompts(ctx.platform.db.prisma, ctx.projectId)),
  save: projectProcedure
    .input(z.object({ overrides: z.record(storableString().max(64), storableString().max(MAX_PROMPT_CHARS)) }))
    .mutation(({ ctx, input }) => saveProjectPrompts(ctx.platform.db.prisma, ctx.projectId, input.overrides)),
});
