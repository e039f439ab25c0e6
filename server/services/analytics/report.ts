/**
 * A project's analytics page in one call: the filter choices (scripts and their versions) and
 * every chart's aggregate. Each aggregate is its own read-only statement; on Postgres they run
 * side by side on the pool, on PGlite one after another.
 */
import type { PrismaClient } from "../../db/generated/client";
import { completionByVersion, engagementByVersion, sessionsPerDay, type DayCount, type VersionCompletion, type VersionEngagement } from "./activity";
import { funnelForVersion, type FunnelStep } from "./funnel";
import { modelUsage, type ModelUsage } from "./models";
import { safetyByLevel, type SafetyRate } from "./safety";
import type { AnalyticsFilters } from "./scope";

export interface AnalyticsVersionOption {
  id: string;
  number: number;
  createdAt: Date;
}

export interface AnalyticsScriptOption {
  id: string;
  path: string;
  scriptKey: string;
  deleted: boolean;
  versions: AnalyticsVersionOption[];
}

/** The project's session scripts and their published versions, newest version first. */
export async function analyticsOptions(prisma: PrismaClient, projectId: string): Promise<AnalyticsScriptOption[]> {
  const scripts = await prisma.script.findMany({
    where: { projectId, kind: "session" },
    orderBy: { path: "asc" },
    select: {
      id: true,
      path: true,
      scriptKey: true,
      deletedAt: true,
      versions: { orderBy: { number: "desc" }, select: { id: true, number: true, createdAt: true } },
    },
  });
  return scripts.map(({ deletedAt, ...script }) => ({ ...script, deleted: deletedAt !== null }));
}

export interface VersionFunnel {
  versionId: string;
  steps: FunnelStep[];
}

export interface ProjectAnalytics {
  perDay: DayCount[];
  completion: VersionCompletion[];
  engagement: VersionEngagement[];
  safety: SafetyRate[];
  models: ModelUsage[];
  /** The chosen versions' funnels; without a chosen version, the version with the most sessions. */
  funnels: VersionFunnel[];
}

function busiestVersion(completion: readonly VersionCompletion[]): string | undefined {
  let best: VersionCompletion | undefined;
  for (const row of completion) if (!best || row.started > best.started) best = row;
  return best?.versionId;
}

export async function projectAnalytics(prisma: PrismaClient, filters: AnalyticsFilters): Promise<ProjectAnalytics> {
  const [perDay, completion, engagement, safety, models] = await Promise.all([
    sessionsPerDay(prisma, filters),
    completionByVersion(prisma, filters),
    engagementByVersion(prisma, filters),
    safetyByLevel(prisma, filters),
    modelUsage(prisma, filters),
  ]);
  const fallback = busiestVersion(completion);
  const funnelVersions = filters.versionIds?.length ? [...filters.versionIds] : fallback ? [fallback] : [];
  const funnels = await Promise.all(funnelVersions.map(async (versionId) => ({ versionId, steps: await funnelForVersion(prisma, filters, versionId) })));
  return { perDay, completion, engagement, safety, models, funnels };
}
