/**
 * Where each value of a script came from: character spans keyed by canonical path, and the
 * conversion from offsets to 1-based line/column. Normalisation moves fields (aliases, fields
 * beside `config`), so canonical paths can be redirected to the raw path they were read from.
 */

/** `[start, end)` character offsets in the source text. */
export type Span = readonly [start: number, end: number];

/** 1-based, end exclusive. Stored on every node of a compiled script. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Entry {
  /** The mapping key that holds the value, when the value sits in a mapping. */
  key?: Span;
  value: Span;
}

const SIMPLE_KEY = /^[A-Za-z0-9_$-]+$/;
const simpleKeys = new Map<string, boolean>();

/** `parent.key`, `parent[0]` or `parent["odd key"]`; the root path is the empty string. */
export function childPath(parent: string, segment: string | number): string {
  if (typeof segment === "number") return `${parent}[${segment}]`;
  let simple = simpleKeys.get(segment);
  if (simple === undefined) {
    simple = SIMPLE_KEY.test(segment);
    if (simpleKeys.size < 5_000) simpleKeys.set(segment, simple);
  }
  if (simple) return parent === "" ? segment : `${parent}.${segment}`;
  return `${parent}[${JSON.stringify(segment)}]`;
}

export function formatPath(segments: readonly PropertyKey[]): string {
  let path = "";
  for (const segment of segments) path = childPath(path, typeof segment === "number" ? segment : String(segment));
  return path;
}

/** Splits a path made by childPath into keys and indexes; undefined when malformed. */
export function parsePath(path: string): (string | number)[] | undefined {
  const segments: (string | number)[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === ".") {
      i++;
      continue;
    }
    if (c === "[") {
      if (path[i + 1] === '"') {
        let j = i + 2;
        while (j < path.length && !(path[j] === '"' && path[j - 1] !== "\\" && path[j + 1] === "]")) j++;
        try {
          segments.push(JSON.parse(path.slice(i + 1, j + 1)) as string);
        } catch {
          return undefined;
        }
        i = j + 2;
      } else {
        const close = path.indexOf("]", i);
        if (close < 0) return undefined;
        segments.push(Number(path.slice(i + 1, close)));
        i = close + 1;
      }
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== "." && path[j] !== "[") j++;
    segments.push(path.slice(i, j));
    i = j;
  }
  return segments;
}

/** The path one level up, or undefined for the root. */
export function parentPath(path: string): string | undefined {
  if (path === "") return undefined;
  if (path.endsWith('"]')) {
    const open = path.lastIndexOf('["');
    return open >= 0 ? path.slice(0, open) : "";
  }
  if (path.endsWith("]")) return path.slice(0, path.lastIndexOf("["));
  const dot = path.lastIndexOf(".");
  const bracket = path.lastIndexOf("]");
  if (dot > bracket) return path.slice(0, dot);
  return bracket >= 0 ? path.slice(0, bracket + 1) : "";
}

export class SourceMap {
  /**
   * Spans live beside the parsed values instead of in one map keyed by path (150k string keys
   * cost more than the parse): each container has a flat list holding, per child in key/index
   * order, valueStart, valueEnd, keyStart, keyEnd (keyStart -1 when there is no key).
   */
  private readonly childSpans = new WeakMap<object, number[]>();
  /** Keys of each mapping in document order (`Object.keys` puts integer-like keys first). */
  private readonly childKeys = new WeakMap<object, string[]>();
  private root: unknown;
  private rootSpan: Span = [0, 0];
  private readonly redirects = new Map<string, string>();
  private lineStarts: number[] | undefined;

  constructor(readonly text: string) {}

  /** Records the parsed document's root value and its span. */
  setRoot(value: unknown, span: Span): void {
    this.root = value;
    this.rootSpan = span;
  }

  /** Records the spans of a list's items, or of a mapping's entries with its keys in document order. */
  setChildren(container: object, spans: number[], keys?: string[]): void {
    this.childSpans.set(container, spans);
    if (keys) this.childKeys.set(container, keys);
  }

  private spansOf(container: object): number[] | undefined {
    return this.childSpans.get(container);
  }

  /** The spans recorded for exactly `path` (no redirects, no fallbacks), if any. */
  entry(path: string): Entry | undefined {
    if (path === "") return this.root === undefined ? undefined : { value: this.rootSpan };
    const segments = parsePath(path);
    if (!segments) return undefined;
    let current: unknown = this.root;
    let found: Entry | undefined;
    for (const segment of segments) {
      if (typeof current !== "object" || current === null) return undefined;
      const spans = this.spansOf(current);
      if (!spans) return undefined;
      let index: number;
      if (Array.isArray(current)) {
        if (typeof segment !== "number" || segment >= current.length) return undefined;
        index = segment;
      } else {
        if (typeof segment !== "string" || !Object.hasOwn(current, segment)) return undefined;
        index = this.keyIndex(current, segment);
      }
      const slot = index * 4;
      if (slot + 3 >= spans.length) return undefined;
      const value: Span = [spans[slot]!, spans[slot + 1]!];
      found = spans[slot + 2]! >= 0 ? { value, key: [spans[slot + 2]!, spans[slot + 3]!] } : { value };
      current = (current as Record<string | number, unknown>)[segment];
    }
    return found;
  }

  private readonly keyIndexes = new WeakMap<object, Map<string, number>>();

  /** Position of `key` among the container's keys; indexed once for big mappings (lookups stay linear overall). */
  private keyIndex(container: object, key: string): number {
    let index = this.keyIndexes.get(container);
    if (!index) {
      const keys = this.childKeys.get(container) ?? [];
      if (keys.length <= 32) return keys.indexOf(key);
      index = new Map(keys.map((name, i) => [name, i]));
      this.keyIndexes.set(container, index);
    }
    return index.get(key) ?? -1;
  }

  /** Every recorded path, in document order (for tests and tools). */
  *paths(): Generator<string> {
    if (this.root === undefined) return;
    const stack: [unknown, string][] = [[this.root, ""]];
    yield "";
    while (stack.length > 0) {
      const [value, path] = stack.pop()!;
      if (typeof value !== "object" || value === null || !this.spansOf(value)) continue;
      const children: [unknown, string][] = Array.isArray(value)
        ? value.map((item, index) => [item, childPath(path, index)])
        : (this.childKeys.get(value) ?? []).map((key): [unknown, string] => [(value as Record<string, unknown>)[key], childPath(path, key)]);
      for (const [, child] of children) yield child;
      stack.push(...children.reverse());
    }
  }

  has(path: string): boolean {
    return this.entry(path) !== undefined;
  }

  /** Makes `canonicalPath` (and everything under it) resolve to `rawPath`. */
  redirect(canonicalPath: string, rawPath: string): void {
    if (canonicalPath !== rawPath) this.redirects.set(canonicalPath, rawPath);
  }

  /** The span of the value at `path`; for an absent value, the closest thing that exists. */
  valueSpan(path: string): Span {
    const found = this.find(path);
    if (found.exact) return found.entry.value;
    return this.missingChildSpan(found.entry);
  }

  /** The span of the key that holds `path` (for unknown fields, duplicates); falls back to the value. */
  keySpan(path: string): Span {
    const found = this.find(path);
    if (found.exact) return found.entry.key ?? this.headOf(found.entry.value);
    return this.missingChildSpan(found.entry);
  }

  /** The first line of the value at `path`: enough to point at a whole phase or action. */
  headSpan(path: string): Span {
    const found = this.find(path);
    if (!found.exact) return this.missingChildSpan(found.entry);
    return found.entry.key ?? this.headOf(found.entry.value);
  }

  /**
   * The span of `value.slice(from, to)` inside the scalar at `path` (a placeholder or a variable
   * in a condition). Exact when the source holds the text as written; otherwise the fragment is
   * searched in the raw source; failing that, the whole scalar.
   */
  spanWithin(path: string, value: string, from: number, to: number): Span {
    const whole = this.valueSpan(path);
    if (!this.find(path).exact) return whole;
    const raw = this.text.slice(whole[0], whole[1]);
    if (raw === value) return [whole[0] + from, whole[0] + to];
    if (raw.length === value.length + 2 && raw.slice(1, -1) === value) return [whole[0] + 1 + from, whole[0] + 1 + to];
    const fragment = value.slice(from, to);
    if (fragment === "") return whole;
    let occurrence = 0;
    for (let i = value.indexOf(fragment); i >= 0 && i < from; i = value.indexOf(fragment, i + 1)) occurrence++;
    let at = raw.indexOf(fragment);
    while (at >= 0 && occurrence > 0) {
      at = raw.indexOf(fragment, at + 1);
      occurrence--;
    }
    return at >= 0 ? [whole[0] + at, whole[0] + at + fragment.length] : whole;
  }

  range(span: Span): SourceRange {
    const start = this.position(span[0]);
    const end = this.position(Math.max(span[0], span[1]));
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  position(offset: number): { line: number; column: number } {
    const starts = (this.lineStarts ??= computeLineStarts(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }

  private find(path: string): { exact: boolean; entry: Entry } {
    for (let hops = 0; hops < 8; hops++) {
      const entry = this.entry(path);
      if (entry) return { exact: true, entry };
      const redirected = this.applyRedirect(path);
      if (redirected === undefined) break;
      path = redirected;
    }
    // Absent: walk up to the nearest value that exists in the source.
    for (let parent = parentPath(path); parent !== undefined; parent = parentPath(parent)) {
      const entry = this.entry(parent) ?? this.entryViaRedirect(parent);
      if (entry) return { exact: false, entry };
    }
    return { exact: false, entry: { value: [0, 0] } };
  }

  private entryViaRedirect(path: string): Entry | undefined {
    const redirected = this.applyRedirect(path);
    return redirected === undefined ? undefined : this.entry(redirected);
  }

  private applyRedirect(path: string): string | undefined {
    for (let prefix: string | undefined = path; prefix !== undefined; prefix = parentPath(prefix)) {
      const target = this.redirects.get(prefix);
      if (target !== undefined) return target + path.slice(prefix.length);
    }
    return undefined;
  }

  /** A missing field is reported on the key of its parent (`config:`) or the parent's first line. */
  private missingChildSpan(parent: Entry): Span {
    return parent.key ?? this.headOf(parent.value);
  }

  private headOf(span: Span): Span {
    const newline = this.text.indexOf("\n", span[0]);
    const lineEnd = newline < 0 || newline > span[1] ? span[1] : newline;
    return [span[0], Math.max(span[0], trimEndOffset(this.text, span[0], lineEnd))];
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function trimEndOffset(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
  return end;
}
