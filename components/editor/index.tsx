"use client";

import dynamic from "next/dynamic";
import type { YamlEditorProps } from "./types";

export type { EditorApi, YamlEditorProps } from "./types";
export { toCompletionVariables } from "./variable-completion";

/**
 * The script editor, loaded in the browser only: Monaco (and its workers) are fetched when a page
 * renders this, never on the server and never on pages that do not.
 */
export const YamlEditor = dynamic<YamlEditorProps>(() => import("./yaml-editor"), {
  ssr: false,
  loading: () => (
    <p className="editor-loading" role="status">
      Loading the editor…
    </p>
  ),
});
