/**
 * Conversation memory for prompts: recent turns verbatim, older ones folded into a rolling
 * summary (by the model; template mode keeps no summary, it needs none). Bounded, so the state
 * of a long session stays small.
 */
import type { LlmPort } from "../llm/port";
import { buildPrompt } from "../prompts/build";
import type { RunContext } from "./context";
import type { MemoryEntry, SessionState } from "./types";

/** About 2,500 tokens of verbatim conversation. */
export const MEMORY_RECENT_MAX_CHARS = 10_000;
export const MEMORY_RECENT_MAX_ENTRIES = 24;
export const MEMORY_SUMMARY_MAX_CHARS = 2_000;

function overflow(recent: readonly MemoryEntry[]): number {
  let chars = recent.reduce((sum, entry) => sum + entry.text.length, 0);
  let drop = 0;
  while (drop < recent.length - 1 && (recent.length - drop > MEMORY_RECENT_MAX_ENTRIES || chars > MEMORY_RECENT_MAX_CHARS)) {
    chars -= recent[drop]?.text.length ?? 0;
    drop += 1;
  }
  return drop;
}

export async function compactMemory(
  memory: SessionState["memory"],
  llm: LlmPort,
  ctx: Pick<RunContext, "scheme" | "language">,
): Promise<SessionState["memory"]> {
  const drop = overflow(memory.recent);
  if (drop === 0) return memory;
  const dropped = memory.recent.slice(0, drop);
  const recent = memory.recent.slice(drop);
  if (llm.mode === "template") return { recent, summary: memory.summary };
  const prompt = buildPrompt(
    {
      scheme: ctx.scheme,
      language: ctx.language,
      tone: "concise, factual",
      context: [],
      variables: {},
      memory: { recent: dropped, summary: "" },
    },
    "task_summarise",
    { previous: memory.summary || "(none)" },
  );
  const summary = await llm.summarise({ prompt, previous: memory.summary });
  return { recent, summary: summary.slice(0, MEMORY_SUMMARY_MAX_CHARS) };
}
