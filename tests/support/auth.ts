/** Helpers for tests of signed-in (counsellor/author) procedures. */
import type { PrismaClient } from "@/server/db/generated/client";
import type { Platform } from "@/server/platform";
import { createUser, type AccountUser } from "@/server/services/accounts/accounts";
import { USER_COOKIE } from "@/server/auth/user-session";
import { callerFor } from "./test-platform";

export const TEST_PASSWORD = "correct horse battery staple";

let counter = 0;

/** A new account with a unique email (and TEST_PASSWORD unless given). */
export async function makeUser(
  prisma: PrismaClient,
  options: { role?: "admin" | "author"; email?: string; password?: string; projectIds?: string[] } = {},
): Promise<AccountUser & { password: string }> {
  const password = options.password ?? TEST_PASSWORD;
  const email = options.email ?? `user${++counter}-${Date.now().toString(36)}@example.test`;
  const user = await createUser(prisma, { email, password, role: options.role ?? "author" });
  for (const projectId of options.projectIds ?? []) await prisma.projectMember.create({ data: { projectId, userId: user.id } });
  return { ...user, password };
}

/**
 * Accounts made as `makeUser` makes them and signed in, one per name: their cookie headers under
 * the same names (e.g. `{ authorA: { projectIds: [a] }, admin: { role: "admin" }, nobody: {} }`).
 */
export async function signedInCookies<Name extends string>(platform: Platform, accounts: Record<Name, Parameters<typeof makeUser>[1]>): Promise<Record<Name, string>> {
  const cookies = {} as Record<Name, string>;
  for (const [name, options] of Object.entries(accounts) as [Name, Parameters<typeof makeUser>[1]][]) {
    cookies[name] = await signInCookie(platform, (await makeUser(platform.db.prisma, options)).email);
  }
  return cookies;
}

/** The `name=value` part of the sign-in Set-Cookie header from a response. */
export function userCookieFrom(resHeaders: Headers): string | null {
  for (const value of resHeaders.getSetCookie()) {
    if (value.startsWith(`${USER_COOKIE}=`)) return value.split(";")[0] ?? null;
  }
  return null;
}

/** Signs in through the real procedure and returns the cookie header to send afterwards. */
export async function signInCookie(platform: Platform, email: string, password: string = TEST_PASSWORD, headers: HeadersInit = {}): Promise<string> {
  const resHeaders = new Headers();
  await callerFor(platform, headers, resHeaders).auth.signIn({ email, password });
  const cookie = userCookieFrom(resHeaders);
  if (!cookie) throw new Error("sign-in set no cookie");
  return cookie;
}

/** A caller signed in as this user. */
export async function signedInCaller(platform: Platform, user: { email: string; password: string }, headers: Record<string, string> = {}) {
  const cookie = await signInCookie(platform, user.email, user.password);
  return callerFor(platform, { ...headers, cookie });
}

export async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}
