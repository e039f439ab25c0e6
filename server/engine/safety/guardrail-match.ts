/**
 * Matching the output guardrail's rules: a whole sentence (`checkOutput`), and how much of an
 * unfinished one no rule can reach any more (`releasableLength`). Pure.
 */
import { foldStreamingText } from "../text/normalise";
import { allMatches } from "../text/matches";
import { openMatchStart } from "./open-match";
import { RULES, type GuardrailViolation } from "./guardrail-rules";
import type { Hit } from "./guardrail-context";

/** Curly quotes and full-width forms would otherwise slip past the patterns. */
const normalise = foldStreamingText;

/** Where a rule's match lies, or has begun and the text so far cuts it short. */
const openRuleStart = openMatchStart(RULES.map((rule) => rule.pattern));

/**
 * Folding `text` from here gives the fold of what came before followed by the fold of the rest:
 * no character earlier can compose with these (ASCII, Han, CJK and full-width punctuation).
 */
function foldsApart(code: number): boolean {
  return code < 0x80 || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || code === 0x3001 || code === 0x3002 || (code >= 0xff01 && code <= 0xff5e);
}

/**
 * The normalised form of a text that grows at its end (a streamed sentence), folding only the new
 * part where that gives exactly what folding all of it would; anywhere else, all of it again.
 * Each delta then costs its own length, not the sentence's.
 */
export class GrowingFold {
  private raw = "";
  private folded = "";

  of(text: string): string {
    if (text === this.raw) return this.folded;
    const known = this.raw.length;
    if (known > 0 && text.length > known && text.startsWith(this.raw) && foldsApart(text.charCodeAt(known))) {
      let part = normalise(text.slice(known));
      // Runs of white space are one space: one ending the known part and one starting the new join.
      if (part.startsWith(" ") && this.folded.endsWith(" ")) part = part.slice(1);
      this.folded += part;
    } else {
      this.folded = normalise(text);
    }
    this.raw = text;
    return this.folded;
  }
}

/**
 * How many characters at the start of an unfinished sentence can be sent before it ends: those
 * before the earliest place where a rule's match lies or may lie once the sentence goes on (a
 * finished match counts too: its exemption may depend on what follows). Whatever the sentence
 * turns out to be, a violating match starts at or after this point.
 *
 * `from` (in normalised characters) skips places an earlier, shorter text of the same sentence
 * already ruled out: a place no match can start at stays so as the text grows. `fold` normalises
 * (a `GrowingFold` reuses the fold of the same sentence's earlier text).
 */
export function releasableLength(sentence: string, from = 0, fold: (text: string) => string = normalise): { length: number; reach: number } {
  // A combining mark in the next delta could still change the last letter (NFKC composes them),
  // and so whether a word boundary holds after it: only the part before it is judged.
  const stable = sentence.slice(0, unsettledTail(sentence));
  const normalised = fold(stable);
  const reach = openRuleStart(normalised, Math.min(from, normalised.length));
  if (normalised === stable) return { length: reach, reach };
  // Back to raw characters: the longest prefix whose normalised form fits before `reach`.
  let low = 0;
  let high = stable.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (normalise(stable.slice(0, mid)).length <= reach) low = mid;
    else high = mid - 1;
  }
  // A surrogate pair must not split.
  if (low > 0 && /[\uD800-\uDBFF]/.test(stable.charAt(low - 1))) low--;
  return { length: low, reach };
}

/**
 * Where the text's last letter and any marks after it begin (the text's length when it ends in
 * anything else): a letter can still compose with a mark that has not arrived. Han characters
 * never compose, so Chinese text is not held back for it.
 */
export function unsettledTail(text: string): number {
  // Read backwards from the end: only the last characters matter.
  let start = text.length;
  while (start > 0 && MARK.test(lastCodePoint(text, start))) start -= lastCodePoint(text, start).length;
  if (start > 0) {
    const letter = lastCodePoint(text, start);
    if (LETTER.test(letter)) return HAN.test(letter) ? text.length : start - letter.length;
  }
  return start;
}

const MARK = /^\p{M}$/u;
const LETTER = /^\p{L}$/u;
const HAN = /^\p{Script=Han}$/u;

/** The code point that ends at `end` (a whole surrogate pair, or one unit). */
function lastCodePoint(text: string, end: number): string {
  const low = text.charCodeAt(end - 1);
  const high = end >= 2 ? text.charCodeAt(end - 2) : 0;
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? text.slice(end - 2, end) : text.charAt(end - 1);
}

/** The first violation in `text`, or null when it is safe to send. */
export function checkOutput(text: string): GuardrailViolation | null {
  const normalised = normalise(text);
  for (const rule of RULES) {
    for (const found of allMatches(normalised, rule.pattern)) {
      const hit: Hit = { text: normalised, start: found.index, end: found.index + found[0].length, match: found[0] };
      if (!rule.exempt?.(hit)) return { category: rule.category, rule: rule.id, match: found[0], at: found.index };
    }
  }
  return null;
}
