import type { CompletionVariable } from "./variable-completion";

export type { CompletionVariable };

/** A problem to mark: 1-based lines and columns, end exclusive (as the server reports them). */
export interface EditorDiagnostic {
  severity: "error" | "warning" | "hint";
  code: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** What the page may do with a mounted editor. */
export interface EditorApi {
  getValue(): string;
  /** Replaces the whole text as one undoable edit. */
  replaceAll(text: string): void;
  /** Scrolls to a position, puts the cursor there and focuses the editor. */
  reveal(line: number, column?: number): void;
  focus(): void;
}

export interface YamlEditorProps {
  /** The model's URI (one per file), e.g. `file:///studio/<project>/<script>/sessions/intake.yaml`. */
  modelPath: string;
  initialValue: string;
  readOnly?: boolean;
  /** The engine's JSON Schema (completion and hover docs); undefined until it has loaded. */
  schema: unknown;
  diagnostics: readonly EditorDiagnostic[];
  variables: readonly CompletionVariable[];
  ariaLabel: string;
  onChange(text: string): void;
  onReady(api: EditorApi): void;
  /** Ctrl/Cmd+S. */
  onSave?(): void;
  onCursorLine?(line: number): void;
}
