/**
 * Counsellor/author accounts: creating them, signing in (rate-limited, never revealing whether an
 * email has an account), the first admin, and project membership. Clients never need an account.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Cache, RateLimitResult } from "../../cache/types";
import type { PrismaClient } from "../../db/generated/client";
import { burnPasswordCheck, hashPassword, passwordProblem, verifyPassword } from "../../auth/password";
import { passwordVersion, type UserRole, type UserSessionClaims } from "../../auth/user-session";
import { getLogger } from "../../log";
import { ServiceError } from "../errors";

export interface AccountUser {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
}

const USER_SELECT = { id: true, email: true, name: true, role: true } as const;

export const EMAIL_MAX_LENGTH = 254;

/** Emails compare case-insensitively and without surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailProblem(email: string): string | null {
  const normalised = normaliseEmail(email);
  if (normalised.length > EMAIL_MAX_LENGTH) return "The email address is too long.";
  if (!/^[^\s@]+@[^\s@]+$/.test(normalised)) return "Enter a valid email address.";
  return null;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

export interface NewUser {
  email: string;
  password: string;
  role: UserRole;
  name?: string | null;
}

/** Creates an account. A taken email or a weak password is a BAD_REQUEST with a clear message. */
export async function createUser(prisma: PrismaClient, input: NewUser): Promise<AccountUser> {
  const problem = emailProblem(input.email) ?? passwordProblem(input.password, [input.email, input.name ?? ""]);
  if (problem) throw new ServiceError("BAD_REQUEST", problem);
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.user.create({
      data: { email, passwordHash, role: input.role, name: input.name?.trim() || null },
      select: USER_SELECT,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ServiceError("BAD_REQUEST", "An account with this email address already exists.");
    throw error;
  }
}

/** Sets a new password and ends every session of the account (every sign-in cookie issued before stops working). */
export async function setPassword(prisma: PrismaClient, userId: string, password: string): Promise<void> {
  const account = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, name: true } });
  if (!account) throw new ServiceError("NOT_FOUND", "This account was not found.");
  const problem = passwordProblem(password, [account.email, account.name ?? ""]);
  if (problem) throw new ServiceError("BAD_REQUEST", problem);
  const passwordHash = await hashPassword(password);
  const updated = await prisma.user.updateMany({ where: { id: userId }, data: { passwordHash } });
  if (updated.count !== 1) throw new ServiceError("NOT_FOUND", "This account was not found.");
  await revokeUserSessions(prisma, userId);
}

// ---------------------------------------------------------------------------------------------
// Server-side sessions

/** Starts a sign-in session that lasts until `expiresAt` (epoch seconds); its id goes in the cookie. */
export async function openUserSession(prisma: PrismaClient, userId: string, expiresAt: number): Promise<{ id: string; expiresAt: number }> {
  const id = `us_${randomBytes(18).toString("base64url")}`;
  await prisma.userSession.create({ data: { id, userId, expiresAt: new Date(expiresAt * 1000) } });
  return { id, expiresAt };
}

/** Ends one session (sign-out); ending it twice is harmless. */
export async function revokeUserSession(prisma: PrismaClient, claims: Pick<UserSessionClaims, "id" | "sessionId">): Promise<void> {
  await prisma.userSession.updateMany({ where: { id: claims.sessionId, userId: claims.id, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every session of an account (a password change, an admin); resolves to how many were open. */
export async function revokeUserSessions(prisma: PrismaClient, userId: string): Promise<number> {
  const { count } = await prisma.userSession.updateMany({ where: { userId, revokedAt: null, expiresAt: { gt: new Date() } }, data: { revokedAt: new Date() } });
  return count;
}

/** Disables or enables an account; disabling ends its sessions. An admin cannot disable their own account. */
export async function setUserDisabled(prisma: PrismaClient, input: { userId: string; disabled: boolean; by: string }): Promise<{ id: string; disabledAt: Date | null }> {
  if (input.disabled && input.userId === input.by) throw new ServiceError("BAD_REQUEST", "You cannot disable your own account.");
  const updated = await prisma.user.updateMany({ where: { id: input.userId }, data: { disabledAt: input.disabled ? new Date() : null } });
  if (updated.count !== 1) throw new ServiceError("NOT_FOUND", "This account was not found.");
  if (input.disabled) await revokeUserSessions(prisma, input.userId);
  const user = await prisma.user.findUniqueOrThrow({ where: { id: input.userId }, select: { id: true, disabledAt: true } });
  return user;
}

// ---------------------------------------------------------------------------------------------
// Sign-in

/**
 * Attempts allowed per email and per network address. Counted before the password is checked, for
 * existing and unknown emails alike, so the limit itself reveals nothing.
 */
/**
 * Sign-in limits count failed attempts only (a success gives its attempt back), so signing in
 * often never locks anyone out, and a lockout ends with its window.
 *
 * - Per account and address: 8 failures in 15 minutes lock that address out of that account.
 *   Someone guessing from elsewhere cannot lock the owner out this way.
 * - Per address: 40 failures in 15 minutes, whatever the accounts (password spraying).
 * - Per account: 100 failures in an hour from everywhere (a guess spread over many addresses).
 *   Addresses the account signed in from in the last 30 days are exempt, so keeping this one up
 *   locks out only newcomers, never the owner at their usual address.
 *
 * An attempt is counted before the password is checked (so parallel attempts cannot all slip
 * under a limit) and given back when the password was right.
 */
export const SIGN_IN_LIMITS = {
  perEmailAndAddress: { limit: 8, windowSeconds: 15 * 60 },
  perAddress: { limit: 40, windowSeconds: 15 * 60 },
  perEmail: { limit: 100, windowSeconds: 60 * 60 },
} as const;

/** How long an address the account signed in from stays exempt from the per-account limit. */
export const KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600;

export const INVALID_CREDENTIALS_MESSAGE = "That email and password do not match an account.";

export interface SignInInput {
  email: string;
  password: string;
  /** The caller's network address (or "unknown"), for the per-address limits. */
  ip: string;
}

export interface SignedInUser extends AccountUser {
  passwordHash: string;
}

/** The cache key for an email: a hash, so the cache never holds addresses of accounts. */
function emailKey(email: string): string {
  return createHash("sha256").update(normaliseEmail(email)).digest("base64url").slice(0, 32);
}

type Limit = { key: string; limit: (typeof SIGN_IN_LIMITS)[keyof typeof SIGN_IN_LIMITS] };

/** Counts this attempt against each limit; throws RATE_LIMITED when one is used up. Returns the limits counted. */
async function countAttempt(cache: Cache, input: SignInInput): Promise<Limit[]> {
  const account = emailKey(input.email);
  // An address that cannot be told ("unknown") is never a known one.
  const known = input.ip !== "unknown" && (await cache.get<boolean>(`signin:known:${account}:${input.ip}`).catch(() => null));
  const limits: Limit[] = [
    { key: `signin:pair:${account}:${input.ip}`, limit: SIGN_IN_LIMITS.perEmailAndAddress },
    { key: `signin:ip:${input.ip}`, limit: SIGN_IN_LIMITS.perAddress },
    ...(known ? [] : [{ key: `signin:email:${account}`, limit: SIGN_IN_LIMITS.perEmail }]),
  ];
  const results = await Promise.allSettled(limits.map(({ key, limit }) => cache.rateLimit(key, limit)));
  let refused: RateLimitResult | null = null;
  const counted: Limit[] = [];
  for (const [index, result] of results.entries()) {
    if (result.status === "rejected") {
      // Like turns, sign-in keeps working while the cache is down; the operator is told.
      getLogger().warn({ err: result.reason }, "sign-in rate limit unavailable");
      continue;
    }
    const limit = limits[index];
    if (limit) counted.push(limit);
    if (!result.value.allowed && (!refused || result.value.retryAfterSeconds > refused.retryAfterSeconds)) refused = result.value;
  }
  if (refused) {
    const minutes = Math.max(1, Math.ceil(refused.retryAfterSeconds / 60));
    throw new ServiceError(
      "RATE_LIMITED",
      `Too many sign-in attempts. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
      { retryAfterSeconds: refused.retryAfterSeconds },
    );
  }
  return counted;
}

/** Gives an attempt back (the password was right, or it could not be checked). Never throws. */
async function giveBack(cache: Cache, counted: readonly Limit[]): Promise<void> {
  await Promise.allSettled(counted.map(({ key, limit }) => cache.rateLimit(key, { ...limit, cost: -1 })));
}

/**
 * Checks an email and password. Returns the user, or null when they do not match (an unknown email
 * and a wrong password are indistinguishable, in result and in time). Throws RATE_LIMITED.
 */
export async function verifyCredentials(deps: { prisma: PrismaClient; cache: Cache }, input: SignInInput): Promise<SignedInUser | null> {
  const counted = await countAttempt(deps.cache, input);
  let user: SignedInUser | null;
  try {
    const email = normaliseEmail(input.email);
    const found =
      email.length <= EMAIL_MAX_LENGTH
        ? await deps.prisma.user.findUnique({ where: { email }, select: { ...USER_SELECT, passwordHash: true, disabledAt: true } })
        : null;
    if (!found) await burnPasswordCheck(input.password);
    const right = found !== null && (await verifyPassword(input.password, found.passwordHash));
    user = right ? { id: found.id, email: found.email, name: found.name, role: found.role, passwordHash: found.passwordHash } : null;
    // Only the right password learns that the account is disabled.
    if (right && found.disabledAt) {
      await giveBack(deps.cache, counted);
      throw new ServiceError("FORBIDDEN", "This account has been disabled. Ask an admin to enable it again.");
    }
  } catch (error) {
    if (error instanceof ServiceError && error.code === "FORBIDDEN") throw error;
    await giveBack(deps.cache, counted);
    throw error;
  }
  if (user) {
    await giveBack(deps.cache, counted);
    if (input.ip !== "unknown") {
      await deps.cache.set(`signin:known:${emailKey(input.email)}:${input.ip}`, true, { ttlSeconds: KNOWN_ADDRESS_SECONDS }).catch(() => undefined);
    }
  }
  return user;
}

/**
 * The user a sign-in cookie names, if the account still exists and is not disabled, the cookie's
 * session is open (not signed out, revoked or expired) and the password has not changed since the
 * cookie was issued. The role comes from the database (a demoted admin is an author at once).
 */
export async function loadSignedInUser(prisma: PrismaClient, claims: UserSessionClaims, secret: string): Promise<AccountUser | null> {
  const user = await prisma.user.findUnique({
    where: { id: claims.id },
    select: {
      ...USER_SELECT,
      passwordHash: true,
      disabledAt: true,
      sessions: { where: { id: claims.sessionId, revokedAt: null, expiresAt: { gt: new Date() } }, select: { id: true }, take: 1 },
    },
  });
  if (!user || user.disabledAt || user.sessions.length === 0) return null;
  const expected = Buffer.from(passwordVersion(user.passwordHash, secret));
  const given = Buffer.from(claims.passwordVersion);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

// ---------------------------------------------------------------------------------------------
// The first admin

export interface FirstAdminEnv {
  HEARTLINE_ADMIN_EMAIL?: string | undefined;
  HEARTLINE_ADMIN_PASSWORD?: string | undefined;
}

export type FirstAdminResult =
  | { status: "created"; email: string; message: string }
  | { status: "exists" | "not-configured" | "invalid" | "conflict"; message: string };

/**
 * At start: when no admin exists and HEARTLINE_ADMIN_EMAIL + HEARTLINE_ADMIN_PASSWORD are set,
 * creates that admin. Never throws for configuration problems (returns `invalid` / `conflict` with
 * a message to log); never logs or returns the password. Safe to run on every start and on several
 * instances at once.
 */
export async function ensureFirstAdmin(prisma: PrismaClient, env: FirstAdminEnv): Promise<FirstAdminResult> {
  const rawEmail = env.HEARTLINE_ADMIN_EMAIL?.trim() ?? "";
  const password = env.HEARTLINE_ADMIN_PASSWORD ?? "";
  if (await prisma.user.findFirst({ where: { role: "admin" }, select: { id: true } })) {
    return { status: "exists", message: "An admin account exists; HEARTLINE_ADMIN_EMAIL/PASSWORD are not used." };
  }
  if (!rawEmail && !password) {
    return {
      status: "not-configured",
      message: "No admin account yet: set HEARTLINE_ADMIN_EMAIL and HEARTLINE_ADMIN_PASSWORD, or run `npm run heartline -- create-admin --email <email>`.",
    };
  }
  if (!rawEmail || !password) {
    return { status: "invalid", message: "Set both HEARTLINE_ADMIN_EMAIL and HEARTLINE_ADMIN_PASSWORD to create the first admin." };
  }
  const emailIssue = emailProblem(rawEmail);
  if (emailIssue) return { status: "invalid", message: `HEARTLINE_ADMIN_EMAIL: ${emailIssue}` };
  const passwordIssue = passwordProblem(password, [rawEmail]);
  if (passwordIssue) return { status: "invalid", message: `HEARTLINE_ADMIN_PASSWORD: ${passwordIssue}` };

  const email = normaliseEmail(rawEmail);
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
    return {
      status: "conflict",
      message: `An author account already uses HEARTLINE_ADMIN_EMAIL; promote it with \`npm run heartline -- create-admin --email ${email}\`.`,
    };
  }
  try {
    await prisma.user.create({ data: { email, passwordHash: await hashPassword(password), role: "admin" } });
  } catch (error) {
    // Another instance created it at the same moment.
    if (isUniqueViolation(error)) return { status: "exists", message: "The admin account was created by another instance." };
    throw error;
  }
  return { status: "created", email, message: `Created the first admin account (${email}).` };
}

/**
 * For the CLI: creates an admin, or makes an existing account an admin with the new password.
 */
export async function createOrPromoteAdmin(prisma: PrismaClient, input: { email: string; password: string; name?: string | null }): Promise<{ status: "created" | "updated"; user: AccountUser }> {
  const problem = emailProblem(input.email) ?? passwordProblem(input.password, [input.email, input.name ?? ""]);
  if (problem) throw new ServiceError("BAD_REQUEST", problem);
  const email = normaliseEmail(input.email);
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  const passwordHash = await hashPassword(input.password);
  if (existing) {
    const user = await prisma.user.update({
      where: { id: existing.id },
      data: { role: "admin", passwordHash, ...(input.name?.trim() ? { name: input.name.trim() } : {}) },
      select: USER_SELECT,
    });
    return { status: "updated", user };
  }
  const user = await prisma.user.create({ data: { email, passwordHash, role: "admin", name: input.name?.trim() || null }, select: USER_SELECT });
  return { status: "created", user };
}

// ---------------------------------------------------------------------------------------------
// Admin: users and project membership

export async function listUsers(prisma: PrismaClient) {
  const users = await prisma.user.findMany({
    orderBy: { email: "asc" },
    select: {
      ...USER_SELECT,
      createdAt: true,
      disabledAt: true,
      memberships: { select: { project: { select: { id: true, name: true } } } },
      _count: { select: { sessions: { where: { revokedAt: null, expiresAt: { gt: new Date() } } } } },
    },
  });
  return users.map(({ memberships, _count, ...user }) => ({ ...user, openSessions: _count.sessions, projects: memberships.map((m) => m.project) }));
}

/** Adds an author (by id or email) to a project; adding twice is harmless. */
export async function addProjectMember(prisma: PrismaClient, input: { projectId: string; userId?: string; email?: string }) {
  const project = await prisma.project.findUnique({ where: { id: input.projectId }, select: { id: true, name: true } });
  if (!project) throw new ServiceError("NOT_FOUND", "This project was not found.");
  const user = input.userId
    ? await prisma.user.findUnique({ where: { id: input.userId }, select: USER_SELECT })
    : input.email
      ? await prisma.user.findUnique({ where: { email: normaliseEmail(input.email) }, select: USER_SELECT })
      : null;
  if (!user) throw new ServiceError("NOT_FOUND", "This account was not found.");
  await prisma.projectMember.upsert({
    where: { projectId_userId: { projectId: project.id, userId: user.id } },
    create: { projectId: project.id, userId: user.id },
    update: {},
  });
  return { project, user };
}

export async function removeProjectMember(prisma: PrismaClient, input: { projectId: string; userId: string }): Promise<{ removed: boolean }> {
  const result = await prisma.projectMember.deleteMany({ where: { projectId: input.projectId, userId: input.userId } });
  return { removed: result.count > 0 };
}
