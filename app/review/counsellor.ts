import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { serverCaller } from "@/server/api/rsc";
import { signInUrl } from "@/components/auth/return-to";

/** The signed-in counsellor for this request, or a redirect to sign in (coming back to `path`). */
export const requireCounsellor = cache(async (path: string) => {
  const user = await serverCaller.auth.me();
  if (!user) redirect(signInUrl(path));
  return user;
});

/** Sends an expired or revoked sign-in to the sign-in page; other errors go on. */
export function redirectIfSignedOut(error: unknown, path: string): void {
  if (error instanceof TRPCError && error.code === "UNAUTHORIZED") redirect(signInUrl(path));
}

/** A page's data: signed-out callers go to sign in, a project or session out of reach is a 404. */
export async function loadOrNotFound<T>(path: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    redirectIfSignedOut(error, path);
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

type SearchParams = Record<string, string | string[] | undefined>;

/** Rebuilds a query string from search params (for return URLs and links that keep filters). */
export function queryString(params: SearchParams, overrides: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (key in overrides) continue;
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) if (item) search.append(key, item);
  }
  for (const [key, value] of Object.entries(overrides)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}
