import { assertProjectAccess, authorProcedure, createTRPCRouter, type TRPCContext } from "../../trpc";
import type { AccountUser } from "../../../services/accounts/accounts";
import { projectScope } from "../../../services/accounts/access";
import {
  exportFlaggedSessionsCsv,
  getReviewSession,
  listFlaggedSessions,
  listReviewScripts,
  markEventReviewed,
  type ReviewFilters,
} from "../../../services/review/review";
import { markReviewedInput, reviewFiltersInput, reviewListInput, reviewSessionInput } from "./schemas";
import type { z } from "zod";

type Ctx = TRPCContext & { user: AccountUser };

/** The filters in scope: a named project must be one the user may access (else NOT_FOUND). */
async function filtersFor(ctx: Ctx, input: z.infer<typeof reviewFiltersInput>): Promise<ReviewFilters> {
  if (input.projectId) await assertProjectAccess(ctx, input.projectId);
  return {
    state: input.state,
    ...(input.riskLevels?.length ? { riskLevels: input.riskLevels } : {}),
    ...(input.scriptId ? { scriptId: input.scriptId } : {}),
    ...(input.projectId ? { projectId: input.projectId } : {}),
  };
}

/**
 * Counsellor review of flagged sessions. Every procedure is limited to the projects the signed-in
 * user may access (admins: all; authors: their projects); anything else is NOT_FOUND.
 */
export const reviewRouter = createTRPCRouter({
  list: authorProcedure.input(reviewListInput).query(async ({ ctx, input }) => {
    const { prisma } = ctx.platform.db;
    const filters = await filtersFor(ctx, input);
    return listFlaggedSessions(prisma, await projectScope(prisma, ctx.user), filters, { limit: input.limit, offset: input.offset });
  }),

  scripts: authorProcedure.query(async ({ ctx }) => {
    const { prisma } = ctx.platform.db;
    return listReviewScripts(prisma, await projectScope(prisma, ctx.user));
  }),

  session: authorProcedure.input(reviewSessionInput).query(async ({ ctx, input }) => {
    const { prisma } = ctx.platform.db;
    return getReviewSession(prisma, await projectScope(prisma, ctx.user), input.sessionId);
  }),

  markReviewed: authorProcedure.input(markReviewedInput).mutation(async ({ ctx, input }) => {
    const { prisma } = ctx.platform.db;
    return markEventReviewed(prisma, await projectScope(prisma, ctx.user), { eventId: input.eventId, reviewerId: ctx.user.id, note: input.note ?? null });
  }),

  /** The listed sessions (same filters, every page) as CSV; no message text. */
  exportCsv: authorProcedure.input(reviewFiltersInput).query(async ({ ctx, input }) => {
    const { prisma } = ctx.platform.db;
    const filters = await filtersFor(ctx, input);
    const { csv, rows } = await exportFlaggedSessionsCsv(prisma, await projectScope(prisma, ctx.user), filters);
    const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, "-");
    return { filename: `heartline-flagged-sessions-${stamp}.csv`, csv, rows };
  }),
});
