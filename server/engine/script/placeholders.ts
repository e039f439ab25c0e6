/**
 * Placeholders in script text: `${name}`, `{{name}}` and `{name}` all name a variable, and each may
 * carry a fallback after `|` (`${main_concern|what you've described}`, `{{主要困扰|你刚才说的}}`),
 * rendered when the value is unset, null or empty. Rendering is a single pass, so text inserted
 * from a value (the client's own words) is never expanded again, and values are inserted literally
 * (no `$&` replacement patterns). Client-facing text is rendered by `renderReadable`
 * (render-value.ts), which also keeps long free text out of the middle of a sentence.
 */
import { normaliseName, VARIABLE_NAME_SOURCE } from "./names";
import { allMatches } from "../text/matches";

export interface Placeholder {
  name: string;
  /** The placeholder as written, e.g. `{{ user_name }}`. */
  text: string;
  start: number;
  end: number;
  /** The text after `|`, trimmed (possibly empty); absent when the placeholder has none. */
  fallback?: string;
}

// `${...}` first, then `{{...}}`, then `{...}`, so the longest form wins at each position.
// A name is a Unicode identifier (`${用户称呼}`), optionally with `.field` parts; a fallback is any
// text after `|` up to the closing brace(s).
const NAME = String.raw`${VARIABLE_NAME_SOURCE}(?:\.[\p{ID_Continue}_]+)*`;
const PLACEHOLDER = new RegExp(
  String.raw`\$\{\s*(${NAME})\s*(?:\|([^}]*))?\}|\{\{\s*(${NAME})\s*(?:\|((?:(?!\}\})[^{])*))?\}\}|\{\s*(${NAME})\s*(?:\|([^{}]*))?\}`,
  "gu",
);

export function findPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const match of allMatches(text, PLACEHOLDER)) {
    const name = normaliseName(match[1] ?? match[3] ?? match[5] ?? "");
    const fallback = match[2] ?? match[4] ?? match[6];
    const placeholder: Placeholder = { name, text: match[0], start: match.index, end: match.index + match[0].length };
    if (fallback !== undefined) placeholder.fallback = fallback.trim();
    found.push(placeholder);
  }
  return found;
}

/** Whether a value counts as absent for a fallback: unset, null, or empty (blank) text or list. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  return Array.isArray(value) && value.length === 0;
}

/**
 * Renders `text`, replacing each placeholder by its value as it is (prompts and other text for the
 * model); an absent value renders as the placeholder's fallback, or "" without one.
 */
export function renderTemplate(text: string, lookup: (name: string) => unknown): string {
  return renderPlaceholders(text, (placeholder) => {
    const value = lookup(placeholder.name);
    return isEmptyValue(value) ? (placeholder.fallback ?? "") : formatValue(value);
  });
}

/** Replaces each placeholder of `text` by what `replace` returns for it, in one pass. */
export function renderPlaceholders(text: string, replace: (placeholder: Placeholder) => string): string {
  if (!text.includes("{")) return text;
  let out = "";
  let last = 0;
  for (const placeholder of findPlaceholders(text)) {
    out += text.slice(last, placeholder.start) + replace(placeholder);
    last = placeholder.end;
  }
  return out + text.slice(last);
}

/** How a variable's value reads inside a message. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return value.map(formatValue).join(", ");
  return JSON.stringify(value) ?? "";
}
