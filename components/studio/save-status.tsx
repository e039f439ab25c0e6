"use client";

import type { SaveStatus } from "./use-draft";

function label(status: SaveStatus): string {
  switch (status.kind) {
    case "saved":
      return "Saved";
    case "dirty":
      return "Unsaved changes";
    case "saving":
      return "Saving…";
    case "conflict":
      return "Conflict: not saved";
    case "error":
      return status.retrying ? "Not saved: retrying" : "Not saved";
    case "readonly":
      return "Read only";
  }
}

/** The draft's save state in words (and a dot of colour beside them). */
export function SaveStatusBadge({ status }: { status: SaveStatus }) {
  return (
    <span className={`save-status save-${status.kind}`} role="status" data-testid="save-status" data-state={status.kind}>
      <span className="save-dot" aria-hidden="true" />
      {label(status)}
    </span>
  );
}
