"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toCompletionVariables, type EditorApi } from "@/components/editor";
import { useAnalysis } from "./use-analysis";
import { useDraft } from "./use-draft";
import type { FileDetail, OutlineNode, StudioProject } from "./types";

function findAction(nodes: readonly OutlineNode[], actionId: string): OutlineNode | null {
  for (const node of nodes) {
    if (node.kind === "action" && node.id === actionId) return node;
    const inner = findAction(node.children, actionId);
    if (inner) return inner;
  }
  return null;
}

/**
 * The draft in the editor: its autosave, the server's live analysis of it (diagnostics, outline,
 * variables), and the editor itself (moving the cursor, replacing the text after a reload).
 */
export function useEditorDraft(project: StudioProject, detail: FileDetail) {
  const readOnlyReason = !project.canEdit
    ? "You can read this project but not change it."
    : detail.deletedAt
      ? "This file is deleted. Restore it from the file list to edit it."
      : null;
  const [initialText] = useState(detail.draftYaml);
  const draft = useDraft({ projectId: project.id, scriptId: detail.id, initialText, initialRevision: detail.draftRevision, readOnlyReason });
  const { analysis, pending, error, generation, schedule, analyseNow } = useAnalysis({ projectId: project.id, path: detail.path, enabled: true });
  const editorRef = useRef<EditorApi | null>(null);
  const [cursorLine, setCursorLine] = useState(1);

  useEffect(() => {
    analyseNow(initialText);
  }, [analyseNow, initialText]);

  const diagnostics = analysis?.diagnostics ?? detail.diagnostics;
  const outline = useMemo(() => analysis?.outline ?? [], [analysis]);
  const completion = useMemo(() => toCompletionVariables(analysis?.variables ?? []), [analysis]);
  const errorCount = diagnostics.filter((d) => d.severity === "error").length;

  const onChange = (text: string) => {
    draft.onTextChange(text);
    schedule(text);
  };

  /** Puts the whole text in the editor (after a reload or rollback) and analyses it. */
  const replaceText = (text: string) => {
    editorRef.current?.replaceAll(text);
    analyseNow(text);
  };

  const jump = useCallback((line: number, column = 1) => editorRef.current?.reveal(line, column), []);

  const jumpToAction = (actionId: string) => {
    const node = findAction(outline, actionId);
    if (node) jump(node.line, node.column);
  };

  return {
    readOnlyReason,
    initialText,
    draft,
    analysis: { pending, error, generation, variables: analysis?.variables ?? [] },
    diagnostics,
    outline,
    completion,
    errorCount,
    cursorLine,
    setCursorLine,
    onChange,
    replaceText,
    jump,
    jumpToAction,
    onEditorReady: (api: EditorApi) => {
      editorRef.current = api;
    },
  };
}
