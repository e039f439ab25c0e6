/**
 * YAML text → plain JSON-like values, recording the span of every key and value in a SourceMap.
 * Aliases are expanded here under a budget, so later stages only see a bounded tree.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, type Node, parseDocument, type YAMLError } from "yaml";
import { parseYamlFast } from "./fast-yaml";
import { guardFlowNesting } from "./input-guards";
import { MAX_ALIAS_COUNT, MAX_ALIAS_EXPANSION, MAX_NESTING_DEPTH } from "./limits";
import type { Reporter } from "./report";
import { childPath, type Span } from "./source-map";

/** Parses `text`; problems go to `report`. Returns undefined for an empty document. */
export function parseYaml(text: string, report: Reporter): unknown {
  const fast = parseYamlFast(text, report.map);
  if (fast) return fast.value;
  if (!guardFlowNesting(text, report)) return undefined;
  return parseYamlReference(text, report);
}

/** The reference path: slower, but reports every syntax problem and handles all of YAML. */
export function parseYamlReference(text: string, report: Reporter): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true, version: "1.2", schema: "core" });
  for (const error of doc.errors) reportYamlError(text, error, report, "error");
  for (const warning of doc.warnings) reportYamlError(text, warning, report, "warning");
  return new Converter(doc, report).root();
}

function reportYamlError(text: string, error: YAMLError, report: Reporter, kind: "error" | "warning"): void {
  const [start, rawEnd] = error.pos;
  // One line at most: a problem underlined over the rest of the file helps nobody.
  const lineEnd = text.indexOf("\n", start);
  const end = Math.min(rawEnd > start ? rawEnd : start + 1, lineEnd < 0 ? text.length : Math.max(lineEnd, start + 1));
  const span: Span = [start, Math.min(end, text.length)];
  const detail = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, "").trim();
  if (kind === "warning") {
    report.at("yaml-warning", "", span, sentence(detail));
    return;
  }
  switch (error.code) {
    case "DUPLICATE_KEY": {
      const keyEnd = keyEndAt(text, start);
      const name = text.slice(start, keyEnd).trim();
      report.at("duplicate-key", "", [start, keyEnd], `The key \`${name}\` appears more than once in this mapping; keep one of them.`);
      return;
    }
    case "MULTIPLE_DOCS":
      report.at("multiple-documents", "", span, "A script file holds one YAML document; remove this `---` separator or split the file.");
      return;
    case "RESOURCE_EXHAUSTION":
      report.at("nesting-too-deep", "", span, `The YAML nests too deeply to read (the limit is ${MAX_NESTING_DEPTH} levels).`);
      return;
    case "TAB_AS_INDENT":
      report.at("yaml-syntax", "", span, "Tabs cannot indent YAML; indent with spaces.");
      return;
    case "BAD_INDENT":
      report.at("yaml-syntax", "", span, `${sentence(detail)} Check this line's indentation against the lines above.`);
      return;
    case "BLOCK_AS_IMPLICIT_KEY":
      report.at(
        "yaml-syntax",
        "",
        span,
        "A value cannot start a nested `key: value` on the same line. Put the nested mapping on its own indented lines, or quote the text if it contains `: `.",
      );
      return;
    case "MULTILINE_IMPLICIT_KEY":
      report.at(
        "yaml-syntax",
        "",
        span,
        "This line is read as part of a key that spans several lines: a `:` is probably missing, or the indentation is off.",
      );
      return;
    default:
      report.at("yaml-syntax", "", span, sentence(detail));
  }
}

/** End of the mapping key that starts at `start`: its closing quote, or the `: ` after it. */
function keyEndAt(text: string, start: number): number {
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, start + 1);
    if (close > 0) return close + 1;
  }
  const match = /:(?:\s|$)|[\n,}\]]/.exec(text.slice(start, start + 1024));
  return match ? start + match.index : start + 1;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return "Invalid YAML.";
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

class Converter {
  private aliasCount = 0;
  private expanded = 0;
  private readonly sizes = new WeakMap<Node, number>();
  private readonly inProgress = new Set<Node>();
  private depthReported = false;
  private aliasReported = false;
  /** Span of the node converted last (its parent records it). */
  private span: Span = [0, 0];

  constructor(
    private readonly doc: Document.Parsed,
    private readonly report: Reporter,
  ) {}

  root(): unknown {
    const contents = this.doc.contents;
    if (!contents) return undefined;
    const value = this.convert(contents, "", 0, undefined);
    this.report.map.setRoot(value, this.span);
    return value;
  }

  private get text(): string {
    return this.report.map.text;
  }

  private convert(node: Node, path: string, depth: number, keySpan: Span | undefined): unknown {
    const span = spanOf(node, keySpan, this.text);
    this.span = span;
    if (depth > MAX_NESTING_DEPTH) {
      if (!this.depthReported) {
        this.depthReported = true;
        this.report.at("nesting-too-deep", path, span, `Values nest more than ${MAX_NESTING_DEPTH} levels deep here; a script never needs that many.`);
      }
      return null;
    }
    if (isScalar(node)) return plainScalar(node.value);
    if (isAlias(node)) {
      const value = this.convertAlias(node, path, depth, keySpan, span);
      this.span = span; // an alias is located where it is written
      return value;
    }
    if (isSeq(node)) {
      this.inProgress.add(node);
      const spans: number[] = [];
      const items = node.items.map((item, index) => {
        const value = item === null || item === undefined ? null : this.convert(item as Node, childPath(path, index), depth + 1, undefined);
        spans.push(this.span[0], this.span[1], -1, -1);
        return value;
      });
      this.inProgress.delete(node);
      this.report.map.setChildren(items, spans);
      this.span = span;
      return items;
    }
    if (isMap(node)) {
      this.inProgress.add(node);
      const object: Record<string, unknown> = {};
      const spans: number[] = [];
      const keys: string[] = [];
      const merges: Node[] = [];
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const valueNode = pair.value as Node | null;
        if (keyNode !== null && !isScalar(keyNode)) {
          this.report.at("complex-key", path, spanOf(keyNode, undefined, this.text), "Keys must be plain names; a list or mapping cannot be a key.");
          continue;
        }
        const key = keyNode === null ? "" : String(plainScalar(keyNode.value));
        if (key === "<<" && valueNode !== null) {
          merges.push(valueNode);
          continue;
        }
        const keyRange: Span = keyNode?.range ? spanOf(keyNode, span, this.text) : span;
        this.span = keyRange;
        const value = valueNode === null ? null : this.convert(valueNode, childPath(path, key), depth + 1, keyRange);
        record(object, spans, keys, key, value, this.span, keyRange);
      }
      for (const merge of merges) this.merge(object, spans, keys, merge, path, depth);
      this.inProgress.delete(node);
      this.report.map.setChildren(object, spans, keys);
      this.span = span;
      return object;
    }
    return null;
  }

  /** YAML merge keys (`<<: *defaults`): entries not written explicitly are copied in. */
  private merge(object: Record<string, unknown>, spans: number[], keys: string[], source: Node, path: string, depth: number): void {
    const sources = isSeq(source) ? (source.items as Node[]) : [source];
    for (const item of sources) {
      const value = this.convert(item, childPath(path, "<<"), depth + 1, undefined);
      const itemSpan = this.span;
      if (value === null || typeof value !== "object" || Array.isArray(value)) continue;
      for (const [key, entry] of Object.entries(value)) {
        if (!Object.hasOwn(object, key)) record(object, spans, keys, key, entry, itemSpan, itemSpan);
      }
    }
  }

  private convertAlias(node: Node, path: string, depth: number, keySpan: Span | undefined, span: Span): unknown {
    if (!isAlias(node)) return null;
    const target = node.resolve(this.doc) as Node | undefined;
    if (!target) return null; // the parser already reported the unknown anchor
    this.aliasCount++;
    if (this.inProgress.has(target)) {
      this.report.at("alias-limit", path, span, `The alias \`*${node.source}\` refers to a value that contains it, so it would never end.`);
      return null;
    }
    this.expanded += this.sizeOf(target);
    if (this.aliasCount > MAX_ALIAS_COUNT || this.expanded > MAX_ALIAS_EXPANSION) {
      if (!this.aliasReported) {
        this.aliasReported = true;
        const why =
          this.aliasCount > MAX_ALIAS_COUNT
            ? `more than ${MAX_ALIAS_COUNT} aliases`
            : `aliases that copy more than ${MAX_ALIAS_EXPANSION} values in total`;
        this.report.at("alias-limit", path, span, `The file uses ${why}; this is how "billion laughs" attacks work, so the rest are not expanded.`);
      }
      return null;
    }
    // Expanded afresh: spans inside point at the anchored text.
    return this.convert(target, path, depth, keySpan);
  }

  /** Number of values a node expands to, aliases included; memoised so bombs cost linear time. */
  private sizeOf(node: Node): number {
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    this.sizes.set(node, 1); // guards against cycles while counting
    let size = 1;
    if (isAlias(node)) {
      const target = node.resolve(this.doc) as Node | undefined;
      size = target ? this.sizeOf(target) : 1;
    } else if (isSeq(node)) {
      for (const item of node.items) if (item) size += this.sizeOf(item as Node);
    } else if (isMap(node)) {
      for (const pair of node.items) if (pair.value) size += 1 + this.sizeOf(pair.value as Node);
    }
    size = Math.min(size, Number.MAX_SAFE_INTEGER);
    this.sizes.set(node, size);
    return size;
  }
}

/** The node's text without the line break and indentation that YAML counts into block nodes. */
function spanOf(node: Node, fallback: Span | undefined, text: string): Span {
  const range = node.range;
  if (!range) return fallback ?? [0, 0];
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1] ?? "")) end--;
  if (end <= range[0] && fallback) return fallback;
  return [range[0], end];
}

/** Values the rest of the validator understands: JSON scalars only. */
function plainScalar(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  return String(value);
}

/** Adds an entry and its spans; a repeated key (already reported) replaces the first. */
function record(object: Record<string, unknown>, spans: number[], keys: string[], key: string, value: unknown, valueSpan: Span, keySpan: Span): void {
  let slot = spans.length;
  if (Object.hasOwn(object, key)) slot = keys.indexOf(key) * 4;
  else keys.push(key);
  setOwn(object, key, value);
  spans[slot] = valueSpan[0];
  spans[slot + 1] = valueSpan[1];
  spans[slot + 2] = keySpan[0];
  spans[slot + 3] = keySpan[1];
}

/** Sets a key without ever touching the prototype (a YAML key may be `__proto__`). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}
