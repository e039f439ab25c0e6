/**
 * Graceful shutdown: once draining, new turns are refused (503, retry), turns already running
 * finish and are stored, then pools close.
 */
const running = new Set<Promise<unknown>>();
let draining = false;

export function isDraining(): boolean {
  return draining;
}

/** Keeps a running turn in view until it settles. */
export function trackTurn<T>(turn: Promise<T>): Promise<T> {
  running.add(turn);
  void turn.then(
    () => running.delete(turn),
    () => running.delete(turn),
  );
  return turn;
}

export function runningTurns(): number {
  return running.size;
}

/** Stops accepting turns and waits (at most `timeoutMs`) for the running ones. Resolves to how many were left. */
export async function drain(timeoutMs: number): Promise<number> {
  draining = true;
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
  await Promise.race([Promise.allSettled([...running]), deadline]);
  return running.size;
}

/** For tests. */
export function resetLifecycle(): void {
  draining = false;
  running.clear();
}
