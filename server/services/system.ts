import type { Platform } from "../platform";
import { APP_NAME, APP_VERSION } from "../version";

export interface SystemInfo {
  name: string;
  version: string;
  db: { kind: Platform["db"]["kind"] };
  cache: { kind: Platform["cache"]["kind"] };
  llm: { mode: "model" | "template"; model: string | null };
  publishedScripts: number;
}

export async function getSystemInfo(platform: Platform): Promise<SystemInfo> {
  const publishedScripts = await platform.db.prisma.script.count({
    where: { deletedAt: null, kind: "session", versions: { some: {} } },
  });
  return {
    name: APP_NAME,
    version: APP_VERSION,
    db: { kind: platform.db.kind },
    cache: { kind: platform.cache.kind },
    llm: { mode: platform.env.llmMode, model: platform.env.llmModel ?? null },
    publishedScripts,
  };
}
