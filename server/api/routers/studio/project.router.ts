import { z } from "zod";
import { storableString } from "../../../engine/text/storable";
import { createTRPCRouter, projectProcedure } from "../../trpc";
import { getBotName, saveBotName } from "../../../services/studio/project/bot-name";

/** A project's own settings. */
export const studioProjectRouter = createTRPCRouter({
  botName: projectProcedure.query(({ ctx }) => getBotName(ctx.platform.db.prisma, ctx.projectId)),
  saveBotName: projectProcedure
    .input(z.object({ botName: storableString().max(200) }))
    .mutation(({ ctx, input }) => saveBotName(ctx.platform.db.prisma, ctx.projectId, input.botName)),
});
