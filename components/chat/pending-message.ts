/**
 * The message being answered, kept in sessionStorage until its reply is stored. After a reload
 * mid-reply the page sends it again with the same id: the server then replays the stored reply
 * (or answers it once if it never arrived), so nothing is lost and nothing is stored twice.
 */
export interface PendingMessage {
  id: string;
  text: string;
}

const key = (sessionId: string) => `heartline.pending.${sessionId}`;

export function savePending(sessionId: string, message: PendingMessage): void {
  try {
    window.sessionStorage.setItem(key(sessionId), JSON.stringify(message));
  } catch {
    // Storage blocked or full: only the reload recovery is lost.
  }
}

export function loadPending(sessionId: string): PendingMessage | null {
  try {
    const raw = window.sessionStorage.getItem(key(sessionId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<PendingMessage>;
    return typeof value.id === "string" && typeof value.text === "string" ? { id: value.id, text: value.text } : null;
  } catch {
    return null;
  }
}

export function clearPending(sessionId: string, id?: string): void {
  try {
    if (id !== undefined && loadPending(sessionId)?.id !== id) return;
    window.sessionStorage.removeItem(key(sessionId));
  } catch {
    // Nothing to clear.
  }
}
