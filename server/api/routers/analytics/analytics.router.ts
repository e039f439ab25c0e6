import { assertProjectAccess, authorProcedure, createTRPCRouter } from "../../trpc";
import type { AnalyticsFilters } from "../../../services/analytics/scope";
import { analyticsOptions, projectAnalytics } from "../../../services/analytics/report";
import { analyticsSessionsCsv } from "../../../services/analytics/sessions-export";
import { analyticsFiltersInput, analyticsOptionsInput, type AnalyticsFiltersInput } from "./schemas";

const DAY_MS = 86_400_000;

/** The service's filters: whole UTC days, the end day included. */
function toAnalyticsFilters(input: AnalyticsFiltersInput): AnalyticsFilters {
  const versionIds = [input.versionId, input.compareVersionId].filter((v): v is string => Boolean(v));
  return {
    projectId: input.projectId,
    ...(input.scriptId ? { scriptId: input.scriptId } : {}),
    ...(versionIds.length ? { versionIds } : {}),
    ...(input.from ? { from: new Date(`${input.from}T00:00:00Z`) } : {}),
    ...(input.to ? { to: new Date(Date.parse(`${input.to}T00:00:00Z`) + DAY_MS) } : {}),
  };
}

function stamp(): string {
  return new Date().toISOString().slice(0, 16).replace(/[:T]/g, "-");
}

/**
 * Project analytics for the project's authors and counsellors (admins: every project); another
 * project is NOT_FOUND. Counts, rates and timings only: no message text or variable values.
 */
export const analyticsRouter = createTRPCRouter({
  options: authorProcedure.input(analyticsOptionsInput).query(async ({ ctx, input }) => {
    await assertProjectAccess(ctx, input.projectId);
    return analyticsOptions(ctx.platform.db.prisma, input.projectId);
  }),

  report: authorProcedure.input(analyticsFiltersInput).query(async ({ ctx, input }) => {
    await assertProjectAccess(ctx, input.projectId);
    return projectAnalytics(ctx.platform.db.prisma, toAnalyticsFilters(input));
  }),

  /** One row per session in scope, for the page's CSV download. */
  sessionsCsv: authorProcedure.input(analyticsFiltersInput).query(async ({ ctx, input }) => {
    await assertProjectAccess(ctx, input.projectId);
    const { csv, rows } = await analyticsSessionsCsv(ctx.platform.db.prisma, toAnalyticsFilters(input));
    return { filename: `heartline-analytics-sessions-${stamp()}.csv`, csv, rows };
  }),
});
