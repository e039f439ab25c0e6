"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "./errors";
import { Dialog } from "@/components/ui/dialog";
import type { VersionSummary } from "./types";

export interface RolledBack {
  /** The new version (a copy of the target). */
  number: number;
  from: number;
  /** The draft's text now, and the author's text from before. */
  text: string;
  before: string;
}

interface RollbackDialogProps {
  projectId: string;
  scriptId: string;
  /** The version to go back to; the dialog is open while it is set. */
  target: VersionSummary | null;
  latest: number | null;
  saveDraft(): Promise<number>;
  currentText(): string;
  /** Loads the stored draft after the rollback replaced it. */
  reloadDraft(): Promise<{ theirs: string }>;
  onClose(): void;
  onRolledBack(result: RolledBack): void;
}

/** Rollback: confirm, then publish a copy of an old version; the draft takes its text. */
export function RollbackDialog({ projectId, scriptId, target, latest, saveDraft, currentText, reloadDraft, onClose, onRolledBack }: RollbackDialogProps) {
  const trpc = useTRPC();
  const rollback = useMutation(trpc.studioFiles.rollback.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async () => {
    if (!target) return;
    setError(null);
    try {
      // Save first: a failing save (conflict) stops here, before anything is replaced.
      await saveDraft();
      const before = currentText();
      const result = await rollback.mutateAsync({ projectId, scriptId, toNumber: target.number });
      const { theirs } = await reloadDraft();
      onRolledBack({ number: result.number, from: target.number, text: theirs, before });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <Dialog
      open={target !== null}
      title={target ? `Roll back to version ${target.number}?` : ""}
      description={
        target ? (
          <>
            <p>
              This publishes version {(latest ?? 0) + 1} with the text of version {target.number}
              {target.note ? ` (“${target.note}”)` : ""}. No version is deleted, and running conversations stay on their version.
            </p>
            <p>The draft is replaced by that text too; your current draft stays available to copy.</p>
          </>
        ) : null
      }
      submitLabel="Roll back"
      busyLabel="Rolling back…"
      danger
      busy={rollback.isPending}
      error={error}
      onSubmit={() => void onSubmit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
    />
  );
}
