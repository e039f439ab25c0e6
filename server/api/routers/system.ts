import { createTRPCRouter, publicProcedure } from "../trpc";
import { getSystemInfo } from "../../services/system";

export const systemRouter = createTRPCRouter({
  /** What this deployment runs on: version, storage, model mode, and what clients can start. */
  info: publicProcedure.query(({ ctx }) => getSystemInfo(ctx.platform)),
});
