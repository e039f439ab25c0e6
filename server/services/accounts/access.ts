/**
 * Which projects a signed-in user may see: admins every project, authors the projects they are
 * members of. Anything outside is reported as "not found", never "forbidden", so ids of other
 * projects' sessions reveal nothing.
 */
import type { Prisma, PrismaClient } from "../../db/generated/client";
import type { UserRole } from "../../auth/user-session";
import { ServiceError } from "../errors";

export interface Accessor {
  id: string;
  role: UserRole;
}

export type ProjectScope = { all: true } | { all: false; projectIds: readonly string[] };

export async function projectScope(prisma: PrismaClient, user: Accessor): Promise<ProjectScope> {
  if (user.role === "admin") return { all: true };
  const memberships = await prisma.projectMember.findMany({ where: { userId: user.id }, select: { projectId: true } });
  return { all: false, projectIds: memberships.map((m) => m.projectId) };
}

/** A Prisma filter on Project ids for the scope. */
export function projectIdFilter(scope: ProjectScope): Prisma.StringFilter | undefined {
  return scope.all ? undefined : { in: [...scope.projectIds] };
}

/** Sessions whose script belongs to a project in scope. */
export function sessionScopeWhere(scope: ProjectScope): Prisma.SessionWhereInput {
  return scope.all ? {} : { scriptVersion: { script: { projectId: { in: [...scope.projectIds] } } } };
}

/** Throws NOT_FOUND unless the project exists and the user may access it. */
export async function assertProjectAccess(prisma: PrismaClient, user: Accessor, projectId: string): Promise<void> {
  const found =
    user.role === "admin"
      ? await prisma.project.findUnique({ where: { id: projectId }, select: { id: true } })
      : await prisma.projectMember.findUnique({ where: { projectId_userId: { projectId, userId: user.id } }, select: { projectId: true } });
  if (!found) throw new ServiceError("NOT_FOUND", "This project was not found.");
}

/** The projects a user may access, by name. */
export async function listAccessibleProjects(prisma: PrismaClient, user: Accessor) {
  const scope = await projectScope(prisma, user);
  const id = projectIdFilter(scope);
  return prisma.project.findMany({ where: id ? { id } : {}, orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } });
}
