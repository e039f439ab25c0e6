/**
 * The quick replies of the question a stored session is waiting on, for a page that loads the
 * conversation (a live turn streams the same options with its `awaiting-input` event).
 */
import { pendingQuickReplies } from "../../engine/runtime/quick-replies";
import type { QuickReply, SessionState } from "../../engine/runtime/types";
import type { Sql } from "../../db/sql";
import { loadRunnable, type TechniquePins } from "./runnable";

export interface StoredPending {
  state: unknown;
  scriptVersionId: string;
  techniquePins: unknown;
}

function isState(value: unknown): value is SessionState {
  if (!value || typeof value !== "object") return false;
  const state = value as Partial<SessionState>;
  return Array.isArray(state.stack) && typeof state.status === "string" && typeof state.language === "string" && typeof state.risk === "object";
}

/** [] when the session waits on an open question (or its state cannot be read: suggestions never break the page). */
export async function storedQuickReplies(sql: Sql, session: StoredPending): Promise<QuickReply[]> {
  if (!isState(session.state)) return [];
  const pins = (session.techniquePins && typeof session.techniquePins === "object" ? session.techniquePins : {}) as TechniquePins;
  try {
    const runnable = await loadRunnable(sql, session.scriptVersionId, pins, {});
    if (runnable.script.kind !== "session") return [];
    return pendingQuickReplies(runnable.script, session.state, runnable.techniques);
  } catch {
    return [];
  }
}
