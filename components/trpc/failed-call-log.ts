/**
 * The development log of a failed tRPC call in the browser: which call failed and why, never its
 * input (a password, a client's words). Next's development server copies the browser console into
 * the terminal, so tRPC's own logger, which prints the input, would put it there.
 */
export interface LoggedOperation {
  direction: "up" | "down";
  type: string;
  path: string;
  result?: unknown;
}

export function logFailedCall(op: LoggedOperation, warn: (message: string) => void = console.warn): void {
  if (op.direction !== "down" || !(op.result instanceof Error)) return;
  warn(`tRPC ${op.type} ${op.path} failed: ${op.result.message}`);
}
