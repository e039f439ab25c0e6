"use client";

import Editor, { type OnMount } from "@monaco-editor/react";
import { useEffect, useRef } from "react";
import { configureSchema, forgetModel, monaco, setCompletionVariables } from "./monaco-setup";
import type { EditorApi, EditorDiagnostic, YamlEditorProps } from "./types";

const MARKER_OWNER = "heartline";

function severity(value: EditorDiagnostic["severity"]): monaco.MarkerSeverity {
  if (value === "error") return monaco.MarkerSeverity.Error;
  if (value === "warning") return monaco.MarkerSeverity.Warning;
  // Hints are shown as information: Monaco's own "hint" markers are three faint dots.
  return monaco.MarkerSeverity.Info;
}

function toMarker(d: EditorDiagnostic): monaco.editor.IMarkerData {
  const startLineNumber = Math.max(1, d.line);
  const startColumn = Math.max(1, d.column);
  let endLineNumber = Math.max(startLineNumber, d.endLine || startLineNumber);
  let endColumn = d.endColumn || startColumn + 1;
  if (endLineNumber === startLineNumber && endColumn <= startColumn) {
    endLineNumber = startLineNumber;
    endColumn = startColumn + 1;
  }
  return { severity: severity(d.severity), message: d.message, code: d.code, source: "Heartline", startLineNumber, startColumn, endLineNumber, endColumn };
}

/**
 * The script editor: Monaco with YAML highlighting, schema completion and hover, the server's
 * diagnostics as markers, and variable-name completion. Uncontrolled: it starts from
 * `initialValue` and reports every change; the owner changes the text through `onReady`'s API.
 */
export default function YamlEditor({
  modelPath,
  initialValue,
  readOnly = false,
  schema,
  diagnostics,
  variables,
  ariaLabel,
  onChange,
  onReady,
  onSave,
  onCursorLine,
}: YamlEditorProps) {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const callbacks = useRef({ onChange, onSave, onCursorLine });
  useEffect(() => {
    callbacks.current = { onChange, onSave, onCursorLine };
  });

  useEffect(() => {
    configureSchema(schema);
  }, [schema]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    const model = editor.getModel();
    if (model) {
      monaco.editor.setModelMarkers(model, MARKER_OWNER, diagnostics.map(toMarker));
      setCompletionVariables(model, variables);
    }
    editor.onDidChangeModelContent(() => callbacks.current.onChange(editor.getValue()));
    editor.onDidChangeCursorPosition((event) => callbacks.current.onCursorLine?.(event.position.lineNumber));
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => callbacks.current.onSave?.());
    const api: EditorApi = {
      getValue: () => editor.getValue(),
      replaceAll(text) {
        const current = editor.getModel();
        if (!current || current.getValue() === text) return;
        // An edit rather than setValue: Undo brings the author's own text back.
        editor.pushUndoStop();
        editor.executeEdits("reload", [{ range: current.getFullModelRange(), text, forceMoveMarkers: true }]);
        editor.pushUndoStop();
      },
      reveal(line, column = 1) {
        editor.revealLineInCenterIfOutsideViewport(line, monaco.editor.ScrollType.Smooth);
        editor.setPosition({ lineNumber: line, column });
        editor.focus();
      },
      focus: () => editor.focus(),
    };
    onReady(api);
  };

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelMarkers(model, MARKER_OWNER, diagnostics.map(toMarker));
  }, [diagnostics]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) setCompletionVariables(model, variables);
  }, [variables]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly });
  }, [readOnly]);

  useEffect(
    () => () => {
      const model = editorRef.current?.getModel();
      if (model) forgetModel(model);
    },
    [],
  );

  return (
    <Editor
      path={modelPath}
      defaultLanguage="yaml"
      defaultValue={initialValue}
      theme="vs"
      loading={<p className="editor-loading">Loading the editor…</p>}
      onMount={onMount}
      options={{
        ariaLabel,
        readOnly,
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 14,
        lineHeight: 21,
        tabSize: 2,
        insertSpaces: true,
        detectIndentation: false,
        wordWrap: "on",
        wrappingIndent: "indent",
        scrollBeyondLastLine: false,
        renderWhitespace: "trailing",
        stickyScroll: { enabled: true, maxLineCount: 3 },
        quickSuggestions: { other: true, strings: true, comments: false },
        suggestOnTriggerCharacters: true,
        fixedOverflowWidgets: true,
        glyphMargin: false,
        folding: true,
        padding: { top: 8, bottom: 8 },
      }}
    />
  );
}
