import { authorProcedure, createTRPCRouter } from "../../trpc";
import { projectScope } from "../../../services/accounts/access";
import { getClientOutcomes, getSessionClient } from "../../../services/outcomes/outcomes";
import { clientOutcomesInput, sessionClientInput } from "./schemas";

/**
 * A client's outcomes for counsellors, authorised as review is: a signed-in counsellor sees only
 * the client's sessions in the projects they may access (admins: all); anything else is NOT_FOUND.
 */
export const outcomesRouter = createTRPCRouter({
  /** Every instrument score of the client's sessions in scope, with bands and reliable change. */
  client: authorProcedure.input(clientOutcomesInput).query(async ({ ctx, input }) => {
    const { prisma } = ctx.platform.db;
    return getClientOutcomes(prisma, await projectScope(prisma, ctx.user), input.clientId);
  }),

  /** The client of a session in scope, and how many of their sessions are in scope. */
  sessionClient: authorProcedure.input(sessionClientInput).query(async ({ ctx, input }) => {
    const { prisma } = ctx.platform.db;
    return getSessionClient(prisma, await projectScope(prisma, ctx.user), input.sessionId);
  }),
});
