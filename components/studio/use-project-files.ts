"use client";

/**
 * The state and server calls behind the files page: the list, the open dialog and what it
 * submits (create, rename, duplicate, delete), restoring, importing, and the notice that
 * reports the last outcome.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "./errors";
import type { FilesNotice } from "./files-notice";
import { copyPath, type Folder, withYamlExtension } from "./project-file-paths";
import type { FileSummary } from "./types";
import { useZipImport } from "./use-zip-import";

export type FileDialogState =
  | { kind: "create" }
  | { kind: "rename"; file: FileSummary }
  | { kind: "duplicate"; file: FileSummary }
  | { kind: "remove"; file: FileSummary }
  | null;

export function useProjectFiles(projectId: string) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [showDeleted, setShowDeleted] = useState(false);
  const [dialog, setDialog] = useState<FileDialogState>(null);
  const [pathValue, setPathValue] = useState("");
  const [folder, setFolder] = useState<Folder>("sessions");
  const [notice, setNotice] = useState<FilesNotice | null>(null);

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
  // A dialog opens clean: no error left from the last time.
  const reset = () => {
    create.reset();
    rename.reset();
    duplicate.reset();
    remove.reset();
  };

  const open = (next: NonNullable<FileDialogState>) => {
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

  const restoreFile = (file: FileSummary) => {
    setNotice(null);
    restore.mutate(
      { projectId, scriptId: file.id },
      { onError: (error) => setNotice({ tone: "error", text: `Could not restore ${file.path}: ${errorMessage(error)}` }) },
    );
  };
  const isRestoring = (file: FileSummary) => restore.isPending && restore.variables?.scriptId === file.id;

  const { importing, importZip } = useZipImport({ projectId, setNotice, onImported: () => void refresh() });

  return {
    files,
    showDeleted,
    setShowDeleted,
    notice,
    dialog,
    open,
    close,
    submit,
    pathValue,
    setPathValue,
    folder,
    setFolder,
    busy,
    dialogError: dialogError ? errorMessage(dialogError) : null,
    removing: remove.isPending,
    removeError: remove.error ? errorMessage(remove.error) : null,
    restoreFile,
    isRestoring,
    importing,
    importZip,
  };
}
