/**
 * Two signed-in counsellors on a test database with the example scripts: a member of the default
 * project and an outsider (a member of another project only).
 */
import type { SeededFileDatabase } from "./set-up-test-database";
import { signedInCookies } from "./auth";

export interface ProjectMembers {
  /** Session cookies. */
  member: string;
  outsider: string;
}

export async function seedProjectMembers(testDb: SeededFileDatabase): Promise<ProjectMembers> {
  const other = (await testDb.db.prisma.project.create({ data: { slug: "other", name: "Other" } })).id;
  return signedInCookies(testDb.platform, { member: { projectIds: [testDb.projectId] }, outsider: { projectIds: [other] } });
}
