"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useId, useState } from "react";
import { YamlEditor } from "@/components/editor";
import { useTRPC } from "@/components/trpc/provider";
import { errorCode, errorMessage } from "./errors";
import { KeptTextPanel, type KeptText } from "./kept-text-panel";
import { OutlinePanel } from "./outline-panel";
import { ProblemsList } from "./problems-list";
import { PublishDialog } from "./publish-dialog";
import { RollbackDialog, type RolledBack } from "./rollback-dialog";
import { SaveStatusBadge } from "./save-status";
import { TryPanel } from "./try-panel";
import { useEditorDraft } from "./use-editor-draft";
import { VersionsPanel } from "./versions-panel";
import { WorkspaceNotices } from "./workspace-notices";
import { WorkspaceTabs, type WorkspaceTab } from "./workspace-tabs";
import type { FileDetail, StudioProject, VersionSummary } from "./types";

// The graph library and its layout engine load only when the Flow tab is opened.
const FlowView = dynamic(() => import("./flow-view").then((m) => m.FlowView), {
  ssr: false,
  loading: () => (
    <p className="muted panel-empty" role="status">
      Loading the flow view…
    </p>
  ),
});

type Tab = "outline" | "flow" | "try" | "versions";

/** The editor page: loads the file, then the workspace around it. */
export function EditorWorkspace({ project, scriptId }: { project: StudioProject; scriptId: string }) {
  const trpc = useTRPC();
  const file = useQuery(trpc.studioFiles.get.queryOptions({ projectId: project.id, scriptId }, { staleTime: Infinity, refetchOnWindowFocus: false }));
  const schema = useQuery(trpc.studioTry.schema.queryOptions(undefined, { staleTime: Infinity, refetchOnWindowFocus: false }));
  const projectHref = `/studio/${encodeURIComponent(project.id)}`;

  if (file.isPending) {
    return (
      <main className="workspace-message">
        <p role="status">Loading the file…</p>
      </main>
    );
  }
  if (file.error) {
    return (
      <main className="page">
        <div className="notice notice-error" role="alert">
          <p>{errorCode(file.error) === "NOT_FOUND" ? "This file was not found in the project." : `Could not open the file: ${errorMessage(file.error)}`}</p>
        </div>
        <Link href={projectHref}>Back to {project.name}</Link>
      </main>
    );
  }
  return <Workspace project={project} detail={file.data} schema={schema.data} />;
}

function Workspace({ project, detail, schema }: { project: StudioProject; detail: FileDetail; schema: unknown }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const projectId = project.id;
  const scriptId = detail.id;
  const editor = useEditorDraft(project, detail);
  const { draft, readOnlyReason, errorCount } = editor;
  const [tab, setTab] = useState<Tab>("outline");
  const [kept, setKept] = useState<KeptText | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  const [rollbackTarget, setRollbackTarget] = useState<VersionSummary | null>(null);
  const [reloading, setReloading] = useState(false);
  const blockedId = useId();
  const latest = detail.versions[0]?.number ?? null;
  const status = draft.status;
  const editorPath = `/studio/${encodeURIComponent(projectId)}/files/${encodeURIComponent(scriptId)}`;

  const publishBlocked = readOnlyReason
    ? readOnlyReason
    : status.kind === "conflict"
      ? "Resolve the conflict first: reload the file, then publish."
      : errorCount > 0
        ? `Publishing needs a draft without errors: fix the ${errorCount === 1 ? "error" : `${errorCount} errors`} listed under Problems first.`
        : null;

  const refreshFile = useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.studioFiles.get.queryKey({ projectId, scriptId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.studioFiles.diff.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.studioFiles.list.queryKey() }),
    ]);
  }, [projectId, queryClient, scriptId, trpc]);

  const reloadTheirs = async () => {
    setReloading(true);
    try {
      const { theirs, mine, changed } = await draft.reloadLatest();
      editor.replaceText(theirs);
      if (changed) setKept({ title: "Your text from before the reload (not saved)", text: mine });
      setFlash("Loaded the latest saved version of this file. Your own text is kept below so you can copy what you need.");
      void refreshFile();
    } catch (failure) {
      setFlash(`Could not reload: ${errorMessage(failure)}`);
    } finally {
      setReloading(false);
    }
  };

  const onPublished = async (number: number) => {
    setPublishOpen(false);
    setFlash(`Published version ${number}. New conversations use it from now on.`);
    await refreshFile();
  };

  const onRolledBack = async ({ number, from, text, before }: RolledBack) => {
    editor.replaceText(text);
    if (before !== text) setKept({ title: `Your draft from before the rollback`, text: before });
    setRollbackTarget(null);
    setFlash(`Rolled back: version ${number} is a copy of version ${from}, and the draft now holds its text.`);
    await refreshFile();
  };

  const selectTab = (next: Tab) => {
    setTab(next);
    if (next === "versions") void queryClient.invalidateQueries({ queryKey: trpc.studioFiles.diff.queryKey() });
  };

  const tabs: WorkspaceTab<Tab>[] = [
    { id: "outline", label: "Outline", focusablePanel: true },
    { id: "flow", label: "Flow" },
    { id: "try", label: "Try it" },
    { id: "versions", label: "Versions", badge: latest !== null ? `v${latest}` : null },
  ];
  const modelPath = `file:///studio/${encodeURIComponent(projectId)}/${encodeURIComponent(scriptId)}/${detail.path.split("/").map(encodeURIComponent).join("/")}`;

  return (
    <main className="workspace" data-tab={tab}>
      <div className="workspace-bar">
        <div className="workspace-title">
          <nav aria-label="Breadcrumb" className="small">
            <Link href="/studio">Projects</Link> <span aria-hidden="true">/</span>{" "}
            <Link href={`/studio/${encodeURIComponent(projectId)}`}>{project.name}</Link>
          </nav>
          <h1>
            {detail.path}
            <span className="badge file-kind">{detail.kind}</span>
            {latest !== null ? <span className="badge badge-active">v{latest} live</span> : <span className="badge">Not published</span>}
          </h1>
        </div>
        <div className="workspace-actions">
          {detail.kind === "session" && latest !== null ? (
            <Link href={`/review/sessions?script=${encodeURIComponent(scriptId)}`} className="btn btn-small btn-quiet">
              Sessions in review
            </Link>
          ) : null}
          <SaveStatusBadge status={status} />
          {project.canEdit ? (
            <button
              type="button"
              className="btn btn-primary btn-small"
              onClick={() => setPublishOpen(true)}
              disabled={Boolean(publishBlocked)}
              title={publishBlocked ?? "Publish the draft as a new version"}
              aria-describedby={publishBlocked ? blockedId : undefined}
            >
              Publish…
            </button>
          ) : null}
        </div>
        {publishBlocked ? (
          <p id={blockedId} className="visually-hidden">
            {publishBlocked}
          </p>
        ) : null}
      </div>

      <WorkspaceNotices status={status} editorPath={editorPath} reloading={reloading} onReload={() => void reloadTheirs()} flash={flash} onDismissFlash={() => setFlash(null)} />
      {kept ? <KeptTextPanel kept={kept} onDismiss={() => setKept(null)} /> : null}

      <div className="workspace-main">
        <section className="editor-column" aria-label="Script editor">
          <div className="editor-frame" data-testid="editor">
            <YamlEditor
              modelPath={modelPath}
              initialValue={editor.initialText}
              readOnly={Boolean(readOnlyReason)}
              schema={schema}
              diagnostics={editor.diagnostics}
              variables={editor.completion}
              ariaLabel={`Script ${detail.path}. Press Ctrl+M to let Tab move the focus out of the editor.`}
              onChange={editor.onChange}
              onReady={editor.onEditorReady}
              onSave={() => void draft.save().catch(() => undefined)}
              onCursorLine={editor.setCursorLine}
            />
          </div>
          <p className="editor-hints small muted">
            <kbd>Ctrl</kbd>+<kbd>S</kbd> save now · <kbd>Ctrl</kbd>+<kbd>Space</kbd> suggest fields and variables · <kbd>Ctrl</kbd>+<kbd>M</kbd> then{" "}
            <kbd>Tab</kbd> leaves the editor
          </p>
          <ProblemsList
            diagnostics={editor.diagnostics}
            pending={editor.analysis.pending}
            error={editor.analysis.error}
            generation={editor.analysis.generation}
            onSelect={(d) => editor.jump(d.line, d.column)}
          />
        </section>

        <section className="side-panel" aria-label="Outline, flow, try it and versions" data-testid="side-panel">
          <WorkspaceTabs
            label="Side panel"
            tabs={tabs}
            selected={tab}
            onSelect={selectTab}
            panels={{
              outline: <OutlinePanel outline={editor.outline} cursorLine={editor.cursorLine} onJump={editor.jump} />,
              flow: tab === "flow" ? <FlowView outline={editor.outline} onJump={editor.jump} /> : null,
              try: (
                <TryPanel
                  projectId={projectId}
                  path={detail.path}
                  kind={detail.kind}
                  getText={draft.currentText}
                  outline={editor.outline}
                  variables={editor.analysis.variables}
                  errorCount={errorCount}
                  onJumpToAction={editor.jumpToAction}
                />
              ),
              versions: (
                <VersionsPanel
                  projectId={projectId}
                  scriptId={scriptId}
                  versions={detail.versions}
                  unpublishedChanges={detail.unpublishedChanges}
                  publishBlocked={publishBlocked}
                  canEdit={project.canEdit}
                  onPublish={() => setPublishOpen(true)}
                  onRollback={setRollbackTarget}
                />
              ),
            }}
          />
        </section>
      </div>

      <PublishDialog
        open={publishOpen}
        projectId={projectId}
        scriptId={scriptId}
        path={detail.path}
        latest={latest}
        saving={status.kind === "saving"}
        blocked={publishBlocked}
        saveDraft={draft.save}
        currentText={draft.currentText}
        onClose={() => setPublishOpen(false)}
        onPublished={(number) => void onPublished(number)}
      />
      <RollbackDialog
        projectId={projectId}
        scriptId={scriptId}
        target={rollbackTarget}
        latest={latest}
        saveDraft={draft.save}
        currentText={draft.currentText}
        reloadDraft={draft.reloadLatest}
        onClose={() => setRollbackTarget(null)}
        onRolledBack={(result) => void onRolledBack(result)}
      />
    </main>
  );
}
