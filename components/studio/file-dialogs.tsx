"use client";

/**
 * The files page's dialogs: one asks for a path (to create, rename or duplicate a file), the
 * other confirms a delete. Their state and what they submit come from useProjectFiles.
 */
import { useId } from "react";
import { Dialog } from "@/components/ui/dialog";
import { FOLDERS, type Folder, withYamlExtension } from "./project-file-paths";
import type { FileDialogState } from "./use-project-files";

interface FileDialogsProps {
  dialog: FileDialogState;
  pathValue: string;
  onPathChange(path: string): void;
  /** Where a new file goes when its name has no folder. */
  folder: Folder;
  onFolderChange(folder: Folder): void;
  busy: boolean;
  /** The failure of the open path dialog's last submit. */
  error: string | null;
  removing: boolean;
  removeError: string | null;
  onSubmit(): void;
  onCancel(): void;
}

export function FileDialogs({ dialog, pathValue, onPathChange, folder, onFolderChange, busy, error, removing, removeError, onSubmit, onCancel }: FileDialogsProps) {
  const pathFieldId = useId();
  const folderFieldId = useId();
  return (
    <>
      <Dialog
        open={dialog?.kind === "create" || dialog?.kind === "rename" || dialog?.kind === "duplicate"}
        title={dialog?.kind === "create" ? "New file" : dialog?.kind === "rename" ? `Rename ${dialog.file.path}` : dialog?.kind === "duplicate" ? `Duplicate ${dialog.file.path}` : ""}
        description={
          dialog?.kind === "create"
            ? "The new file starts from a small example for its folder. Nothing is published until you publish it."
            : dialog?.kind === "duplicate"
              ? "The copy gets the current draft, unpublished."
              : dialog?.kind === "rename"
                ? "Running sessions are not affected."
                : undefined
        }
        submitLabel={dialog?.kind === "create" ? "Create" : dialog?.kind === "rename" ? "Rename" : "Duplicate"}
        busyLabel={dialog?.kind === "create" ? "Creating…" : dialog?.kind === "rename" ? "Renaming…" : "Duplicating…"}
        busy={busy}
        error={error}
        submitDisabled={!pathValue.trim()}
        onSubmit={onSubmit}
        onCancel={onCancel}
      >
        {dialog?.kind === "create" ? (
          <div className="field">
            <label htmlFor={folderFieldId}>Folder</label>
            <select id={folderFieldId} value={folder} onChange={(event) => onFolderChange(event.target.value as Folder)}>
              {FOLDERS.map((f) => (
                <option key={f.folder} value={f.folder}>
                  {f.folder}/ — {f.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={pathFieldId}>{dialog?.kind === "create" ? "File name" : "Path"}</label>
          <input
            id={pathFieldId}
            type="text"
            value={pathValue}
            autoFocus
            spellCheck={false}
            autoComplete="off"
            placeholder={dialog?.kind === "create" ? "weekly-check-in" : "sessions/intake.yaml"}
            aria-describedby={`${pathFieldId}-hint`}
            aria-invalid={error ? true : undefined}
            onChange={(event) => onPathChange(event.target.value)}
          />
          <span id={`${pathFieldId}-hint`} className="muted small">
            {dialog?.kind === "create"
              ? `Saved as ${withYamlExtension(pathValue).includes("/") ? withYamlExtension(pathValue) : `${folder}/${withYamlExtension(pathValue) || "….yaml"}`}`
              : ".yaml is added when missing."}
          </span>
        </div>
      </Dialog>

      <Dialog
        open={dialog?.kind === "remove"}
        title={dialog?.kind === "remove" ? `Delete ${dialog.file.path}?` : ""}
        description={
          <p>
            The file moves to the deleted files, with its versions. Sessions already running on it carry on, and you can restore it at any time
            (“Show deleted files”).
          </p>
        }
        submitLabel="Delete"
        busyLabel="Deleting…"
        danger
        busy={removing}
        error={removeError}
        onSubmit={onSubmit}
        onCancel={onCancel}
      />
    </>
  );
}
