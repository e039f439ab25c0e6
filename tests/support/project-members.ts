/**
 * A migrated test database with the example scripts in the default project, and two signed-in
 * counsellors: a member of that project and an outsider (a member of another project only).
 */
import type { Platform } from "@/server/platform";
import type { TestDatabase } from "./test-database";
import { testPlatform } from "./test-platform";
import { signedInCookies } from "./auth";
import { seedExamples } from "./seeded-scripts";

export interface ProjectMembers {
  platform: Platform;
  projectId: string;
  /** The seeded weekly check-in's script id. */
  checkInId: string;
  /** Session cookies. */
  member: string;
  outsider: string;
}

export async function seedProjectMembers(testDb: TestDatabase): Promise<ProjectMembers> {
  const { projectId, checkIn } = await seedExamples(testDb.db);
  const other = (await testDb.db.prisma.project.create({ data: { slug: "other", name: "Other" } })).id;
  const platform = testPlatform(testDb.db);
  const { member, outsider } = await signedInCookies(platform, { member: { projectIds: [projectId] }, outsider: { projectIds: [other] } });
  return { platform, projectId, checkInId: checkIn.scriptId, member, outsider };
}
