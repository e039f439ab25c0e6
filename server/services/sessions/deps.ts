import type { Cache } from "../../cache/types";
import type { PrismaClient } from "../../db/generated/client";
import type { Sql } from "../../db/sql";
import type { LlmPort, LlmUsage } from "../../engine/llm/port";

/** What the session use cases need; the platform provides it, tests build their own. */
export interface SessionDeps {
  prisma: PrismaClient;
  /** Plain SQL on the same database, for the statements of a turn's hot path. */
  sql: Sql;
  cache: Cache;
  /**
   * A port for one run; `onUsage` receives a record per model call (nothing in template mode).
   * `templateFallback`: while the model is down, answer that step in template mode instead of failing.
   */
  llmFor(onUsage: (usage: LlmUsage) => void, options?: { templateFallback?: boolean }): LlmPort;
  /** Turns per minute per client and per session (defaults: RATE_LIMITS in run-turn.ts). */
  turnLimits?: { perClient: number; perSession: number };
}
