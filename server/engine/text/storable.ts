/**
 * Text Postgres can store. Postgres refuses two things a JavaScript string may hold:
 *
 * - NUL (U+0000), in `text` columns and in `jsonb` alike;
 * - an unpaired UTF-16 surrogate (half of an emoji, as phone keyboards and cut-off strings leave
 *   them): it has no UTF-8 form, JSON carries it as `"\udXXX"`, which `jsonb` refuses, and a plain
 *   text parameter silently becomes U+FFFD on its way to the database.
 *
 * Every text input goes through this module, one of two ways:
 *
 * - **cleaned** (`cleanText`, `cleanString`): a client's chat message (and the studio's try-it
 *   message, which stands for one). NUL is dropped and an unpaired surrogate becomes U+FFFD, so
 *   the message is kept and stored: a crisis message must never be refused or lost.
 * - **refused** (`storableString`, `unstorableProblem`): everything else (ids, paths, YAML, notes,
 *   emails, passwords, prompt wording, try-it values, files in a zip). The answer is a 400 whose
 *   message names the field and where the character is, before anything runs.
 *
 * `storableJson` is the last line: JSON about to be stored loses what `jsonb` would refuse, so a
 * model's reply (never an input) cannot make a turn unstorable either.
 */
import { z } from "zod";

/** Any code unit that may be a problem: a fast scan before the exact one. */
const SUSPECT = /[\0\ud800-\udfff]/;
/** NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/**
 * In JSON.stringify's output (which escapes every NUL as `\u0000` and every unpaired surrogate as
 * `\udXXX`, and never a paired one): those escapes, when not themselves escaped (`\\u0000` is the
 * six characters `\u0000`).
 */
const UNSTORABLE_JSON_ESCAPE = /(?<=(?:^|[^\\])(?:\\\\)*)\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})/g;

export const REPLACEMENT_CHARACTER = "\ufffd";

export interface UnstorableCharacter {
  kind: "nul" | "unpaired-surrogate";
  /** Offset in UTF-16 code units. */
  index: number;
  codeUnit: number;
  /** 1-based line and column (UTF-16 code units, as editors count them). */
  line: number;
  column: number;
}

/** True when Postgres can store the text as it is. */
export function isStorable(text: string): boolean {
  return !SUSPECT.test(text) || !UNSTORABLE.test(text);
}

/** The first character Postgres would refuse, and where it is; undefined when there is none. */
export function findUnstorable(text: string): UnstorableCharacter | undefined {
  if (!SUSPECT.test(text)) return undefined;
  const match = UNSTORABLE.exec(text);
  if (!match) return undefined;
  const index = match.index;
  const before = text.slice(0, index);
  const lastBreak = before.lastIndexOf("\n");
  let line = 1;
  for (let at = before.indexOf("\n"); at !== -1; at = before.indexOf("\n", at + 1)) line++;
  return {
    kind: match[0] === "\0" ? "nul" : "unpaired-surrogate",
    index,
    codeUnit: text.charCodeAt(index),
    line,
    column: index - lastBreak,
  };
}

/** A client's words, made storable: NUL dropped, an unpaired surrogate replaced by U+FFFD. Anything else is kept as is. */
export function cleanText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replaceAll("\0", "").replace(LONE_SURROGATES, REPLACEMENT_CHARACTER);
}

function hex(codeUnit: number): string {
  return `U+${codeUnit.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Why `text` cannot be stored, as a sentence starting with `subject` ("sessions/a.yaml contains a
 * NUL character (U+0000) at line 2, column 21, which cannot be stored."); undefined when it can.
 * Never quotes the text itself.
 */
export function unstorableProblem(text: string, subject: string): string | undefined {
  const found = findUnstorable(text);
  if (!found) return undefined;
  const what =
    found.kind === "nul"
      ? "a NUL character (U+0000)"
      : `an unpaired surrogate (${hex(found.codeUnit)}, half of a character such as an emoji)`;
  const where = text.includes("\n") ? `line ${found.line}, column ${found.column}` : `character ${found.index + 1}`;
  return `${subject} contains ${what} at ${where}, which cannot be stored.`;
}

/** JSON.stringify, minus what `jsonb` refuses: escaped NULs are dropped, escaped unpaired surrogates become U+FFFD. */
export function storableJson(value: unknown): string {
  const json = JSON.stringify(value) ?? "null";
  if (!json.includes("\\u")) return json;
  return json.replace(UNSTORABLE_JSON_ESCAPE, (_escape, code: string) => (code === "0000" ? "" : "\\ufffd"));
}

// --- zod ------------------------------------------------------------------------------------------

/** A field's path as people read it: `message.id`, `overrides["odd key"]`, `stack[0].topicId`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let shown = "";
  for (const key of path) {
    if (typeof key === "number") shown += `[${key}]`;
    else if (typeof key === "string" && /^[\p{ID_Start}_$][\p{ID_Continue}_$]*$/u.test(key)) shown += shown ? `.${key}` : key;
    // JSON.stringify escapes the very characters this module is about, so the key is safe to show.
    else shown += `[${JSON.stringify(String(key).slice(0, 64))}]`;
  }
  return shown;
}

/** Set on the issues of `storableString`: their message already names the field. */
export const NAMES_FIELD = "namesField";

/**
 * A string Postgres can store, else an issue naming the field and where the character is
 * ("yaml contains a NUL character (U+0000) at line 2, column 16, which cannot be stored. …").
 * Chain the usual checks after it: `storableString().min(1).max(64)`.
 */
export function storableString(): z.ZodString {
  return z.string().refine(isStorable, {
    abort: true,
    params: { [NAMES_FIELD]: true },
    error: (issue) => {
      const subject = issue.path?.length ? fieldPath(issue.path) : "The text";
      const problem = typeof issue.input === "string" ? unstorableProblem(issue.input, subject) : undefined;
      return `${problem ?? `${subject} contains a character that cannot be stored.`} Remove it and try again.`;
    },
  });
}

/** A string with NUL dropped and unpaired surrogates replaced (a client's words: kept, never refused). */
export function cleanString(): z.ZodString {
  return z.string().overwrite(cleanText);
}
