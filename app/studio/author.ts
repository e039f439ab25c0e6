import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { serverCaller } from "@/server/api/rsc";
import { signInUrl } from "@/components/auth/return-to";

/** The signed-in author for this request, or a redirect to sign in (coming back to `path`). */
export const requireAuthor = cache(async (path: string) => {
  const user = await serverCaller.auth.me();
  if (!user) redirect(signInUrl(path));
  return user;
});

/** A project the author may open in the studio, or the not-found page (never "forbidden"). */
export async function requireProject(projectId: string, path: string) {
  let projects;
  try {
    projects = await serverCaller.studioFiles.projects();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") redirect(signInUrl(path));
    throw error;
  }
  const project = projects.find((p) => p.id === projectId);
  if (!project) notFound();
  return project;
}
