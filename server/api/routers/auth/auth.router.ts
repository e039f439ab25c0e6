import { TRPCError } from "@trpc/server";
import { adminProcedure, authorProcedure, createTRPCRouter, publicProcedure, sameOriginProcedure, type TRPCContext } from "../../trpc";
import { clientAddress } from "../../../auth/client-address";
import { clearedUserCookie, issueUserToken, userCookie, userSessionExpiry } from "../../../auth/user-session";
import { ServiceError } from "../../../services/errors";
import { listAccessibleProjects } from "../../../services/accounts/access";
import {
  addProjectMember,
  createUser,
  INVALID_CREDENTIALS_MESSAGE,
  listUsers,
  loadSignedInUser,
  openUserSession,
  removeProjectMember,
  revokeUserSession,
  revokeUserSessions,
  setPassword,
  setUserDisabled,
  verifyCredentials,
} from "../../../services/accounts/accounts";
import { addMemberInput, createUserInput, removeMemberInput, resetPasswordInput, setDisabledInput, signInInput, userIdInput } from "./schemas";

function secureCookies(ctx: TRPCContext): boolean {
  return ctx.platform.env.NODE_ENV === "production";
}

/** Counsellor/author accounts: sign-in and sign-out (a signed httpOnly cookie), and admin tools. */
export const authRouter = createTRPCRouter({
  /** The signed-in user, or null. */
  me: publicProcedure.query(async ({ ctx }) => {
    const claims = ctx.identity.user;
    if (!claims) return null;
    const user = await loadSignedInUser(ctx.platform.db.prisma, claims, ctx.platform.env.AUTH_SECRET);
    return user ? { ...user, expiresAt: new Date(claims.expiresAt * 1000) } : null;
  }),

  signIn: sameOriginProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    const { prisma } = ctx.platform.db;
    let user;
    try {
      user = await verifyCredentials({ prisma, cache: ctx.platform.cache }, { email: input.email, password: input.password, ip: clientAddress(ctx.headers, ctx.platform.env.TRUST_PROXY) });
    } catch (error) {
      if (error instanceof ServiceError && error.details.retryAfterSeconds !== undefined) {
        ctx.resHeaders?.set("Retry-After", String(error.details.retryAfterSeconds));
      }
      throw error;
    }
    if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: INVALID_CREDENTIALS_MESSAGE });
    const session = await openUserSession(prisma, user.id, userSessionExpiry());
    const { token, expiresAt } = issueUserToken(user, session, ctx.platform.env.AUTH_SECRET);
    ctx.resHeaders?.append("Set-Cookie", userCookie(token, secureCookies(ctx)));
    return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, expiresAt: new Date(expiresAt * 1000) };
  }),

  /** Ends this sign-in on the server too: the cookie stops working even where a copy of it is kept. */
  signOut: sameOriginProcedure.mutation(async ({ ctx }) => {
    ctx.resHeaders?.append("Set-Cookie", clearedUserCookie(secureCookies(ctx)));
    const claims = ctx.identity.user;
    if (claims) await revokeUserSession(ctx.platform.db.prisma, claims);
    return { signedOut: true };
  }),

  /** Projects the signed-in user may access (for pickers and filters). */
  projects: authorProcedure.query(({ ctx }) => listAccessibleProjects(ctx.platform.db.prisma, ctx.user)),

  users: adminProcedure.query(({ ctx }) => listUsers(ctx.platform.db.prisma)),

  createUser: adminProcedure.input(createUserInput).mutation(async ({ ctx, input }) => {
    const { prisma } = ctx.platform.db;
    // Check the projects first, so a typo does not leave an account without its projects.
    const found = await prisma.project.count({ where: { id: { in: input.projectIds } } });
    if (found !== new Set(input.projectIds).size) throw new TRPCError({ code: "NOT_FOUND", message: "A project in projectIds was not found." });
    const user = await createUser(prisma, { email: input.email, password: input.password, role: input.role, name: input.name ?? null });
    for (const projectId of input.projectIds) await addProjectMember(prisma, { projectId, userId: user.id });
    return user;
  }),

  addMember: adminProcedure.input(addMemberInput).mutation(async ({ ctx, input }) => {
    const { project, user } = await addProjectMember(ctx.platform.db.prisma, {
      projectId: input.projectId,
      ...(input.userId ? { userId: input.userId } : {}),
      ...(input.email ? { email: input.email } : {}),
    });
    return { projectId: project.id, userId: user.id };
  }),

  removeMember: adminProcedure.input(removeMemberInput).mutation(({ ctx, input }) => removeProjectMember(ctx.platform.db.prisma, input)),

  /** Disables an account (it cannot sign in, and its sessions end) or enables it again. */
  setDisabled: adminProcedure
    .input(setDisabledInput)
    .mutation(({ ctx, input }) => setUserDisabled(ctx.platform.db.prisma, { userId: input.userId, disabled: input.disabled, by: ctx.user.id })),

  /** Sets a new password for an account (the admin passes it on); every session of the account ends. */
  resetPassword: adminProcedure.input(resetPasswordInput).mutation(async ({ ctx, input }) => {
    await setPassword(ctx.platform.db.prisma, input.userId, input.password);
    return { userId: input.userId };
  }),

  /** Signs an account out everywhere. */
  revokeSessions: adminProcedure.input(userIdInput).mutation(async ({ ctx, input }) => ({
    userId: input.userId,
    revoked: await revokeUserSessions(ctx.platform.db.prisma, input.userId),
  })),
});
