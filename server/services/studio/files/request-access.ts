/**
 * The tRPC layer's author and project checks, for route handlers (zip export and import): a valid
 * sign-in cookie whose account still exists with the same password, and a project the user may
 * access (admins: all; authors: theirs). Another project is "not found", never "forbidden".
 */
import { identityFromHeaders } from "../../../auth/identity";
import type { PrismaClient } from "../../../db/generated/client";
import { assertProjectAccess } from "../../accounts/access";
import { loadSignedInUser, type AccountUser } from "../../accounts/accounts";
import { ServiceError } from "../../errors";

export type ProjectRequestAccess = { ok: true; user: AccountUser } | { ok: false; status: 401 | 404; message: string };

export async function authorizeProjectRequest(prisma: PrismaClient, headers: Headers, secret: string, projectId: string): Promise<ProjectRequestAccess> {
  const claims = identityFromHeaders(headers, secret).user;
  if (!claims) return { ok: false, status: 401, message: "Sign in as a counsellor or author to do this." };
  const user = await loadSignedInUser(prisma, claims, secret);
  if (!user) return { ok: false, status: 401, message: "Your sign-in is no longer valid. Please sign in again." };
  try {
    await assertProjectAccess(prisma, user, projectId);
  } catch (error) {
    if (error instanceof ServiceError && error.code === "NOT_FOUND") return { ok: false, status: 404, message: error.message };
    throw error;
  }
  return { ok: true, user };
}
