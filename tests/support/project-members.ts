/**
 * A migrated test database with the example scripts in the default project, and two signed-in
 * counsellors: a member of that project and an outsider (a member of another project only).
 */
import path from "node:path";
import { seedExampleScripts } from "@/server/services/seed";
import type { Platform } from "@/server/platform";
import type { TestDatabase } from "./test-database";
import { testPlatform } from "./test-platform";
import { makeUser, signInCookie } from "./auth";

export interface ProjectMembers {
  platform: Platform;
  projectId: string;
  /** Session cookies. */
  member: string;
  outsider: string;
}

export async function seedProjectMembers(testDb: TestDatabase): Promise<ProjectMembers> {
  const prisma = testDb.db.prisma;
  await seedExampleScripts(prisma, path.resolve(import.meta.dirname, "../../scripts"));
  const projectId = (await prisma.project.findUniqueOrThrow({ where: { slug: "default" } })).id;
  const other = (await prisma.project.create({ data: { slug: "other", name: "Other" } })).id;
  const platform = testPlatform(testDb.db);
  const member = await signInCookie(platform, (await makeUser(prisma, { projectIds: [projectId] })).email);
  const outsider = await signInCookie(platform, (await makeUser(prisma, { projectIds: [other] })).email);
  return { platform, projectId, member, outsider };
}
