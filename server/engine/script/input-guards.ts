/**
 * Cheap checks that run before the YAML parser, so hostile input (huge files, binary junk,
 * bracket bombs) is turned away in linear time instead of exhausting the parser.
 */
import { MAX_CONTROL_CHAR_RATIO, MAX_NESTING_DEPTH, MAX_SCRIPT_BYTES } from "./limits";
import type { Reporter } from "./report";

/** Returns false when the text must not be parsed; the reason is reported. */
export function guardInput(text: string, report: Reporter): boolean {
  const bytes = utf8Length(text);
  if (bytes > MAX_SCRIPT_BYTES) {
    report.at(
      "source-too-large",
      "",
      [0, 0],
      `The file is ${formatBytes(bytes)}; scripts may be at most ${formatBytes(MAX_SCRIPT_BYTES)}. Split it into several scripts or techniques.`,
    );
    return false;
  }
  const binaryAt = findBinary(text);
  if (binaryAt !== undefined) {
    const code = text.charCodeAt(binaryAt);
    report.at(
      "binary-content",
      "",
      [binaryAt, binaryAt + 1],
      `This does not look like a text file: it contains control character U+${code.toString(16).toUpperCase().padStart(4, "0")}. Save the script as UTF-8 text.`,
    );
    return false;
  }
  return true;
}

/**
 * Run before the reference YAML parser only (the fast parser has its own depth limit): brackets
 * nested far too deep would exhaust the reference parser's stack before it can report them.
 */
export function guardFlowNesting(text: string, report: Reporter): boolean {
  const deep = findDeepFlowNesting(text);
  if (deep !== undefined) {
    report.at(
      "nesting-too-deep",
      "",
      [deep, deep + 1],
      `Brackets nest more than ${MAX_NESTING_DEPTH} levels deep here; a script never needs that many.`,
    );
    return false;
  }
  return true;
}

/** UTF-8 byte length; a native scan settles the common all-ASCII case. */
function utf8Length(text: string): number {
  if (text.length > MAX_SCRIPT_BYTES) return text.length;
  if (!/[^\x00-\x7f]/.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]/g;

/** Offset of the first NUL, or of the first control character when there are too many of them. */
function findBinary(text: string): number | undefined {
  CONTROL.lastIndex = 0;
  const firstMatch = CONTROL.exec(text);
  if (!firstMatch) return undefined;
  const first = firstMatch.index;
  const nul = text.indexOf("\0");
  if (nul >= 0) return nul;
  let controls = 1;
  while (CONTROL.exec(text)) controls++;
  return controls > Math.max(8, text.length * MAX_CONTROL_CHAR_RATIO) ? first : undefined;
}

/**
 * Offset where `[`/`{` nesting first exceeds four times MAX_NESTING_DEPTH (the exact limit is
 * checked after parsing). Quotes and comments are skipped roughly; the margin absorbs the rest.
 */
function findDeepFlowNesting(text: string): number | undefined {
  if (text.indexOf("[") < 0 && text.indexOf("{") < 0) return undefined;
  const limit = MAX_NESTING_DEPTH * 4;
  let depth = 0;
  let previous = 0x0a;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const afterSpace = previous === 0x20 || previous === 0x09 || previous === 0x0a;
    if (c === 0x23 /* # */ && afterSpace) {
      const end = text.indexOf("\n", i);
      if (end < 0) break;
      i = end;
      previous = 0x0a;
      continue;
    }
    if ((c === 0x22 || c === 0x27) /* " ' */ && (afterSpace || previous === 0x5b || previous === 0x7b || previous === 0x2c)) {
      const end = skipQuoted(text, i);
      if (end < 0) break;
      i = end;
    } else if (c === 0x5b || c === 0x7b /* [ { */) {
      if (++depth > limit) return i;
    } else if ((c === 0x5d || c === 0x7d) /* ] } */ && depth > 0) depth--;
    previous = c;
  }
  return undefined;
}

function skipQuoted(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote === 0x22 && c === 0x5c /* \\ */) i++;
    else if (c === quote) {
      if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27) i++;
      else return i;
    }
  }
  return -1;
}
