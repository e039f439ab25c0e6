import type { EngineEvent, EngineRun, SessionState } from "./types";

/** Drains a run: every event in order, the bot messages' texts, and the next state. */
export async function collect(run: EngineRun): Promise<{ events: EngineEvent[]; messages: string[]; state: SessionState }> {
  const events: EngineEvent[] = [];
  for (;;) {
    const next = await run.next();
    if (next.done) {
      const messages = events.flatMap((e) => (e.type === "message-end" ? [e.text] : []));
      return { events, messages, state: next.value };
    }
    events.push(next.value);
  }
}
