/**
 * Runs once when the server starts: start tracing when an OTLP endpoint is configured, validate
 * the environment (a bad value stops the start with a message naming the variable), import the
 * shipped example scripts, and close storage on SIGTERM.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` may load this file too; storage exists only when serving.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  await import("./server/env-sanitize");
  // Before anything opens the database: its statements are traced only when tracing started first.
  const { startTracing } = await import("./server/observability/otel");
  startTracing();
  const { startServer } = await import("./server/startup");
  await startServer();
}
