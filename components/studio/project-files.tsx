"use client";

/** The project's files page: the toolbar, the last action's outcome, the file tree and its dialogs. */
import { useId, useRef, type ChangeEvent } from "react";
import { errorMessage } from "./errors";
import { FileDialogs } from "./file-dialogs";
import { FileTree } from "./file-tree";
import { FilesNoticeRegion } from "./files-notice";
import { useProjectFiles } from "./use-project-files";

/** The project's files by folder, with create, rename, duplicate, delete/restore, export and import. */
export function ProjectFiles({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const state = useProjectFiles(projectId);
  const { files, importing } = state;
  const importRef = useRef<HTMLInputElement>(null);
  const showDeletedId = useId();

  const onImport = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ""; // so that choosing the same archive again imports it again
    if (file) void state.importZip(file);
  };

  return (
    <section aria-labelledby="files-heading" className="project-files">
      <div className="files-toolbar">
        <h2 id="files-heading">Files</h2>
        <div className="files-actions">
          {canEdit ? (
            <button type="button" className="btn btn-primary btn-small" onClick={() => state.open({ kind: "create" })}>
              New file
            </button>
          ) : null}
          <a className="btn btn-small" href={`/api/studio/projects/${encodeURIComponent(projectId)}/export`} download>
            Export as zip
          </a>
          {canEdit ? (
            <>
              <button type="button" className="btn btn-small" onClick={() => importRef.current?.click()} disabled={importing} aria-busy={importing}>
                {importing ? "Importing…" : "Import zip…"}
              </button>
              <input
                ref={importRef}
                type="file"
                accept=".zip,application/zip"
                className="visually-hidden"
                tabIndex={-1}
                aria-label="Zip archive to import"
                onChange={onImport}
              />
            </>
          ) : null}
          <label htmlFor={showDeletedId} className="checkbox-label">
            <input id={showDeletedId} type="checkbox" checked={state.showDeleted} onChange={(event) => state.setShowDeleted(event.target.checked)} />
            Show deleted files
          </label>
        </div>
      </div>

      <FilesNoticeRegion notice={state.notice} />

      {files.isPending ? <p className="muted">Loading files…</p> : null}
      {files.error ? (
        <div className="notice notice-error" role="alert">
          <p>Could not load the files: {errorMessage(files.error)}</p>
        </div>
      ) : null}

      {files.data ? (
        <FileTree
          projectId={projectId}
          files={files.data}
          canEdit={canEdit}
          isRestoring={state.isRestoring}
          onRename={(file) => state.open({ kind: "rename", file })}
          onDuplicate={(file) => state.open({ kind: "duplicate", file })}
          onRemove={(file) => state.open({ kind: "remove", file })}
          onRestore={state.restoreFile}
        />
      ) : null}

      <FileDialogs
        dialog={state.dialog}
        pathValue={state.pathValue}
        onPathChange={state.setPathValue}
        folder={state.folder}
        onFolderChange={state.setFolder}
        busy={state.busy}
        error={state.dialogError}
        removing={state.removing}
        removeError={state.removeError}
        onSubmit={state.submit}
        onCancel={state.close}
      />
    </section>
  );
}
