import path from "node:path";
import { getEnv } from "./env";
import { getLogger } from "./log";
import { closePlatform, getPlatform } from "./platform";
import { seedExampleScripts } from "./services/seed";

let started = false;

export async function startServer(): Promise<void> {
  if (started) return;
  started = true;
  const log = getLogger();
  let env;
  try {
    env = getEnv();
  } catch (error) {
    log.fatal(error instanceof Error ? error.message : String(error));
    throw error;
  }
  const platform = getPlatform();
  log.info({ db: platform.db.kind, cache: platform.cache.kind, llm: env.llmMode }, "heartline starting");

  try {
    const report = await seedExampleScripts(platform.db.prisma, path.resolve(process.cwd(), "scripts"));
    log.info(
      {
        created: report.created.length,
        updated: report.updated.length,
        unchanged: report.unchanged.length,
        rejected: report.rejected,
      },
      "example scripts seeded",
    );
  } catch (error) {
    // The app can still serve what is already stored; the operator sees why seeding failed.
    log.error({ err: error }, "seeding example scripts failed");
  }

  const shutdown = (signal: string) => {
    log.info({ signal }, "shutting down");
    void closePlatform().finally(() => process.exit(0));
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}
