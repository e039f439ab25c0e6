"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { DiffView } from "./diff-view";
import { errorMessage } from "./errors";
import { Dialog } from "@/components/ui/dialog";
import { DraftConflictError } from "./use-draft";

interface PublishDialogProps {
  open: boolean;
  projectId: string;
  scriptId: string;
  path: string;
  /** The latest version's number, or null before the first publish. */
  latest: number | null;
  /** The draft is being saved right now. */
  saving: boolean;
  /** Why publishing is not possible now (errors found while the dialog is open), or null. */
  blocked: string | null;
  /** Saves the draft now; resolves with its revision. */
  saveDraft(): Promise<number>;
  /** The editor's text right now (for the line count of a first version). */
  currentText(): string;
  onClose(): void;
  onPublished(number: number): void;
}

/** Publishing: what changes since the latest version (the saved draft against it), a note, and the publish itself. */
export function PublishDialog({ open, projectId, scriptId, path, latest, saving, blocked, saveDraft, currentText, onClose, onPublished }: PublishDialogProps) {
  const trpc = useTRPC();
  const publish = useMutation(trpc.studioFiles.publish.mutationOptions());
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const noteId = useId();
  const next = (latest ?? 0) + 1;

  const onSubmit = async () => {
    setError(null);
    try {
      const revision = await saveDraft();
      const result = await publish.mutateAsync({ projectId, scriptId, note: note.trim(), expectedRevision: revision });
      setNote("");
      onPublished(result.number);
    } catch (failure) {
      setError(failure instanceof DraftConflictError ? failure.message : errorMessage(failure));
    }
  };

  return (
    <Dialog
      open={open}
      title={`Publish ${path}`}
      description={
        <p>
          The draft becomes version {next}. Clients who start a conversation from now on get it; conversations already running stay on their
          version.
        </p>
      }
      submitLabel={`Publish version ${next}`}
      busyLabel="Publishing…"
      busy={publish.isPending || saving}
      submitDisabled={Boolean(blocked)}
      error={error ?? blocked}
      onSubmit={() => void onSubmit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
    >
      <div className="field">
        <label htmlFor={noteId}>What changed (optional)</label>
        <textarea id={noteId} rows={3} value={note} maxLength={1000} autoFocus onChange={(event) => setNote(event.target.value)} />
      </div>
      <PublishChanges projectId={projectId} scriptId={scriptId} latest={latest} saveDraft={saveDraft} currentText={currentText} />
    </Dialog>
  );
}

type SaveState = { state: "saving" } | { state: "saved" } | { state: "failed"; message: string };

function lineCount(text: string): number {
  if (!text) return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

/**
 * The changes this publish makes. Mounted while the dialog is open: saves the draft first, so the
 * comparison is with exactly the text that is published.
 */
function PublishChanges({ projectId, scriptId, latest, saveDraft, currentText }: Pick<PublishDialogProps, "projectId" | "scriptId" | "latest" | "saveDraft" | "currentText">) {
  const [saved, setSaved] = useState<SaveState>({ state: "saving" });

  useEffect(() => {
    let live = true;
    saveDraft().then(
      () => live && setSaved({ state: "saved" }),
      (failure: unknown) => live && setSaved({ state: "failed", message: errorMessage(failure) }),
    );
    return () => {
      live = false;
    };
  }, [saveDraft]);

  return (
    <section className="publish-changes" aria-label="Changes in this version">
      <h3>{latest === null ? "First version" : `Changes since version ${latest}`}</h3>
      {latest === null ? (
        <p className="muted small" data-testid="publish-diff">
          Nothing is published yet: all {lineCount(currentText())} lines are new.
        </p>
      ) : saved.state === "saving" ? (
        <p className="muted small">Saving the draft to compare it…</p>
      ) : saved.state === "saved" ? (
        <DiffView projectId={projectId} scriptId={scriptId} from={latest} to="draft" testId="publish-diff" />
      ) : (
        <p className="form-error small">The draft could not be saved, so the changes cannot be shown: {saved.message}</p>
      )}
    </section>
  );
}
