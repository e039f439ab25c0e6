import { createCallerFactory, createTRPCRouter } from "./trpc";
import { systemRouter } from "./routers/system";
import { sessionRouter } from "./routers/session/session.router";

export const appRouter = createTRPCRouter({
  system: systemRouter,
  session: sessionRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (server components, tests). */
export const createCaller = createCallerFactory(appRouter);
