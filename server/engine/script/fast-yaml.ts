/**
 * Fast path for reading YAML with positions. The `yaml` package (the reference path in
 * parse-yaml.ts) needs ~250 ms for a 1 MB script; js-yaml needs ~25 ms but keeps no positions,
 * so positions are recovered from its open/close node events.
 *
 * The fast path only accepts what it can prove it read the same way: plain, quoted and block
 * scalars, block and flow collections, comments. Anchors, aliases, tags, explicit `?` keys,
 * merge keys, any js-yaml error (syntax, duplicate keys, several documents) and any event
 * sequence that does not match the loaded structure make it give up, and the reference path
 * (which reports every problem precisely) runs instead. Plain scalars are resolved with the
 * `yaml` package's own core-schema tags, so both paths produce identical values.
 */
import jsyaml from "js-yaml";
import { isScalar, Schema, type ScalarTag } from "yaml";
import { MAX_NESTING_DEPTH } from "./limits";
import type { SourceMap, Span } from "./source-map";

interface Frame {
  open: number;
  close: number;
  kind: string | null;
  plain: boolean;
  result: unknown;
  /** Nested nodes; null for leaves (most nodes), to spare an allocation each. */
  children: Frame[] | null;
}

const NO_CHILDREN: readonly Frame[] = [];
const childrenOf = (frame: Frame): readonly Frame[] => frame.children ?? NO_CHILDREN;

class GiveUp extends Error {}

const CORE_TAGS = new Schema({ schema: "core" }).tags.filter(
  (tag): tag is ScalarTag => !("collection" in tag && tag.collection) && tag.default === true && tag.test !== undefined,
);

/** Parses `text` and records spans in `map`; returns undefined (touching nothing) when it cannot be sure. */
export function parseYamlFast(text: string, map: SourceMap): { value: unknown } | undefined {
  const stack: Frame[] = [];
  let root: Frame | undefined;
  // js-yaml drops a leading byte-order mark, which shifts its positions by one.
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  try {
    const options: jsyaml.LoadOptions & { maxDepth: number } = {
      schema: jsyaml.FAILSAFE_SCHEMA,
      // Deeper input goes to the reference path, which reports it.
      maxDepth: MAX_NESTING_DEPTH * 2 + 4,
      listener(event, state) {
        if (event === "open") {
          stack.push({ open: state.position + shift, close: 0, kind: null, plain: false, result: undefined, children: null });
          return;
        }
        const frame = stack.pop();
        if (!frame) throw new GiveUp();
        frame.close = state.position + shift;
        frame.kind = state.kind;
        frame.result = state.result;
        frame.plain = (state as unknown as { tag: string | null }).tag === "?";
        const parent = stack.at(-1);
        if (parent) (parent.children ??= []).push(frame);
        else root = frame;
      },
    };
    jsyaml.load(text, options);
  } catch {
    return undefined;
  }
  if (!root || unwrap(root).kind === null) return { value: undefined }; // only comments, or nothing
  try {
    // Spans recorded before giving up belong to discarded values; the root is set only on success.
    const builder = new Builder(text, map);
    const value = builder.node(root, 0, -1, -1);
    map.setRoot(value, builder.span);
    return { value };
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

class Builder {
  /** Span of the node built last (its parent records it); two numbers, not a tuple, to spare allocations. */
  spanStart = 0;
  spanEnd = 0;

  get span(): Span {
    return [this.spanStart, this.spanEnd];
  }

  constructor(
    private readonly text: string,
    private readonly map: SourceMap,
  ) {}

  node(frame: Frame, depth: number, keyStart: number, keyEnd: number): unknown {
    frame = unwrap(frame);
    if (depth > MAX_NESTING_DEPTH) throw new GiveUp();
    const start = this.contentStart(frame.open, frame.close);
    const first = this.text[start];
    if (first === "&" || first === "*" || first === "!") throw new GiveUp();
    if (frame.kind === "mapping") return this.mapping(frame, depth, start);
    if (frame.kind === "sequence") return this.sequence(frame, depth, start);
    if (frame.children) throw new GiveUp();
    if (frame.kind === null || start >= frame.close) {
      // An empty value (`key:` with nothing after it) is located at its key, as the reference path does.
      if (keyStart >= 0) this.setSpan(keyStart, keyEnd);
      else this.setSpan(start, start);
      return null;
    }
    if (frame.kind !== "scalar" || typeof frame.result !== "string") throw new GiveUp();
    this.setSpan(start, this.trimEnd(start, frame.close));
    return frame.plain ? resolvePlain(frame.result) : frame.result;
  }

  private mapping(frame: Frame, depth: number, start: number): Record<string, unknown> {
    const result = frame.result;
    if (typeof result !== "object" || result === null || Array.isArray(result)) throw new GiveUp();
    const expectedCount = Object.keys(result).length;
    const flow = this.text[start] === "{";
    const object: Record<string, unknown> = {};
    const spans: number[] = [];
    const keys: string[] = [];
    const children = childrenOf(frame);
    let end = start;
    let index = 0;
    let keyIndex = 0;
    while (index < children.length) {
      const keyFrame = unwrap(children[index]!);
      if (keyFrame.kind === null && !keyFrame.children && this.contentStart(keyFrame.open, keyFrame.close) >= keyFrame.close) {
        index++; // an empty probe where a key could start (e.g. before a `...` document end)
        continue;
      }
      if (keyFrame.kind !== "scalar" || typeof keyFrame.result !== "string") throw new GiveUp();
      const keyStart = this.contentStart(keyFrame.open, keyFrame.close);
      if (this.text[keyStart] === "?" || "&*!".includes(this.text[keyStart] ?? "")) throw new GiveUp();
      const keyEnd = this.trimEnd(keyStart, keyFrame.close);
      const key = String(keyFrame.plain ? resolvePlain(keyFrame.result) : keyFrame.result);
      if (key === "<<" || !Object.hasOwn(result, key) || Object.hasOwn(object, key)) throw new GiveUp();
      keyIndex++;
      keys.push(key);
      const hasValue = this.text[this.skipSpaces(keyFrame.close)] === ":";
      let value: unknown = null;
      if (hasValue) {
        const valueFrame = children[index + 1];
        if (!valueFrame) throw new GiveUp();
        value = this.node(valueFrame, depth + 1, keyStart, keyEnd);
        index += 2;
      } else {
        if (!flow) throw new GiveUp();
        this.setSpan(keyStart, keyEnd);
        index += 1;
      }
      spans.push(this.spanStart, this.spanEnd, keyStart, keyEnd);
      if (this.spanEnd > end) end = this.spanEnd;
      setOwn(object, key, value);
    }
    if (keyIndex !== expectedCount) throw new GiveUp();
    this.map.setChildren(object, spans, keys);
    this.setSpan(start, flow ? this.trimEnd(start, frame.close) : end);
    return object;
  }

  private sequence(frame: Frame, depth: number, start: number): unknown[] {
    const result = frame.result;
    const children = childrenOf(frame);
    if (!Array.isArray(result) || children.length !== result.length) throw new GiveUp();
    const flow = this.text[start] === "[";
    let end = start;
    const spans: number[] = [];
    const items = children.map((child) => {
      const value = this.node(child, depth + 1, -1, -1);
      spans.push(this.spanStart, this.spanEnd, -1, -1);
      if (this.spanEnd > end) end = this.spanEnd;
      return value;
    });
    this.map.setChildren(items, spans);
    this.setSpan(start, flow ? this.trimEnd(start, frame.close) : end);
    return items;
  }

  private setSpan(start: number, end: number): void {
    this.spanStart = start;
    this.spanEnd = end;
  }

  /** First character of a node's content: after spaces, line breaks and comments. */
  private contentStart(from: number, limit: number): number {
    const text = this.text;
    let i = from;
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) i++;
      else if (c === 0x23 /* # */) {
        const newline = text.indexOf("\n", i);
        i = newline < 0 ? limit : newline + 1;
      } else break;
    }
    return Math.min(i, limit);
  }

  private skipSpaces(from: number): number {
    let i = from;
    while (this.text[i] === " " || this.text[i] === "\t") i++;
    return i;
  }

  private trimEnd(start: number, end: number): number {
    while (end > start && /\s/.test(this.text[end - 1] ?? "")) end--;
    return end;
  }
}

/** js-yaml reports some nodes twice (a block attempt wrapping the node it found): keep the inner one. */
function unwrap(frame: Frame): Frame {
  while (frame.children?.length === 1 && frame.children[0]!.result === frame.result && frame.children[0]!.kind === frame.kind) {
    frame = frame.children[0]!;
  }
  return frame;
}

const resolved = new Map<string, unknown>();

/** Resolves a plain scalar exactly as the `yaml` package's core schema does. */
function resolvePlain(source: string): unknown {
  // Only these first characters can start a null, bool or number in the core schema.
  if (source === "" || !/^[-+.0-9~nNtTfF]/.test(source)) return source === "" ? null : source;
  const known = resolved.get(source);
  if (known !== undefined || resolved.has(source)) return known;
  let value: unknown = source;
  const tag = CORE_TAGS.find((candidate) => candidate.test?.test(source));
  if (tag) {
    const result: unknown = tag.resolve(source, () => undefined, { intAsBigInt: false });
    value = isScalar(result) ? result.value : result;
  }
  if (resolved.size < 10_000) resolved.set(source, value);
  return value;
}

function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}
