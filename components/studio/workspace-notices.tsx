"use client";

import { signInUrl } from "@/components/auth/return-to";
import type { SaveStatus } from "./use-draft";

interface WorkspaceNoticesProps {
  status: SaveStatus;
  /** Where to come back to after signing in again. */
  editorPath: string;
  reloading: boolean;
  onReload(): void;
  flash: string | null;
  onDismissFlash(): void;
}

/** What the author must know about the draft: a conflict, a failed save, read-only, and the last action's result. */
export function WorkspaceNotices({ status, editorPath, reloading, onReload, flash, onDismissFlash }: WorkspaceNoticesProps) {
  return (
    <>
      {status.kind === "conflict" ? (
        <div className="notice notice-error conflict-banner" role="alert" data-testid="conflict">
          <p>
            <strong>Conflict:</strong> {status.message} Nothing you type now is saved.
          </p>
          <div className="conflict-actions">
            <button type="button" className="btn btn-small btn-primary" onClick={onReload} disabled={reloading} aria-busy={reloading}>
              {reloading ? "Reloading…" : "Reload their version"}
            </button>
            <span className="small">Your text stays available to copy after the reload.</span>
          </div>
        </div>
      ) : null}
      {status.kind === "error" ? (
        <div className="notice notice-error" role="alert">
          <p>
            The draft could not be saved: {status.message}{" "}
            {status.code === "UNAUTHORIZED" ? (
              <>
                <a href={signInUrl(editorPath)} target="_blank" rel="noopener">
                  Sign in again in a new tab
                </a>
                ; this page keeps your text and saves it once you are signed in.
              </>
            ) : status.retrying ? (
              "It is tried again in a few seconds; keep this page open."
            ) : (
              "Your text stays here; change it or press Ctrl+S to try again."
            )}
          </p>
        </div>
      ) : null}
      {status.kind === "readonly" ? (
        <div className="notice notice-info">
          <p>{status.reason}</p>
        </div>
      ) : null}
      <div aria-live="polite" className="flash-region">
        {flash ? (
          <div className="notice notice-info flash" role="status">
            <p>{flash}</p>
            <button type="button" className="btn btn-small btn-quiet" onClick={onDismissFlash} aria-label="Dismiss message">
              ✕
            </button>
          </div>
        ) : null}
      </div>
    </>
  );
}
