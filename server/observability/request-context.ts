/**
 * The request a piece of work belongs to, carried through async calls (the turn that streams
 * after its route handler returned included), so every log line can name it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { processSlot } from "../process-registry";

interface RequestContext {
  requestId: string;
}

/** One store per process: route chunks and the logger must see the same one. */
const storeSlot = processSlot("observability.request-context", () => new AsyncLocalStorage<RequestContext>());

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storeSlot.get().run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return storeSlot.get().getStore()?.requestId;
}
