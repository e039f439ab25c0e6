/**
 * tRPC setup: the request context, the error shape, and the procedure kinds.
 *
 * - `publicProcedure`: anyone.
 * - `clientProcedure`: a caller with an anonymous client identity (signed cookie); owns sessions.
 * - `authorProcedure`: a signed-in counsellor/author (signed cookie, checked against the database
 *   on every call); its mutations must come from this site (see ../auth/same-origin.ts).
 * - `adminProcedure`: a signed-in admin.
 * - `projectProcedure`: an author procedure whose input names a `projectId` the user may access
 *   (admins: every project; authors: their projects; anything else is NOT_FOUND). Procedures that
 *   reach a project another way call `assertProjectAccess(ctx, projectId)`.
 * - `sameOriginProcedure`: public, but mutations must come from this site (sign-in, sign-out).
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { storableString } from "../engine/text/storable";
import { getPlatform, type Platform } from "../platform";
import { clientCookie, identityFromHeaders, newClientId, type CallerIdentity } from "../auth/identity";
import { checkSameOrigin } from "../auth/same-origin";
import { loadSignedInUser, type AccountUser } from "../services/accounts/accounts";
import { assertProjectAccess as assertProjectAccessIn } from "../services/accounts/access";
import { INTERNAL_ERROR_MESSAGE, inputErrorMessage, toClientError } from "./errors";
import { markFailed, withSpan } from "../observability/tracing";

export interface TRPCContext {
  platform: Platform;
  identity: CallerIdentity;
  headers: Headers;
  /** Response headers (Set-Cookie); absent for in-process callers. */
  resHeaders: Headers | null;
}

export function createTRPCContext(opts: { headers: Headers; resHeaders?: Headers; platform?: Platform }): TRPCContext {
  const platform = opts.platform ?? getPlatform();
  return {
    platform,
    identity: identityFromHeaders(opts.headers, platform.env.AUTH_SECRET),
    headers: opts.headers,
    resHeaders: opts.resHeaders ?? null,
  };
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // An unplanned failure says nothing of itself (its message and stack may quote stored data or
    // SQL); it is logged with its cause instead (logCallFailure).
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    const { stack, ...data } = shape.data;
    return {
      ...shape,
      message: internal ? INTERNAL_ERROR_MESSAGE : shape.message,
      data: {
        ...data,
        ...(stack && !internal ? { stack } : {}),
        // Field-by-field input problems, for forms; never the raw values.
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/**
 * Turns database outages into SERVICE_UNAVAILABLE with a human message instead of a 500, and
 * refused input into one readable line naming each field (instead of the issues as JSON).
 */
const infrastructureErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const { error } = result;
    if (error.code === "BAD_REQUEST" && error.cause instanceof ZodError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: inputErrorMessage(error.cause), cause: error.cause });
    }
    const mapped = toClientError(result.error.cause ?? result.error);
    if (mapped instanceof TRPCError && mapped !== result.error) throw mapped;
  }
  return result;
});

/** Each procedure call is a span named by its path (never its input), failed when the call fails. */
const traced = t.middleware(({ path, type, next }) =>
  withSpan(`trpc ${type} ${path}`, { "rpc.system.name": "trpc", "rpc.method": path, "trpc.type": type }, async (span) => {
    const result = await next();
    if (!result.ok) markFailed(span, result.error);
    return result;
  }),
);

export const publicProcedure = t.procedure.use(traced).use(infrastructureErrors);

/** Reads the caller's anonymous identity, or gives a first-time visitor one (no sign-up needed). */
export const clientProcedure = publicProcedure.use(({ ctx, next }) => {
  let clientId = ctx.identity.clientId;
  if (!clientId) {
    if (!ctx.resHeaders) throw new TRPCError({ code: "UNAUTHORIZED", message: "No client identity." });
    clientId = newClientId();
    ctx.resHeaders.append("Set-Cookie", clientCookie(clientId, ctx.platform.env.AUTH_SECRET, ctx.platform.env.NODE_ENV === "production"));
    // One identity per request: the other procedures of a batched call must not mint their own.
    ctx.identity.clientId = clientId;
  }
  return next({ ctx: { ...ctx, clientId } });
});

/** Refuses mutations a browser sent from another site (CSRF), whatever cookies they carry. */
const sameOriginMutations = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation") {
    const verdict = checkSameOrigin(ctx.headers);
    if (!verdict.ok) throw new TRPCError({ code: "FORBIDDEN", message: verdict.reason });
  }
  return next();
});

export const sameOriginProcedure = publicProcedure.use(sameOriginMutations);

/** A signed-in counsellor/author whose account still exists with the password the cookie was issued for. */
export const authorProcedure = sameOriginProcedure.use(async ({ ctx, next }) => {
  const claims = ctx.identity.user;
  if (!claims) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in as a counsellor or author to do this." });
  }
  const user = await loadSignedInUser(ctx.platform.db.prisma, claims, ctx.platform.env.AUTH_SECRET);
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Your sign-in is no longer valid. Please sign in again." });
  return next({ ctx: { ...ctx, user } });
});

export const adminProcedure = authorProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "Only an admin can do this." });
  return next();
});

/** Throws NOT_FOUND unless the signed-in user may access the project (admins: all; authors: their projects). */
export async function assertProjectAccess(ctx: { platform: Platform; user: AccountUser }, projectId: string): Promise<void> {
  try {
    await assertProjectAccessIn(ctx.platform.db.prisma, ctx.user, projectId);
  } catch (error) {
    throw toClientError(error);
  }
}

export const projectProcedure = authorProcedure.input(z.object({ projectId: storableString().min(1).max(64) })).use(async ({ ctx, input, next }) => {
  await assertProjectAccess(ctx, input.projectId);
  return next({ ctx: { ...ctx, projectId: input.projectId } });
});
