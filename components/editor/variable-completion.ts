/** Variable-name completion: where on a line a variable name is expected, and how to offer one. */

export interface CompletionVariable {
  name: string;
  type: string | null;
  /** One line shown beside the suggestion (scope, where it is set). */
  detail: string;
  /** Markdown shown in the suggestion's details. */
  documentation?: string;
}

export interface CompletionContext {
  /** Text to insert after the name to close the placeholder ("}" or "}}"), or "". */
  close: string;
}

/** Name characters: variable names are Unicode identifiers (`用户称呼`), so `\w` is not enough. */
const PART = String.raw`[\p{ID_Continue}_]`;
const PARTIAL_PLACEHOLDER = new RegExp(String.raw`\$\{\s*[\p{ID_Continue}_.]*$`, "u");
// What follows the name when the placeholder is already closed, or goes on to a fallback (`${name|…}`).
const PLACEHOLDER_REST = new RegExp(String.raw`^[\p{ID_Continue}_.]*\s*[}|]`, "u");
const PARTIAL_MUSTACHE = new RegExp(String.raw`\{\{\s*${PART}*$`, "u");
const MUSTACHE_REST = new RegExp(String.raw`^${PART}*\s*(?:\}\}|\|)`, "u");
// `{name}` inside text: the `{` follows text, not a space, `:`, `,` or a bracket (those open a YAML flow mapping).
const PARTIAL_BRACE = new RegExp(String.raw`[^\s:,\[\]{}$]\{\s*${PART}*$`, "u");
const BRACE_REST = new RegExp(String.raw`^${PART}*\s*[}|]`, "u");
const CONDITION_WORD = new RegExp(String.raw`(?:^|[\s(!,"=<>&|])(?:[\p{ID_Start}_]${PART}*)?$`, "u");
const LIST_ITEM = new RegExp(String.raw`(?:\[|,)\s*${PART}*$`, "u");

const CONDITION_KEY = /^\s*(?:-\s+)?(?:condition|entry_condition)\s*:(.*)$/;
const INPUT_LIST = /^\s*(?:-\s+)?input_variables\s*:\s*\[[^\]]*$/;

/**
 * Whether a variable name fits at `column` (0-based offset) of `line`: inside `${…}`, `{{…}}` or a
 * `{…}` that follows text (`你好，{用户…`),
 * in a `condition:`/`entry_condition:` expression (outside its string literals), or in an inline
 * `input_variables: [...]` list. Returns null anywhere else, so other completions stay alone.
 */
export function completionContext(line: string, column: number): CompletionContext | null {
  const before = line.slice(0, column);
  const after = line.slice(column);

  if (PARTIAL_PLACEHOLDER.test(before)) return { close: PLACEHOLDER_REST.test(after) ? "" : "}" };
  if (PARTIAL_MUSTACHE.test(before)) return { close: MUSTACHE_REST.test(after) ? "" : "}}" };
  if (PARTIAL_BRACE.test(before)) return { close: BRACE_REST.test(after) ? "" : "}" };

  const condition = CONDITION_KEY.exec(before);
  if (condition) {
    const expression = condition[1] ?? "";
    // Inside a quoted literal such as 'high' no variable is meant.
    const singleQuotes = (expression.match(/'/g) ?? []).length;
    if (singleQuotes % 2 === 1) return null;
    // The start of a word (or nothing yet) after an operator, a bracket, a space or the colon.
    if (CONDITION_WORD.test(expression)) return { close: "" };
    return null;
  }

  if (INPUT_LIST.test(before) && LIST_ITEM.test(before)) return { close: "" };
  return null;
}

interface AnalysedVariable {
  name: string;
  type?: unknown;
  scope?: unknown;
  declaredAt?: unknown;
  producedBy?: unknown;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(describe).filter(Boolean).join(", ");
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    const named = record.actionId ?? record.id ?? record.path ?? record.label;
    const line = typeof record.line === "number" ? `line ${record.line}` : "";
    if (named === undefined) return line;
    return line ? `${String(named)} (${line})` : String(named);
  }
  return typeof value === "number" ? `line ${value}` : String(value);
}

/** Turns the variables of `studioTry.analyse` into completion items. */
export function toCompletionVariables(variables: readonly AnalysedVariable[]): CompletionVariable[] {
  const seen = new Set<string>();
  const out: CompletionVariable[] = [];
  for (const variable of variables) {
    if (!variable.name || seen.has(variable.name)) continue;
    seen.add(variable.name);
    const type = typeof variable.type === "string" ? variable.type : null;
    const scope = describe(variable.scope);
    const declared = describe(variable.declaredAt);
    const produced = describe(variable.producedBy);
    const parts = [scope && `${scope} scope`, declared && `declared at ${declared}`, produced && `set by ${produced}`].filter(Boolean);
    out.push({
      name: variable.name,
      type,
      detail: parts.join(" · ") || "variable",
      documentation: parts.length ? parts.map((p) => `- ${p}`).join("\n") : undefined,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

const NAME_AT = new RegExp(String.raw`[\p{ID_Start}_]${PART}*`, "gu");

/**
 * The known variable whose name covers `column` (0-based) of `line`, with its 0-based start and
 * end, for hover docs; names of any script (`用户称呼`) count, ids and other words do not.
 */
export function variableAt<T extends { name: string }>(line: string, column: number, variables: readonly T[]): { variable: T; start: number; end: number } | null {
  for (const match of line.matchAll(NAME_AT)) {
    const start = match.index;
    const end = start + match[0].length;
    if (column < start || column > end) continue;
    const written = match[0].normalize("NFC");
    const variable = variables.find((v) => v.name.normalize("NFC") === written);
    return variable ? { variable, start, end } : null;
  }
  return null;
}
