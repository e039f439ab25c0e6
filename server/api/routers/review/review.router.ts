import { assertProjectAccess, authorProcedure, createTRPCRouter, type TRPCContext } from "../../trpc";
import type { AccountUser } from "../../../services/accounts/accounts";
import { projectScope } from "../../../services/accounts/access";
import { exportFlaggedSessionsCsv, exportSessionsCsv, exportVariablesCsv } from "../../../services/review/export-csv";
import { listFlaggedSessions, listReviewScripts, type ReviewFilters } from "../../../services/review/flagged";
import { markEventReviewed } from "../../../services/review/mark-reviewed";
import { getReviewSession } from "../../../services/review/session-detail";
import { listSessions, type SessionFilters } from "../../../services/review/sessions";
import { markReviewedInput, reviewFiltersInput, reviewListInput, reviewSessionInput, sessionFiltersInput, sessionsListInput } from "./schemas";
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

/** The all-sessions filters in scope: a named project must be one the user may access (else NOT_FOUND). */
async function sessionFiltersFor(ctx: Ctx, input: z.infer<typeof sessionFiltersInput>): Promise<SessionFilters> {
  if (input.projectId) await assertProjectAccess(ctx, input.projectId);
  return {
    ...(input.riskLevels?.length ? { riskLevels: input.riskLevels } : {}),
    ...(input.scriptId ? { scriptId: input.scriptId } : {}),
    ...(input.scriptVersion !== undefined ? { scriptVersion: input.scriptVersion } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.projectId ? { projectId: input.projectId } : {}),
  };
}

function stamp(): string {
  return new Date().toISOString().slice(0, 16).replace(/[:T]/g, "-");
}

/**
 * Counsellor review of flagged sessions, and of every session. Every procedure is limited to the projects the signed-in
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
    return { filename: `heartline-flagged-sessions-${stamp()}.csv`, csv, rows };
  }),

  /** Every session in scope matching the filters, newest first; one page. */
  sessions: authorProcedure.input(sessionsListInput).query(async ({ ctx, input }) => {
    const { prisma } = ctx.platform.db;
    const filters = await sessionFiltersFor(ctx, input);
    const result = await listSessions(prisma, await projectScope(prisma, ctx.user), filters, { limit: input.limit, offset: (input.page - 1) * input.limit });
    return { ...result, page: input.page };
  }),

  /** The all-sessions list (same filters, every page) as CSV; no message text. */
  exportSessionsCsv: authorProcedure.input(sessionFiltersInput).query(async ({ ctx, input }) => {
    const { prisma } = ctx.platform.db;
    const filters = await sessionFiltersFor(ctx, input);
    const { csv, rows } = await exportSessionsCsv(prisma, await projectScope(prisma, ctx.user), filters);
    return { filename: `heartline-sessions-${stamp()}.csv`, csv, rows };
  }),

  /** The current variable values of the all-sessions list (same filters) as CSV; no message text. */
  exportVariablesCsv: authorProcedure.input(sessionFiltersInput).query(async ({ ctx, input }) => {
    const { prisma } = ctx.platform.db;
    const filters = await sessionFiltersFor(ctx, input);
    const { csv, rows } = await exportVariablesCsv(prisma, await projectScope(prisma, ctx.user), filters);
    return { filename: `heartline-session-variables-${stamp()}.csv`, csv, rows };
  }),
});
