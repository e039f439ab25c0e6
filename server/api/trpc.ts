/**
 * tRPC setup: the request context, the error shape, and the procedure kinds.
 *
 * - `publicProcedure`: anyone.
 * - `clientProcedure`: a caller with an anonymous client identity (signed cookie); owns sessions.
 * - `authorProcedure`: a signed-in counsellor/author; project checks happen in each procedure.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { getPlatform, type Platform } from "../platform";
import { clientCookie, identityFromHeaders, newClientId, type CallerIdentity } from "../auth/identity";
import { toClientError } from "./errors";

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
    return {
      ...shape,
      data: {
        ...shape.data,
        // Field-by-field input problems, for forms; never the raw values.
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/** Turns database outages into SERVICE_UNAVAILABLE with a human message instead of a 500. */
const infrastructureErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toClientError(result.error.cause ?? result.error);
    if (mapped instanceof TRPCError && mapped !== result.error) throw mapped;
  }
  return result;
});

export const publicProcedure = t.procedure.use(infrastructureErrors);

/** Reads the caller's anonymous identity, or gives a first-time visitor one (no sign-up needed). */
export const clientProcedure = publicProcedure.use(({ ctx, next }) => {
  let clientId = ctx.identity.clientId;
  if (!clientId) {
    if (!ctx.resHeaders) throw new TRPCError({ code: "UNAUTHORIZED", message: "No client identity." });
    clientId = newClientId();
    ctx.resHeaders.append("Set-Cookie", clientCookie(clientId, ctx.platform.env.AUTH_SECRET, ctx.platform.env.NODE_ENV === "production"));
  }
  return next({ ctx: { ...ctx, clientId } });
});

export const authorProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.identity.user) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in as a counsellor or author to do this." });
  }
  return next({ ctx: { ...ctx, user: ctx.identity.user } });
});
