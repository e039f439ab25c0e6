/**
 * Placeholders in script text: `${name}`, `{{name}}` and `{name}` all name a variable.
 * Rendering is a single pass, so text inserted from a value (the client's own words) is never
 * expanded again, and values are inserted literally (no `$&` replacement patterns).
 */
import { normaliseName, VARIABLE_NAME_SOURCE } from "./names";

export interface Placeholder {
  name: string;
  /** The placeholder as written, e.g. `{{ user_name }}`. */
  text: string;
  start: number;
  end: number;
}

// `${...}` first, then `{{...}}`, then `{...}`, so the longest form wins at each position.
// A name is a Unicode identifier (`${用户称呼}`), optionally with `.field` parts.
const NAME = String.raw`${VARIABLE_NAME_SOURCE}(?:\.[\p{ID_Continue}_]+)*`;
const PLACEHOLDER = new RegExp(String.raw`\$\{\s*(${NAME})\s*\}|\{\{\s*(${NAME})\s*\}\}|\{\s*(${NAME})\s*\}`, "gu");

export function findPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = normaliseName(match[1] ?? match[2] ?? match[3] ?? "");
    found.push({ name, text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** Renders `text`, replacing each placeholder by its value; a missing value renders as "". */
export function renderTemplate(text: string, lookup: (name: string) => unknown): string {
  return text.replace(PLACEHOLDER, (_match, a?: string, b?: string, c?: string) => formatValue(lookup(normaliseName(a ?? b ?? c ?? ""))));
}

/** How a variable's value reads inside a message. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return value.map(formatValue).join(", ");
  return JSON.stringify(value) ?? "";
}
