/**
 * Monaco from the app's own bundle (no CDN): the editor core with YAML highlighting, its web
 * workers built by Next from node_modules, monaco-yaml for schema completion and hover docs, and
 * the Heartline variable completion inside `${…}` placeholders and conditions.
 *
 * Only the editor route imports this module (through a `dynamic(..., { ssr: false })` boundary),
 * so no other page downloads Monaco.
 */
import * as monaco from "monaco-editor/esm/vs/editor/edcore.main";
import "monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution";
import { loader } from "@monaco-editor/react";
import { configureMonacoYaml, type JSONSchema, type MonacoYaml } from "monaco-yaml";
import { completionContext, variableAt, type CompletionVariable } from "./variable-completion";

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === "yaml") {
      return new Worker(new URL("monaco-yaml/yaml.worker", import.meta.url), { type: "module", name: "yaml" });
    }
    return new Worker(new URL("monaco-editor/esm/vs/editor/editor.worker", import.meta.url), { type: "module", name: "editor" });
  },
};

loader.config({ monaco });

const SCHEMA_URI = "https://heartline.invalid/schema/script.json";

let yaml: MonacoYaml | undefined;
let appliedSchema: unknown;

/**
 * Completion and hover docs from the engine's JSON Schema. Validation stays with the server
 * (`studioTry.analyse`): it knows aliases, conditions and the project's techniques, so its markers
 * are the only ones shown and the two never disagree. The only YAML models on the page are
 * scripts, so the schema applies to every one.
 */
export function configureSchema(schema: unknown): void {
  if (appliedSchema === schema) return;
  appliedSchema = schema;
  const options = {
    enableSchemaRequest: false,
    validate: false,
    completion: true,
    hover: true,
    hoverSchemaSource: false,
    format: { enable: false },
    schemas: schema ? [{ uri: SCHEMA_URI, fileMatch: ["*"], schema: schema as JSONSchema }] : [],
  };
  if (yaml) void yaml.update(options);
  else yaml = configureMonacoYaml(monaco, options);
}

/** Variables offered per model (one editor at a time, but keyed so two never mix). */
const variablesByModel = new Map<string, readonly CompletionVariable[]>();

export function setCompletionVariables(model: monaco.editor.ITextModel, variables: readonly CompletionVariable[]): void {
  variablesByModel.set(model.uri.toString(), variables);
}

export function forgetModel(model: monaco.editor.ITextModel): void {
  variablesByModel.delete(model.uri.toString());
}

monaco.languages.registerCompletionItemProvider("yaml", {
  triggerCharacters: ["{", "$", " ", "[", ","],
  provideCompletionItems(model, position) {
    const variables = variablesByModel.get(model.uri.toString());
    if (!variables?.length) return { suggestions: [] };
    const line = model.getLineContent(position.lineNumber);
    const context = completionContext(line, position.column - 1);
    if (!context) return { suggestions: [] };
    const word = model.getWordUntilPosition(position);
    const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
    return {
      suggestions: variables.map((variable) => ({
        label: { label: variable.name, description: variable.type ?? undefined },
        kind: monaco.languages.CompletionItemKind.Variable,
        detail: variable.detail,
        documentation: variable.documentation ? { value: variable.documentation } : undefined,
        insertText: variable.name + context.close,
        sortText: `0_${variable.name}`,
        range,
      })),
    };
  },
});

monaco.languages.registerHoverProvider("yaml", {
  provideHover(model, position) {
    const variables = variablesByModel.get(model.uri.toString());
    if (!variables?.length) return null;
    const found = variableAt(model.getLineContent(position.lineNumber), position.column - 1, variables);
    if (!found) return null;
    const { variable, start, end } = found;
    const title = `**${variable.name}**${variable.type ? ` (${variable.type})` : ""}`;
    return {
      range: new monaco.Range(position.lineNumber, start + 1, position.lineNumber, end + 1),
      contents: [{ value: title }, { value: variable.documentation ?? variable.detail }],
    };
  },
});

export { monaco };
