/**
 * Graceful shutdown: once draining, new turns are refused (503, retry), turns already running
 * finish and are stored, responses being sent finish, then pools close.
 *
 * The state is process-wide (see process-registry.ts): the SIGTERM handler is installed from the
 * instrumentation chunk, while turns are counted and refused in the route chunks.
 */
import { subscribe } from "node:diagnostics_channel";
import type { ServerResponse } from "node:http";
import { processSlot } from "./process-registry";

interface ShutdownState {
  draining: boolean;
  /** Chat turns running, until they are stored (also when the browser went away). */
  turns: Set<Promise<unknown>>;
  /** HTTP responses not yet finished (once `watchHttpResponses` ran). */
  responses: Set<ServerResponse>;
  watching: boolean;
}

const state = processSlot<ShutdownState>("lifecycle", () => ({ draining: false, turns: new Set(), responses: new Set(), watching: false }));

export function isDraining(): boolean {
  return state.get().draining;
}

/** Keeps a running turn in view until it settles. */
export function trackTurn<T>(turn: Promise<T>): Promise<T> {
  const { turns } = state.get();
  turns.add(turn);
  void turn.then(
    () => turns.delete(turn),
    () => turns.delete(turn),
  );
  return turn;
}

export function runningTurns(): number {
  return state.get().turns.size;
}

/** Requests whose response is still being sent (a streamed reply until its last event left). */
export function openResponses(): number {
  return state.get().responses.size;
}

/**
 * Follows every response of this process's HTTP servers (Node's `http.server.request.start`
 * diagnostics channel, so no server object is needed), for `drain` to wait for. While draining,
 * responses ask the client to close the connection, so keep-alive clients reconnect elsewhere.
 */
export function watchHttpResponses(): void {
  const current = state.get();
  if (current.watching) return;
  current.watching = true;
  subscribe("http.server.request.start", (message) => {
    const { response } = message as { response?: ServerResponse };
    if (!response) return;
    const { responses, draining } = state.get();
    responses.add(response);
    response.once("close", () => responses.delete(response));
    if (draining && !response.headersSent) response.setHeader("Connection", "close");
  });
}

export interface DrainResult {
  /** Turns still running when the time was up. */
  turns: number;
  /** Responses still being sent when the time was up. */
  responses: number;
}

const POLL_MS = 25;

/**
 * Stops accepting turns and waits, at most `timeoutMs`, until no turn is running and no response
 * is being sent. Resolves to what was still running then.
 */
export async function drain(timeoutMs: number): Promise<DrainResult> {
  const current = state.get();
  current.draining = true;
  const deadline = Date.now() + timeoutMs;
  while ((current.turns.size > 0 || current.responses.size > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
  }
  return { turns: current.turns.size, responses: current.responses.size };
}

/** For tests. */
export function resetLifecycle(): void {
  const current = state.get();
  current.draining = false;
  current.turns.clear();
  current.responses.clear();
}
