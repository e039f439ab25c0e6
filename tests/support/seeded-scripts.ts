/**
 * Scripts in a test database and the sessions the integration tests run on them: the shipped
 * examples seeded and published into the default project as the app seeds them, a script's
 * published version by path, a script written and published through the studio, session
 * dependencies in template mode, and a session started by a new client through tRPC.
 */
import path from "node:path";
import { seedExampleScripts } from "@/server/services/seed";
import type { SessionDeps } from "@/server/services/sessions/deps";
import type { Database } from "@/server/db/client";
import type { PrismaClient, ScriptVersion } from "@/server/db/generated/client";
import type { LlmPort } from "@/server/engine/llm/port";
import { templateLlm } from "@/server/engine/llm/template";
import { createCache } from "@/server/cache";
import type { Platform } from "@/server/platform";
import { callerFor } from "./test-platform";

type Caller = ReturnType<typeof callerFor>;

/** The folder of shipped scripts the app seeds. */
const EXAMPLE_SCRIPTS_DIR = path.resolve(import.meta.dirname, "../../scripts");

/** A seeded script and the version new sessions are pinned to (its latest). */
export interface PublishedScript {
  scriptId: string;
  projectId: string;
  scriptKey: string;
  version: ScriptVersion;
}

export interface ExampleScripts {
  /** The default project the examples are seeded into. */
  projectId: string;
  /** The weekly check-in (sessions/check-in.en.yaml). */
  checkIn: PublishedScript;
}

/** The script at `scriptPath` (in the default project, the only one with shipped scripts) and its latest version. */
export async function publishedScript(prisma: PrismaClient, scriptPath: string): Promise<PublishedScript> {
  const script = await prisma.script.findFirstOrThrow({ where: { path: scriptPath }, include: { versions: { orderBy: { number: "desc" }, take: 1 } } });
  const version = script.versions[0];
  if (!version) throw new Error(`${scriptPath} has no published version`);
  return { scriptId: script.id, projectId: script.projectId, scriptKey: script.scriptKey, version };
}

/** Seeds (and publishes) the shipped scripts into the default project, as the app does at start. */
export async function seedExamples(db: Database): Promise<ExampleScripts> {
  await seedExampleScripts(db.prisma, EXAMPLE_SCRIPTS_DIR);
  const checkIn = await publishedScript(db.prisma, "sessions/check-in.en.yaml");
  return { projectId: checkIn.projectId, checkIn };
}

/** Creates a file through the studio as `author` and publishes it; its script id. */
export async function publishThroughStudio(author: Caller, projectId: string, filePath: string, yaml: string, note: string): Promise<string> {
  const file = await author.studioFiles.create({ projectId, path: filePath, yaml });
  await author.studioFiles.publish({ projectId, scriptId: file.id, expectedRevision: file.draftRevision, note });
  return file.id;
}

/**
 * What the session use cases need, as one server instance of its own: the test database, a new
 * in-memory cache (so turn limits and locks start empty) and the given model (template mode).
 */
export function sessionDeps(db: Database, llm: LlmPort = templateLlm): SessionDeps {
  return { prisma: db.prisma, sql: db.sql, cache: createCache({}), llmFor: () => llm };
}

/**
 * A first-time visitor starts a session on the script through tRPC; `client` is their caller
 * afterwards, sending the identity cookie the start set.
 */
export async function startAsNewClient(platform: Platform, scriptId: string) {
  const resHeaders = new Headers();
  const started = await callerFor(platform, {}, resHeaders).session.start({ scriptId });
  const client = callerFor(platform, { cookie: (resHeaders.get("set-cookie") ?? "").split(";")[0] ?? "" });
  return { sessionId: started.sessionId, started, client };
}
