import { createCallerFactory, createTRPCRouter } from "./trpc";
import { systemRouter } from "./routers/system";
import { sessionRouter } from "./routers/session/session.router";
import { authRouter } from "./routers/auth/auth.router";
import { reviewRouter } from "./routers/review/review.router";
import { studioFilesRouter } from "./routers/studio/files.router";
import { studioTryRouter } from "./routers/studio/try.router";
import { studioPromptsRouter } from "./routers/studio/prompts.router";
import { analyticsRouter } from "./routers/analytics/analytics.router";
import { outcomesRouter } from "./routers/outcomes/outcomes.router";
import { studioProjectRouter } from "./routers/studio/project.router";

export const appRouter = createTRPCRouter({
  system: systemRouter,
  session: sessionRouter,
  auth: authRouter,
  review: reviewRouter,
  studioFiles: studioFilesRouter,
  studioTry: studioTryRouter,
  studioPrompts: studioPromptsRouter,
  analytics: analyticsRouter,
  outcomes: outcomesRouter,
  studioProject: studioProjectRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (server components, tests). */
export const createCaller = createCallerFactory(appRouter);
