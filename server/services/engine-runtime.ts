import type { start, turn } from "../engine/runtime/engine";

/**
 * The engine's `start` and `turn`, loaded on first use through this one dynamic import, with the
 * shipped classifier models' files handed to the engine (./engine-entry.ts). Turbopack writes a
 * module that routes import statically into each route's own chunks, identical but under
 * different names, and Node keeps the source of every chunk it loads: the chat route and the tRPC
 * route held one copy each. A dynamic import made in one place is one chunk, whichever route loads
 * it, so the server holds one. The runtime's light parts (types, `EngineError`, `collect`, quick
 * replies) are imported directly.
 */
interface EngineEntry {
  start: typeof start;
  turn: typeof turn;
}

let loading: Promise<EngineEntry> | undefined;

export function engineEntry(): Promise<EngineEntry> {
  loading ??= import("./engine-entry");
  return loading;
}
