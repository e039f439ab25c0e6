"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { toCompletionVariables, YamlEditor, type EditorApi } from "@/components/editor";
import { useTRPC } from "@/components/trpc/provider";
import { signInUrl } from "@/components/auth/return-to";
import { Dialog } from "@/components/ui/dialog";
import { errorCode, errorMessage } from "./errors";
import { FlowDiagram } from "./flow-diagram";
import { OutlinePanel } from "./outline-panel";
import { ProblemsList } from "./problems-list";
import { SaveStatusBadge } from "./save-status";
import { TryPanel } from "./try-panel";
import { useAnalysis } from "./use-analysis";
import { DraftConflictError, useDraft } from "./use-draft";
import { VersionsPanel } from "./versions-panel";
import type { FileDetail, OutlineNode, StudioProject, VersionSummary } from "./types";

const TABS = [
  { id: "outline", label: "Outline" },
  { id: "flow", label: "Flow" },
  { id: "try", label: "Try it" },
  { id: "versions", label: "Versions" },
] as const;

type Tab = (typeof TABS)[number]["id"];

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

interface KeptText {
  title: string;
  text: string;
}

function findAction(nodes: readonly OutlineNode[], actionId: string): OutlineNode | null {
  for (const node of nodes) {
    if (node.kind === "action" && node.id === actionId) return node;
    const inner = findAction(node.children, actionId);
    if (inner) return inner;
  }
  return null;
}

function Workspace({ project, detail, schema }: { project: StudioProject; detail: FileDetail; schema: unknown }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const projectId = project.id;
  const scriptId = detail.id;
  const readOnlyReason = !project.canEdit
    ? "You can read this project but not change it."
    : detail.deletedAt
      ? "This file is deleted. Restore it from the file list to edit it."
      : null;

  const [initialText] = useState(detail.draftYaml);
  const draft = useDraft({ projectId, scriptId, initialText, initialRevision: detail.draftRevision, readOnlyReason });
  const { analysis, pending, error: analysisError, generation, schedule, analyseNow } = useAnalysis({ projectId, path: detail.path, enabled: true });
  const editorRef = useRef<EditorApi | null>(null);
  const [cursorLine, setCursorLine] = useState(1);
  const [tab, setTab] = useState<Tab>("outline");
  const [kept, setKept] = useState<KeptText | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  const [note, setNote] = useState("");
  const [publishError, setPublishError] = useState<string | null>(null);
  const [rollbackTarget, setRollbackTarget] = useState<VersionSummary | null>(null);
  const [rollbackError, setRollbackError] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  const publish = useMutation(trpc.studioFiles.publish.mutationOptions());
  const rollback = useMutation(trpc.studioFiles.rollback.mutationOptions());
  const noteId = useId();
  const tabIds = useId();
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ outline: null, flow: null, try: null, versions: null });

  useEffect(() => {
    analyseNow(initialText);
  }, [analyseNow, initialText]);

  const diagnostics = analysis?.diagnostics ?? detail.diagnostics;
  const outline = useMemo(() => analysis?.outline ?? [], [analysis]);
  const completion = useMemo(() => toCompletionVariables(analysis?.variables ?? []), [analysis]);
  const errorCount = diagnostics.filter((d) => d.severity === "error").length;
  const latest = detail.versions[0]?.number ?? null;

  const publishBlocked = readOnlyReason
    ? readOnlyReason
    : draft.status.kind === "conflict"
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

  const onChange = (text: string) => {
    draft.onTextChange(text);
    schedule(text);
  };

  const jump = (line: number, column = 1) => editorRef.current?.reveal(line, column);

  const reloadTheirs = async () => {
    setReloading(true);
    try {
      const { theirs, mine, changed } = await draft.reloadLatest();
      editorRef.current?.replaceAll(theirs);
      analyseNow(theirs);
      if (changed) setKept({ title: "Your text from before the reload (not saved)", text: mine });
      setFlash("Loaded the latest saved version of this file. Your own text is kept below so you can copy what you need.");
      void refreshFile();
    } catch (failure) {
      setFlash(`Could not reload: ${errorMessage(failure)}`);
    } finally {
      setReloading(false);
    }
  };

  const onPublish = async () => {
    setPublishError(null);
    try {
      const revision = await draft.save();
      const result = await publish.mutateAsync({ projectId, scriptId, note: note.trim(), expectedRevision: revision });
      setPublishOpen(false);
      setNote("");
      setFlash(`Published version ${result.number}. New conversations use it from now on.`);
      await refreshFile();
    } catch (failure) {
      setPublishError(failure instanceof DraftConflictError ? failure.message : errorMessage(failure));
    }
  };

  const onRollback = async () => {
    if (!rollbackTarget) return;
    setRollbackError(null);
    try {
      // Save first: a failing save (conflict) stops here, before anything is replaced.
      await draft.save();
      const before = draft.currentText();
      const result = await rollback.mutateAsync({ projectId, scriptId, toNumber: rollbackTarget.number });
      const { theirs } = await draft.reloadLatest();
      editorRef.current?.replaceAll(theirs);
      analyseNow(theirs);
      if (before !== theirs) setKept({ title: `Your draft from before the rollback`, text: before });
      setRollbackTarget(null);
      setFlash(`Rolled back: version ${result.number} is a copy of version ${rollbackTarget.number}, and the draft now holds its text.`);
      await refreshFile();
    } catch (failure) {
      setRollbackError(errorMessage(failure));
    }
  };

  const selectTab = (next: Tab) => {
    setTab(next);
    if (next === "versions") void queryClient.invalidateQueries({ queryKey: trpc.studioFiles.diff.queryKey() });
  };

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = TABS.findIndex((t) => t.id === tab);
    let next = index;
    if (event.key === "ArrowRight") next = (index + 1) % TABS.length;
    else if (event.key === "ArrowLeft") next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = TABS.length - 1;
    else return;
    event.preventDefault();
    const id = TABS[next]!.id;
    selectTab(id);
    tabRefs.current[id]?.focus();
  };

  const modelPath = `file:///studio/${encodeURIComponent(projectId)}/${encodeURIComponent(scriptId)}/${detail.path.split("/").map(encodeURIComponent).join("/")}`;
  const status = draft.status;

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
          <SaveStatusBadge status={status} />
          {project.canEdit ? (
            <button
              type="button"
              className="btn btn-primary btn-small"
              onClick={() => {
                setPublishError(null);
                setPublishOpen(true);
              }}
              disabled={Boolean(publishBlocked)}
              title={publishBlocked ?? "Publish the draft as a new version"}
              aria-describedby={publishBlocked ? `${tabIds}-blocked` : undefined}
            >
              Publish…
            </button>
          ) : null}
        </div>
        {publishBlocked ? (
          <p id={`${tabIds}-blocked`} className="visually-hidden">
            {publishBlocked}
          </p>
        ) : null}
      </div>

      {status.kind === "conflict" ? (
        <div className="notice notice-error conflict-banner" role="alert" data-testid="conflict">
          <p>
            <strong>Conflict:</strong> {status.message} Nothing you type now is saved.
          </p>
          <div className="conflict-actions">
            <button type="button" className="btn btn-small btn-primary" onClick={reloadTheirs} disabled={reloading} aria-busy={reloading}>
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
                <a href={signInUrl(`/studio/${encodeURIComponent(projectId)}/files/${encodeURIComponent(scriptId)}`)} target="_blank" rel="noopener">
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
            <button type="button" className="btn btn-small btn-quiet" onClick={() => setFlash(null)} aria-label="Dismiss message">
              ✕
            </button>
          </div>
        ) : null}
      </div>
      {kept ? <KeptTextPanel kept={kept} onDismiss={() => setKept(null)} /> : null}

      <div className="workspace-main">
        <section className="editor-column" aria-label="Script editor">
          <div className="editor-frame" data-testid="editor">
            <YamlEditor
              modelPath={modelPath}
              initialValue={initialText}
              readOnly={Boolean(readOnlyReason)}
              schema={schema}
              diagnostics={diagnostics}
              variables={completion}
              ariaLabel={`Script ${detail.path}. Press Ctrl+M to let Tab move the focus out of the editor.`}
              onChange={onChange}
              onReady={(api) => {
                editorRef.current = api;
              }}
              onSave={() => void draft.save().catch(() => undefined)}
              onCursorLine={setCursorLine}
            />
          </div>
          <p className="editor-hints small muted">
            <kbd>Ctrl</kbd>+<kbd>S</kbd> save now · <kbd>Ctrl</kbd>+<kbd>Space</kbd> suggest fields and variables · <kbd>Ctrl</kbd>+<kbd>M</kbd> then{" "}
            <kbd>Tab</kbd> leaves the editor
          </p>
          <ProblemsList diagnostics={diagnostics} pending={pending} error={analysisError} generation={generation} onSelect={(d) => jump(d.line, d.column)} />
        </section>

        <section className="side-panel" aria-label="Outline, flow, try it and versions">
          <div role="tablist" aria-label="Side panel" className="tabs">
            {TABS.map((t) => (
              <button
                key={t.id}
                ref={(element) => {
                  tabRefs.current[t.id] = element;
                }}
                type="button"
                role="tab"
                id={`${tabIds}-tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`${tabIds}-panel-${t.id}`}
                tabIndex={tab === t.id ? 0 : -1}
                className="tab"
                onClick={() => selectTab(t.id)}
                onKeyDown={onTabKey}
              >
                {t.label}
                {t.id === "versions" && latest !== null ? <span className="tab-count">v{latest}</span> : null}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`${tabIds}-panel-outline`} aria-labelledby={`${tabIds}-tab-outline`} hidden={tab !== "outline"} className="tab-panel" tabIndex={0}>
            <OutlinePanel outline={outline} cursorLine={cursorLine} onJump={jump} />
          </div>
          <div role="tabpanel" id={`${tabIds}-panel-flow`} aria-labelledby={`${tabIds}-tab-flow`} hidden={tab !== "flow"} className="tab-panel">
            {tab === "flow" ? <FlowDiagram outline={outline} onJump={jump} /> : null}
          </div>
          <div role="tabpanel" id={`${tabIds}-panel-try`} aria-labelledby={`${tabIds}-tab-try`} hidden={tab !== "try"} className="tab-panel">
            <TryPanel
              projectId={projectId}
              path={detail.path}
              kind={detail.kind}
              getText={draft.currentText}
              outline={outline}
              variables={analysis?.variables ?? []}
              errorCount={errorCount}
              onJumpToAction={(actionId) => {
                const node = findAction(outline, actionId);
                if (node) jump(node.line, node.column);
              }}
            />
          </div>
          <div role="tabpanel" id={`${tabIds}-panel-versions`} aria-labelledby={`${tabIds}-tab-versions`} hidden={tab !== "versions"} className="tab-panel">
            <VersionsPanel
              projectId={projectId}
              scriptId={scriptId}
              versions={detail.versions}
              unpublishedChanges={detail.unpublishedChanges}
              publishBlocked={publishBlocked}
              canEdit={project.canEdit}
              onPublish={() => {
                setPublishError(null);
                setPublishOpen(true);
              }}
              onRollback={(version) => {
                setRollbackError(null);
                setRollbackTarget(version);
              }}
            />
          </div>
        </section>
      </div>

      <Dialog
        open={publishOpen}
        title={`Publish ${detail.path}`}
        description={
          <p>
            The draft becomes version {(latest ?? 0) + 1}. Clients who start a conversation from now on get it; conversations already running stay on
            their version.
          </p>
        }
        submitLabel={`Publish version ${(latest ?? 0) + 1}`}
        busyLabel="Publishing…"
        busy={publish.isPending || status.kind === "saving"}
        error={publishError}
        onSubmit={() => void onPublish()}
        onCancel={() => setPublishOpen(false)}
      >
        <div className="field">
          <label htmlFor={noteId}>What changed (optional)</label>
          <textarea id={noteId} rows={3} value={note} maxLength={1000} autoFocus onChange={(event) => setNote(event.target.value)} />
        </div>
      </Dialog>

      <Dialog
        open={rollbackTarget !== null}
        title={rollbackTarget ? `Roll back to version ${rollbackTarget.number}?` : ""}
        description={
          rollbackTarget ? (
            <>
              <p>
                This publishes version {(latest ?? 0) + 1} with the text of version {rollbackTarget.number}
                {rollbackTarget.note ? ` (“${rollbackTarget.note}”)` : ""}. No version is deleted, and running conversations stay on their version.
              </p>
              <p>The draft is replaced by that text too; your current draft stays available to copy.</p>
            </>
          ) : null
        }
        submitLabel="Roll back"
        busyLabel="Rolling back…"
        danger
        busy={rollback.isPending}
        error={rollbackError}
        onSubmit={() => void onRollback()}
        onCancel={() => setRollbackTarget(null)}
      />
    </main>
  );
}

function KeptTextPanel({ kept, onDismiss }: { kept: KeptText; onDismiss(): void }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(kept.text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section className="kept-text" aria-labelledby={id} data-testid="kept-text">
      <div className="kept-head">
        <h2 id={id}>{kept.title}</h2>
        <div className="kept-actions">
          <button type="button" className="btn btn-small" onClick={() => void copy()}>
            {copied ? "Copied" : "Copy all"}
          </button>
          <button type="button" className="btn btn-small btn-quiet" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      </div>
      <textarea readOnly value={kept.text} aria-labelledby={id} rows={8} spellCheck={false} />
    </section>
  );
}
