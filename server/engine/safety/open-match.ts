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
