/** Every session in the projects the reviewer may access, newest first, filtered by script, version, status and risk. */
import type { Prisma, PrismaClient } from "../../db/generated/client";
import type { RiskLevel } from "../../engine/safety/risk-types";
import { sessionScopeWhere, type ProjectScope } from "../accounts/access";
import { loadRows, type Page } from "./session-rows";

export const SESSION_STATUSES = ["active", "completed", "ended"] as const;
export type SessionStatusName = (typeof SESSION_STATUSES)[number];

export interface SessionFilters {
  riskLevels?: readonly RiskLevel[];
  /** A script (any of its versions, unless scriptVersion is given too). */
  scriptId?: string;
  /** A version number (of the chosen script, or of any script). */
  scriptVersion?: number;
  status?: SessionStatusName;
  projectId?: string;
}

export function sessionsWhere(scope: ProjectScope, filters: SessionFilters): Prisma.SessionWhereInput {
  const and: Prisma.SessionWhereInput[] = [sessionScopeWhere(scope)];
  if (filters.riskLevels?.length) and.push({ riskLevel: { in: [...filters.riskLevels] } });
  if (filters.scriptId) and.push({ scriptVersion: { scriptId: filters.scriptId } });
  if (filters.scriptVersion !== undefined) and.push({ scriptVersion: { number: filters.scriptVersion } });
  if (filters.status) and.push({ status: filters.status });
  if (filters.projectId) and.push({ scriptVersion: { script: { projectId: filters.projectId } } });
  return { AND: and };
}

/** Newest first. */
export const SESSIONS_ORDER: Prisma.SessionOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

/** Every session in scope matching the filters, newest first (no message text). */
export async function listSessions(prisma: PrismaClient, scope: ProjectScope, filters: SessionFilters, page: Page) {
  const where = sessionsWhere(scope, filters);
  const [total, rows] = await Promise.all([prisma.session.count({ where }), loadRows(prisma, where, page, SESSIONS_ORDER)]);
  return { total, rows, limit: page.limit, offset: page.offset };
}
