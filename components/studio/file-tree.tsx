"use client";

/** The project's files grouped by folder, one row a file with its state and what can be done to it. */
import Link from "next/link";
import { formatTime } from "@/components/review/format";
import { groupFiles, topFolder } from "./project-file-paths";
import type { FileSummary } from "./types";

interface FileTreeProps {
  projectId: string;
  files: readonly FileSummary[];
  canEdit: boolean;
  isRestoring(file: FileSummary): boolean;
  onRename(file: FileSummary): void;
  onDuplicate(file: FileSummary): void;
  onRemove(file: FileSummary): void;
  onRestore(file: FileSummary): void;
}

export function FileTree({ projectId, files, canEdit, isRestoring, onRename, onDuplicate, onRemove, onRestore }: FileTreeProps) {
  return (
    <ul className="file-tree" aria-label="Project files">
      {groupFiles(files).map((group) => (
        <li key={group.folder || "(top)"} className="file-folder">
          <div className="folder-heading">
            <span className="folder-name">
              <span aria-hidden="true" className="folder-icon">
                ▾
              </span>{" "}
              {group.folder ? `${group.folder}/` : "(top level)"}
            </span>
            {group.hint ? <span className="muted small">{group.hint}</span> : null}
          </div>
          {group.files.length ? (
            <ul aria-label={group.folder ? `${group.folder} folder` : "Top-level files"}>
              {group.files.map((file) => (
                <FileRow
                  key={file.id}
                  projectId={projectId}
                  file={file}
                  canEdit={canEdit}
                  restoring={isRestoring(file)}
                  onRename={() => onRename(file)}
                  onDuplicate={() => onDuplicate(file)}
                  onRemove={() => onRemove(file)}
                  onRestore={() => onRestore(file)}
                />
              ))}
            </ul>
          ) : (
            <p className="muted small empty-folder">No files yet.</p>
          )}
        </li>
      ))}
    </ul>
  );
}

interface FileRowProps {
  projectId: string;
  file: FileSummary;
  canEdit: boolean;
  restoring: boolean;
  onRename(): void;
  onDuplicate(): void;
  onRemove(): void;
  onRestore(): void;
}

function FileRow({ projectId, file, canEdit, restoring, onRename, onDuplicate, onRemove, onRestore }: FileRowProps) {
  const name = file.path.slice(topFolder(file.path).length ? topFolder(file.path).length + 1 : 0);
  const deleted = file.deletedAt !== null;
  return (
    <li className={`file-row${deleted ? " deleted" : ""}`} data-path={file.path}>
      <div className="file-main">
        {deleted ? (
          <span className="file-name">{name}</span>
        ) : (
          <Link className="file-name" href={`/studio/${encodeURIComponent(projectId)}/files/${encodeURIComponent(file.id)}`} aria-label={`Open ${file.path}`}>
            {name}
          </Link>
        )}
        <span className="file-meta small muted">
          <span>{file.kind}</span>
          <span aria-hidden="true">·</span>
          <code>{file.scriptKey}</code>
        </span>
      </div>
      <div className="file-status small">
        {deleted ? <span className="badge badge-deleted">Deleted</span> : null}
        {file.latestVersion === null ? (
          <span className="badge">Not published</span>
        ) : (
          <span className="badge badge-active">v{file.latestVersion}</span>
        )}
        {file.latestVersion !== null && file.unpublishedChanges ? <span className="badge badge-draft">Unpublished changes</span> : null}
        <span className="muted">
          Updated <time dateTime={new Date(file.updatedAt).toISOString()}>{formatTime(file.updatedAt)}</time>
        </span>
      </div>
      {canEdit ? (
        <div className="file-actions">
          {deleted ? (
            <button type="button" className="btn btn-small" onClick={onRestore} disabled={restoring} aria-label={`Restore ${file.path}`}>
              {restoring ? "Restoring…" : "Restore"}
            </button>
          ) : (
            <>
              <button type="button" className="btn btn-small btn-quiet" onClick={onRename} aria-label={`Rename ${file.path}`}>
                Rename
              </button>
              <button type="button" className="btn btn-small btn-quiet" onClick={onDuplicate} aria-label={`Duplicate ${file.path}`}>
                Duplicate
              </button>
              <button type="button" className="btn btn-small btn-quiet btn-danger-outline" onClick={onRemove} aria-label={`Delete ${file.path}`}>
                Delete
              </button>
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}
