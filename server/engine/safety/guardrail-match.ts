/**
 * Matching the output guardrail's rules: a whole sentence (`checkOutput`), and how much of an
 * unfinished one no rule can reach any more (`releasableLength`). Pure.
 */
import { foldStreamingText } from "../text/normalize";
import { openEndedUnion } from "./open-match";
import { RULES, type GuardrailViolation } from "./guardrail-rules";
import type { Hit } from "./guardrail-context";

/** Curly quotes and full-width forms would otherwise slip past the patterns. */
const normalise = foldStreamingText;

/** The rules' patterns, also matching where a match has begun that the text so far cuts short. */
const OPEN_PATTERNS: readonly RegExp[] = openEndedUnion(RULES.map((rule) => rule.pattern));

/**
 * How many characters at the start of an unfinished sentence can be sent before it ends: those
 * before the earliest place where a rule's match lies or may lie once the sentence goes on (a
 * finished match counts too: its exemption may depend on what follows). Whatever the sentence
 * turns out to be, a violating match starts at or after this point.
 *
 * `from` (in normalised characters) skips places an earlier, shorter text of the same sentence
 * already ruled out: a place no match can start at stays so as the text grows.
 */
export function releasableLength(sentence: string, from = 0): { length: number; reach: number } {
  // A combining mark in the next delta could still change the last letter (NFKC composes them),
  // and so whether a word boundary holds after it: only the part before it is judged.
  const stable = sentence.slice(0, unsettledTail(sentence));
  const normalised = normalise(stable);
  let reach = normalised.length;
  for (const pattern of OPEN_PATTERNS) {
    pattern.lastIndex = Math.min(from, reach);
    const found = pattern.exec(normalised);
    if (found && found.index < reach) reach = found.index;
  }
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
function unsettledTail(text: string): number {
  const tail = /\p{L}\p{M}*$|\p{M}+$/u.exec(text);
  if (!tail || /^\p{Script=Han}/u.test(tail[0])) return text.length;
  return tail.index;
}

/** The first violation in `text`, or null when it is safe to send. */
export function checkOutput(text: string): GuardrailViolation | null {
  const normalised = normalise(text);
  for (const rule of RULES) {
    for (const found of normalised.matchAll(rule.pattern)) {
      const hit: Hit = { text: normalised, start: found.index, end: found.index + found[0].length, match: found[0] };
      if (!rule.exempt?.(hit)) return { category: rule.category, rule: rule.id, match: found[0], at: found.index };
    }
  }
  return null;
}
