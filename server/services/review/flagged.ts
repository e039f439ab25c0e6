/**
 * The flagged list: sessions that need review or had any safety event, in the projects the
 * reviewer may access, highest risk first, then newest. Reviewed sessions stay listed, marked.
 */
import type { Prisma, PrismaClient } from "../../db/generated/client";
import type { RiskLevel } from "../../engine/safety/risk-types";
import { sessionScopeWhere, type ProjectScope } from "../accounts/access";
import { loadRows, scriptName, type Page } from "./session-rows";

export type ReviewState = "all" | "unreviewed" | "reviewed";

export interface ReviewFilters {
  /** Only sessions whose current risk level is one of these. */
  riskLevels?: readonly RiskLevel[];
  /** unreviewed: needs review or has an event nobody reviewed; reviewed: every event reviewed. */
  state?: ReviewState;
  /** A script (any of its versions). */
  scriptId?: string;
  projectId?: string;
}

export function flaggedWhere(scope: ProjectScope, filters: ReviewFilters): Prisma.SessionWhereInput {
  const and: Prisma.SessionWhereInput[] = [
    sessionScopeWhere(scope),
    { OR: [{ needsReview: true }, { safetyEvents: { some: {} } }] },
  ];
  if (filters.riskLevels?.length) and.push({ riskLevel: { in: [...filters.riskLevels] } });
  if (filters.scriptId) and.push({ scriptVersion: { scriptId: filters.scriptId } });
  if (filters.projectId) and.push({ scriptVersion: { script: { projectId: filters.projectId } } });
  if (filters.state === "unreviewed") and.push({ OR: [{ needsReview: true }, { safetyEvents: { some: { reviewedAt: null } } }] });
  if (filters.state === "reviewed") and.push({ needsReview: false, safetyEvents: { none: { reviewedAt: null } } });
  return { AND: and };
}

/** Highest risk first (Postgres orders enum values as declared: none < … < imminent), then newest. */
export const FLAGGED_ORDER: Prisma.SessionOrderByWithRelationInput[] = [{ riskLevel: "desc" }, { createdAt: "desc" }, { id: "desc" }];

export async function listFlaggedSessions(prisma: PrismaClient, scope: ProjectScope, filters: ReviewFilters, page: Page) {
  const where = flaggedWhere(scope, filters);
  const [total, rows] = await Promise.all([prisma.session.count({ where }), loadRows(prisma, where, page, FLAGGED_ORDER)]);
  return { total, rows, limit: page.limit, offset: page.offset };
}

/** Session scripts in scope, for the script filter. */
export async function listReviewScripts(prisma: PrismaClient, scope: ProjectScope) {
  const scripts = await prisma.script.findMany({
    where: { kind: "session", versions: { some: {} }, ...(scope.all ? {} : { projectId: { in: [...scope.projectIds] } }) },
    orderBy: [{ path: "asc" }],
    select: { id: true, path: true, scriptKey: true, project: { select: { id: true, name: true } }, versions: { orderBy: { number: "desc" }, take: 1, select: { compiled: true } } },
  });
  return scripts.map((s) => ({ id: s.id, path: s.path, project: s.project, name: scriptName(s.versions[0]?.compiled ?? null, s.scriptKey) }));
}
