/**
 * Diagnostics: the one shape every problem is reported in, and the table of stable codes.
 * Codes are part of the public contract (editors and CI match on them): never rename one.
 */

export type Severity = "error" | "warning" | "hint";

export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** Canonical path of the offending value, e.g. `session.phases[0].topics[1].actions[0].config.content`. */
  path: string;
  /** 1-based position of the first character. */
  line: number;
  column: number;
  /** 1-based position just after the last character (exclusive, as in LSP and Monaco). */
  endLine: number;
  endColumn: number;
}

/** Every diagnostic code, its severity and what it means. */
export const DIAGNOSTIC_CODES = {
  "source-too-large": { severity: "error", summary: "The file is larger than MAX_SCRIPT_BYTES." },
  "binary-content": { severity: "error", summary: "The file holds NUL or other control characters: not a text YAML file." },
  "nesting-too-deep": { severity: "error", summary: "Collections nest deeper than MAX_NESTING_DEPTH." },
  "alias-limit": { severity: "error", summary: "Too many aliases, an alias that expands too much (alias bomb), or an alias that contains itself." },
  "yaml-syntax": { severity: "error", summary: "The text is not valid YAML." },
  "yaml-warning": { severity: "warning", summary: "Valid YAML that is probably not what was meant (e.g. an unknown tag)." },
  "duplicate-key": { severity: "error", summary: "The same key appears twice in one mapping." },
  "multiple-documents": { severity: "error", summary: "The file holds more than one YAML document (`---`)." },
  "complex-key": { severity: "error", summary: "A mapping key that is a list or a mapping." },
  "missing-root": { severity: "error", summary: "No `session:`, `topic:`, `triggers:` or `consciousness:` at the top level." },
  "multiple-roots": { severity: "error", summary: "More than one kind of script in one file (e.g. `session:` and `topic:`)." },
  "missing-field": { severity: "error", summary: "A required field is absent." },
  "invalid-type": { severity: "error", summary: "A value has the wrong type (text where a number is expected, ...)." },
  "invalid-value": { severity: "error", summary: "A value of the right type that is out of range or not one of the allowed values." },
  "invalid-id": { severity: "error", summary: "An id that is not made of letters, digits and `_`." },
  "invalid-name": { severity: "error", summary: "A variable name that is not an identifier (letters of any script, digits, `_`, not starting with a digit)." },
  "empty-list": { severity: "error", summary: "A list that needs at least one item is empty (phases, topics, actions)." },
  "unknown-action-type": { severity: "error", summary: "`action_type` is not one of ai_say, ai_ask, ai_think, use_skill, assess." },
  "unknown-instrument": { severity: "error", summary: "`assess` names an instrument other than phq9, gad7, phq2, gad2." },
  "unknown-field": { severity: "warning", summary: "A field the format does not know; it is ignored. The message names the closest known field." },
  "alias-field": { severity: "hint", summary: "An older name for a field; it is read as the canonical name." },
  "field-beside-config": { severity: "hint", summary: "An action field written beside `config` instead of inside it; it is moved into `config`." },
  "conflicting-fields": { severity: "warning", summary: "The same field is given twice (canonical and alias, or inside and beside `config`); one is ignored." },
  "duplicate-id": { severity: "error", summary: "A phase, topic, action or trigger id is used twice." },
  "duplicate-declaration": { severity: "warning", summary: "A variable or parameter is declared twice in the same scope." },
  "condition-syntax": { severity: "error", summary: "A condition that does not parse." },
  "unknown-variable": { severity: "warning", summary: "A placeholder or condition names a variable that is never declared nor set." },
  "variable-used-before-set": { severity: "warning", summary: "A variable is used before the first action that sets it." },
  "unknown-technique": { severity: "error", summary: "`use_skill` (or a trigger) names a technique that is not in the project." },
  "unknown-topic": { severity: "error", summary: "A trigger runs a topic that is not in the script." },
  "unknown-confirmed-variable": { severity: "error", summary: "An ai_ask `confirms` a variable that is never declared nor set before it." },
  "model-only-placeholder": {
    severity: "warning",
    summary: "In client-facing text, a placeholder without a fallback names a variable only a model can fill (an ai_think output, an ai_ask object field): in template mode it is empty.",
  },
  "instruction-as-content": {
    severity: "warning",
    summary: "An ai_say/ai_ask `content` reads as an instruction to a model (\"Ask the client how…\", \"向来访者询问…\"); in template mode the client reads it word for word.",
  },
  "free-text-mid-sentence": {
    severity: "hint",
    summary: "A free-text variable sits mid-sentence without a fallback; a long answer is then replaced by a short phrase taken from it or a neutral one. Give a fallback that reads well there.",
  },
  "missing-client-description": {
    severity: "warning",
    summary: "A session script without `metadata.client_description`: clients choosing a conversation see its card without a word about what it offers.",
  },
  "unreachable": { severity: "warning", summary: "A condition that is always false: the phase, topic, action or trigger never runs." },
  "invalid-pattern": { severity: "error", summary: "An output field's `pattern` is not a valid regular expression." },
  "missing-pattern": { severity: "warning", summary: "`extraction_method: pattern` without a `pattern`." },
  "enum-without-values": { severity: "warning", summary: "`type: enum` without `values`." },
  "not-yet-supported": { severity: "warning", summary: "Accepted for compatibility but not used by this engine yet." },
  "too-many-problems": { severity: "warning", summary: "More than MAX_DIAGNOSTICS problems; the rest are not listed." },
  "internal-error": { severity: "error", summary: "The validator itself failed; please report it with the script." },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function severityOf(code: DiagnosticCode): Severity {
  return DIAGNOSTIC_CODES[code].severity;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Sorts by position, then severity, so a reader meets problems in file order. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, hint: 2 };
  return diagnostics.sort(
    (a, b) => a.line - b.line || a.column - b.column || rank[a.severity] - rank[b.severity] || a.code.localeCompare(b.code),
  );
}

/** Formats a diagnostic for terminals and CI logs: `line:col severity code message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`;
}
