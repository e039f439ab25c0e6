import { clientProcedure, createTRPCRouter, publicProcedure, type TRPCContext } from "../../trpc";
import type { SessionDeps } from "../../../services/sessions/deps";
import { startSession } from "../../../services/sessions/start-session";
import { endSession, getSession, listMessages, listSessions, listStartableScripts, listVariables } from "../../../services/sessions/queries";
import { messagesInput, sessionIdInput, startInput } from "./schemas";
import { deleteClientData } from "../../../services/data-care/data-care";
import { CLIENT_COOKIE } from "../../../auth/identity";

/** Clears the client identity cookie (after the client deleted their data). */
const FORGET_CLIENT_COOKIE = `${CLIENT_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;

function deps(ctx: TRPCContext): SessionDeps {
  const { db, cache, llmFor } = ctx.platform;
  return { prisma: db.prisma, sql: db.sql, cache, llmFor };
}

/** A client's own sessions: every procedure scopes by the caller's identity. */
export const sessionRouter = createTRPCRouter({
  scripts: publicProcedure.query(({ ctx }) => listStartableScripts(ctx.platform.db)),
  start: clientProcedure.input(startInput).mutation(({ ctx, input }) =>
    startSession(deps(ctx), { clientId: ctx.clientId, scriptId: input.scriptId, ...(input.language ? { language: input.language } : {}) }),
  ),
  get: clientProcedure.input(sessionIdInput).query(({ ctx, input }) => getSession(ctx.platform.db, ctx.clientId, input.sessionId)),
  list: clientProcedure.query(({ ctx }) => listSessions(ctx.platform.db, ctx.clientId)),
  messages: clientProcedure
    .input(messagesInput)
    .query(({ ctx, input }) =>
      listMessages(ctx.platform.db, ctx.clientId, input.sessionId, { limit: input.limit, ...(input.afterSeq !== undefined ? { afterSeq: input.afterSeq } : {}) }),
    ),
  variables: clientProcedure.input(sessionIdInput).query(({ ctx, input }) => listVariables(ctx.platform.db, ctx.clientId, input.sessionId)),
  end: clientProcedure.input(sessionIdInput).mutation(({ ctx, input }) => endSession(ctx.platform.db, ctx.clientId, input.sessionId)),
  /** Deletes every session and message of this client, then forgets the identity. */
  deleteMyData: clientProcedure.mutation(async ({ ctx }) => {
    const report = await deleteClientData(ctx.platform.db.prisma, ctx.clientId);
    ctx.resHeaders?.append("Set-Cookie", FORGET_CLIENT_COOKIE);
    return report;
  }),
});
