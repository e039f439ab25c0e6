"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type ChangeEvent } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { formatTime } from "@/components/review/format";
import { Dialog } from "@/components/ui/dialog";
import { errorMessage } from "./errors";
import type { FileSummary } from "./types";

const FOLDERS = [
  { folder: "sessions", label: "Session scripts", hint: "Whole conversations clients can start." },
  { folder: "techniques", label: "Techniques", hint: "Reusable topics that sessions call with use_skill." },
  { folder: "safety", label: "Safety", hint: "Triggers that interrupt any session." },
] as const;

type Folder = (typeof FOLDERS)[number]["folder"];

type DialogState =
  | { kind: "create" }
  | { kind: "rename"; file: FileSummary }
  | { kind: "duplicate"; file: FileSummary }
  | { kind: "remove"; file: FileSummary }
  | null;

/** "intake" → "intake.yaml"; paths that already name .yaml/.yml stay. */
export function withYamlExtension(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return "";
  return /\.ya?ml$/i.test(trimmed) ? trimmed : `${trimmed}.yaml`;
}

/** The first folder of a path (its group in the tree), or "" for files at the top. */
function topFolder(path: string): string {
  const slash = path.indexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

function copyPath(path: string): string {
  const dot = path.search(/\.ya?ml$/i);
  return dot === -1 ? `${path}-copy.yaml` : `${path.slice(0, dot)}-copy${path.slice(dot)}`;
}

interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  skipped: { path: string; reason: string }[];
}

/** The project's files by folder, with create, rename, duplicate, delete/restore, export and import. */
export function ProjectFiles({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [showDeleted, setShowDeleted] = useState(false);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [pathValue, setPathValue] = useState("");
  const [folder, setFolder] = useState<Folder>("sessions");
  const [notice, setNotice] = useState<{ tone: "info" | "error"; text: string; details?: string[] } | null>(null);
  const [importing, setImporting] = useState(false);
  const importRef = useRef<HTMLInputElement>(null);
  const showDeletedId = useId();
  const pathFieldId = useId();
  const folderFieldId = useId();

  const listInput = { projectId, includeDeleted: showDeleted };
  const files = useQuery(trpc.studioFiles.list.queryOptions(listInput, { staleTime: 5_000 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.studioFiles.list.queryKey() });

  const close = () => {
    setDialog(null);
    reset();
  };
  const onDone = (text: string) => {
    setNotice({ tone: "info", text });
    close();
    void refresh();
  };

  const create = useMutation(
    trpc.studioFiles.create.mutationOptions({
      onSuccess: (file) => {
        void refresh();
        router.push(`/studio/${encodeURIComponent(projectId)}/files/${encodeURIComponent(file.id)}`);
      },
    }),
  );
  const rename = useMutation(trpc.studioFiles.rename.mutationOptions({ onSuccess: (file) => onDone(`Renamed to ${file.path}.`) }));
  const duplicate = useMutation(trpc.studioFiles.duplicate.mutationOptions({ onSuccess: (file) => onDone(`Created ${file.path}, a copy (not published).`) }));
  const remove = useMutation(
    trpc.studioFiles.remove.mutationOptions({ onSuccess: (file) => onDone(`Deleted ${file.path}. Turn on “Show deleted files” to restore it.`) }),
  );
  const restore = useMutation(trpc.studioFiles.restore.mutationOptions({ onSuccess: (file) => onDone(`Restored ${file.path}.`) }));

  const busy = create.isPending || rename.isPending || duplicate.isPending || remove.isPending;
  const reset = () => {
    create.reset();
    rename.reset();
    duplicate.reset();
    remove.reset();
  };

  const open = (next: NonNullable<DialogState>) => {
    reset();
    setNotice(null);
    if (next.kind === "create") setPathValue("");
    if (next.kind === "rename") setPathValue(next.file.path);
    if (next.kind === "duplicate") setPathValue(copyPath(next.file.path));
    setDialog(next);
  };

  const submit = () => {
    if (!dialog) return;
    if (dialog.kind === "create") {
      const name = withYamlExtension(pathValue);
      create.mutate({ projectId, path: name.includes("/") ? name : `${folder}/${name}` });
    } else if (dialog.kind === "rename") {
      rename.mutate({ projectId, scriptId: dialog.file.id, path: withYamlExtension(pathValue) });
    } else if (dialog.kind === "duplicate") {
      duplicate.mutate({ projectId, scriptId: dialog.file.id, path: withYamlExtension(pathValue) });
    } else {
      remove.mutate({ projectId, scriptId: dialog.file.id });
    }
  };

  const dialogError =
    dialog?.kind === "create"
      ? create.error
      : dialog?.kind === "rename"
        ? rename.error
        : dialog?.kind === "duplicate"
          ? duplicate.error
          : dialog?.kind === "remove"
            ? remove.error
            : null;

  const onImport = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setImporting(true);
    setNotice(null);
    try {
      const response = await fetch(`/api/studio/projects/${encodeURIComponent(projectId)}/import`, {
        method: "POST",
        headers: { "Content-Type": "application/zip" },
        body: file,
      });
      const body = (await response.json().catch(() => null)) as (Partial<ImportReport> & { error?: string }) | null;
      if (!response.ok || !body) {
        setNotice({ tone: "error", text: `The import failed: ${body?.error ?? `the server answered ${response.status}`}` });
        return;
      }
      const created = body.created ?? [];
      const updated = body.updated ?? [];
      const unchanged = body.unchanged ?? [];
      const skipped = body.skipped ?? [];
      setNotice({
        tone: skipped.length ? "error" : "info",
        text: `Imported ${file.name}: ${created.length} new, ${updated.length} updated, ${unchanged.length} unchanged${skipped.length ? `, ${skipped.length} skipped` : ""}. Imported files are drafts until you publish them.`,
        details: skipped.map((s) => `${s.path}: ${s.reason}`),
      });
      void refresh();
    } catch (error) {
      setNotice({ tone: "error", text: `The import failed: ${errorMessage(error)}` });
    } finally {
      setImporting(false);
    }
  };

  const groups = groupFiles(files.data ?? []);

  return (
    <section aria-labelledby="files-heading" className="project-files">
      <div className="files-toolbar">
        <h2 id="files-heading">Files</h2>
        <div className="files-actions">
          {canEdit ? (
            <button type="button" className="btn btn-primary btn-small" onClick={() => open({ kind: "create" })}>
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
            <input id={showDeletedId} type="checkbox" checked={showDeleted} onChange={(event) => setShowDeleted(event.target.checked)} />
            Show deleted files
          </label>
        </div>
      </div>

      <div aria-live="polite">
        {notice ? (
          <div className={`notice ${notice.tone === "error" ? "notice-error" : "notice-info"}`} role={notice.tone === "error" ? "alert" : "status"}>
            <p>{notice.text}</p>
            {notice.details?.length ? (
              <ul className="small">
                {notice.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>

      {files.isPending ? <p className="muted">Loading files…</p> : null}
      {files.error ? (
        <div className="notice notice-error" role="alert">
          <p>Could not load the files: {errorMessage(files.error)}</p>
        </div>
      ) : null}

      {files.data ? (
        <ul className="file-tree" aria-label="Project files">
          {groups.map((group) => (
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
                      restoring={restore.isPending && restore.variables?.scriptId === file.id}
                      onRename={() => open({ kind: "rename", file })}
                      onDuplicate={() => open({ kind: "duplicate", file })}
                      onRemove={() => open({ kind: "remove", file })}
                      onRestore={() => {
                        setNotice(null);
                        restore.mutate(
                          { projectId, scriptId: file.id },
                          { onError: (error) => setNotice({ tone: "error", text: `Could not restore ${file.path}: ${errorMessage(error)}` }) },
                        );
                      }}
                    />
                  ))}
                </ul>
              ) : (
                <p className="muted small empty-folder">No files yet.</p>
              )}
            </li>
          ))}
        </ul>
      ) : null}

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
        error={dialogError ? errorMessage(dialogError) : null}
        submitDisabled={!pathValue.trim()}
        onSubmit={submit}
        onCancel={close}
      >
        {dialog?.kind === "create" ? (
          <div className="field">
            <label htmlFor={folderFieldId}>Folder</label>
            <select id={folderFieldId} value={folder} onChange={(event) => setFolder(event.target.value as Folder)}>
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
            aria-invalid={dialogError ? true : undefined}
            onChange={(event) => setPathValue(event.target.value)}
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
        busy={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onSubmit={submit}
        onCancel={close}
      />
    </section>
  );
}

function groupFiles(files: readonly FileSummary[]) {
  const groups = new Map<string, FileSummary[]>(FOLDERS.map((f) => [f.folder, []]));
  for (const file of files) {
    const folder = topFolder(file.path);
    const list = groups.get(folder) ?? [];
    list.push(file);
    groups.set(folder, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => folderRank(a) - folderRank(b) || a.localeCompare(b))
    .map(([folder, list]) => ({ folder, hint: FOLDERS.find((f) => f.folder === folder)?.hint, files: list }));
}

function folderRank(folder: string): number {
  const index = FOLDERS.findIndex((f) => f.folder === folder);
  return index === -1 ? (folder ? FOLDERS.length : FOLDERS.length + 1) : index;
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
