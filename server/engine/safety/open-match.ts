/**
 * "Could a match still start here?" for streamed text. `openEnded(pattern)` builds a pattern that
 * matches wherever `pattern` matches, and also wherever a match has begun that the end of the
 * text cut short: every atom may instead stop at the end of the text. Its first match in a
 * partial text is therefore the earliest place where a match of `pattern` may lie in any
 * continuation of it; everything before that place can be released. Pure.
 *
 * The result only ever accepts more than the exact answer: a negative lookahead is dropped (it
 * could fail on text not yet seen), so holding back too much is possible and too little is not.
 */
import { parseRegExpLiteral, type AST } from "@eslint-community/regexpp";

/** Either this node's own text, or the end of the text. */
const orEnd = (source: string) => `(?:${source}|$)`;

function open(node: AST.Node): string {
  switch (node.type) {
    case "Pattern":
    case "Group":
    case "CapturingGroup":
      if (node.type === "Group" && node.modifiers) throw new Error(`openEnded: inline modifiers are not supported (${node.raw})`);
      return `(?:${node.alternatives.map(open).join("|")})`;
    case "Alternative":
      // Once one element stopped at the end, every later one can stop there too (each matches empty at the end).
      return node.elements.map(open).join("");
    case "Quantifier":
      return `(?:${open(node.element)})${node.raw.slice(node.element.raw.length)}`;
    case "Character":
    case "CharacterSet":
    case "CharacterClass":
    case "ExpressionCharacterClass":
      return orEnd(node.raw);
    case "Assertion":
      if (node.kind === "lookahead") return node.negate ? "" : `(?=${node.alternatives.map(open).join("|")})`;
      // After an element that stopped at the end, `\b`, `^`, `$` and lookbehinds would be tested
      // on a text that is not the one the continuation will give them.
      return orEnd(node.raw);
    default:
      throw new Error(`openEnded: ${node.type} is not supported (${node.raw})`);
  }
}

/** The source of `pattern`, opened as above (flags are the caller's). */
function openSource(pattern: RegExp): string {
  return open(parseRegExpLiteral(pattern).pattern);
}

const searchFlags = (pattern: RegExp) => `${pattern.flags.replace(/[gy]/g, "")}g`;

/** A global copy of `pattern` (same case and Unicode flags) that also matches cut-short matches. */
export function openEnded(pattern: RegExp): RegExp {
  return new RegExp(openSource(pattern), searchFlags(pattern));
}

/**
 * The patterns opened and joined into one search per set of flags: its first match is the
 * earliest of any of them, found in one pass over the text instead of one pass per pattern.
 */
export function openEndedUnion(patterns: readonly RegExp[]): RegExp[] {
  const byFlags = new Map<string, string[]>();
  for (const pattern of patterns) {
    const flags = searchFlags(pattern);
    const sources = byFlags.get(flags) ?? [];
    sources.push(openSource(pattern));
    byFlags.set(flags, sources);
  }
  return [...byFlags].map(([flags, sources]) => new RegExp(sources.join("|"), flags));
}

/** The atoms that may consume a match's first character, and whether the node may match empty. */
function firstAtoms(node: AST.Node): { atoms: string[]; nullable: boolean } {
  switch (node.type) {
    case "Pattern":
    case "Group":
    case "CapturingGroup": {
      const each = node.alternatives.map(firstAtoms);
      return { atoms: each.flatMap((e) => e.atoms), nullable: each.some((e) => e.nullable) };
    }
    case "Alternative": {
      const atoms: string[] = [];
      for (const element of node.elements) {
        const first = firstAtoms(element);
        atoms.push(...first.atoms);
        if (!first.nullable) return { atoms, nullable: false };
      }
      return { atoms, nullable: true };
    }
    case "Quantifier": {
      const first = firstAtoms(node.element);
      return { atoms: first.atoms, nullable: first.nullable || node.min === 0 };
    }
    case "Character":
    case "CharacterSet":
    case "CharacterClass":
    case "ExpressionCharacterClass":
      return { atoms: [node.raw], nullable: false };
    case "Assertion":
      // Zero-width: it only narrows where a match starts, and leaving it out only widens that.
      return { atoms: [], nullable: true };
    default:
      throw new Error(`openEnded: ${node.type} is not supported (${node.raw})`);
  }
}

/**
 * The earliest place at or after `from` where a match of any of `patterns` may lie in any
 * continuation of `text` (the text's length when there is none): the first match of
 * `openEndedUnion(patterns)` from `from`. Before the end of the text a match must consume a
 * character its pattern can begin with; a joined pattern none of whose first characters occur
 * in the text from `from` on is not run (English text skips the Chinese rules and the other way
 * round: the joined patterns cost about a microsecond a place, a character class far less).
 */
export function openMatchStart(patterns: readonly RegExp[]): (text: string, from: number) => number {
  const byFlags = new Map<string, { sources: string[]; atoms: string[]; nullable: boolean }>();
  for (const pattern of patterns) {
    const flags = searchFlags(pattern);
    const group = byFlags.get(flags) ?? { sources: [], atoms: [], nullable: false };
    const ast = parseRegExpLiteral(pattern).pattern;
    const first = firstAtoms(ast);
    group.sources.push(open(ast));
    group.atoms.push(...first.atoms);
    group.nullable ||= first.nullable;
    byFlags.set(flags, group);
  }
  const searches = [...byFlags].map(([flags, group]) => ({
    union: new RegExp(group.sources.join("|"), flags),
    starts: group.nullable ? null : new RegExp([...new Set(group.atoms)].join("|"), flags),
  }));
  return (text, from) => {
    let earliest = text.length;
    for (const { union, starts } of searches) {
      if (starts) {
        starts.lastIndex = from;
        if (!starts.test(text)) continue;
      }
      union.lastIndex = Math.min(from, earliest);
      const found = union.exec(text);
      if (found && found.index < earliest) earliest = found.index;
    }
    return earliest;
  };
}
