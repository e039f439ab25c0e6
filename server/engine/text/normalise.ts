/**
 * The one text normaliser. Everything that interprets what a person wrote (the risk detector and
 * its classifier, the output guardrail, the answer interpreter) reads text through here, so that
 * "抑鬱" and "抑郁", "ＯＫ" and "OK", "I’m" and "I'm" are the same to all of them.
 *
 * Two views of one folding:
 * - `normaliseForMatching`: exactly as long as the input, so a regex match offset is also an offset
 *   into what the client wrote (evidence spans). Case is kept: rules compile case-insensitive.
 * - `foldText`: for models and comparisons, where offsets do not matter: also applies NFKC, drops
 *   zero-width and soft-hyphen characters (used to dodge filters: "ki\u200bll"), lowercases and
 *   collapses spaces. `foldStreamingText` is the same for text still arriving, case and edges kept.
 */
import { Converter } from "opencc-js/t2cn";

/** Apostrophe look-alikes (curly, modifier letter, prime, backtick) all become `'`. */
const APOSTROPHES = new Set([0x2019, 0x2018, 0x02bc, 0x2032, 0x0060]);

/** Characters that render as nothing and only split words. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g;

let traditionalToSimplified: ReadonlyMap<number, number> | undefined;

/**
 * Traditional (Hong Kong and Taiwan usage) → Simplified, one character for one character, built once
 * from OpenCC's dictionaries. Phrase-level conversions are left out on purpose: they can change the
 * length, and the classifier and rules only need characters to agree.
 */
function traditionalMap(): ReadonlyMap<number, number> {
  if (traditionalToSimplified) return traditionalToSimplified;
  const convert = Converter({ from: "hk", to: "cn" });
  const map = new Map<number, number>();
  for (const [first, last] of [
    [0x3400, 0x9fff],
    [0xf900, 0xfaff],
  ] as const) {
    const chars: string[] = [];
    for (let code = first; code <= last; code++) chars.push(String.fromCharCode(code));
    // One character per line keeps phrase rules from joining neighbours.
    const converted = convert(chars.join("\n")).split("\n");
    if (converted.length !== chars.length) continue;
    chars.forEach((char, index) => {
      const out = converted[index];
      if (out && out.length === 1 && out !== char) map.set(char.charCodeAt(0), out.charCodeAt(0));
    });
  }
  // 著 is mostly 着 in Traditional running text; OpenCC keeps it (it is also a Simplified character).
  map.set("著".charCodeAt(0), "着".charCodeAt(0));
  traditionalToSimplified = map;
  return map;
}

function foldUnit(code: number, map: ReadonlyMap<number, number>): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000) return 0x20;
  if (APOSTROPHES.has(code)) return 0x27;
  if (code >= 0x3400) return map.get(code) ?? code;
  return code;
}

/**
 * Returns a string of exactly `text.length` code units: fullwidth ASCII folded to ASCII (so
 * `，！？` act like `,!?`), apostrophe variants unified, Traditional characters mapped to Simplified.
 */
export function normaliseForMatching(text: string): string {
  const map = traditionalMap();
  // Most text needs no change: nothing is built until the first unit that folds.
  let first = 0;
  while (first < text.length && foldUnit(text.charCodeAt(first), map) === text.charCodeAt(first)) first++;
  if (first === text.length) return text;
  let out = text.slice(0, first);
  const units: number[] = [];
  for (let i = first; i < text.length; i++) {
    units.push(foldUnit(text.charCodeAt(i), map));
    // Chunked to stay clear of argument-count limits on very long messages.
    if (units.length === 8192) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode(...units);
}

/** NFKC (full-width forms, ligatures, composed accents), no invisible characters, then the matching form. */
function fold(text: string): string {
  return normaliseForMatching(text.normalize("NFKC").replace(INVISIBLE, "")).replace(/[\u201c\u201d]/g, '"');
}

/** The folded form for models and comparisons: lower case, single spaces, trimmed. */
export function foldText(text: string): string {
  return fold(text).toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * The folded form of text that is still arriving (a streamed reply): case and edges kept, so the
 * folded form of a prefix is a prefix of the folded whole, and a folded length maps back to a
 * length of the original.
 */
export function foldStreamingText(text: string): string {
  return fold(text).replace(/\s+/g, " ");
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const LATIN_WORD = /[a-z]{2}/i;

/** Which rule languages can possibly match: a rule cannot match text without its script. */
export function scriptsPresent(text: string): { en: boolean; zh: boolean } {
  return { en: LATIN_WORD.test(text), zh: CJK.test(text) };
}

const CJK_CHARS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const LATIN_WORDS = /[a-z]{2,}/gi;

/**
 * The language most of a message is written in: Chinese characters against Latin words (pinyin
 * counts as Latin). A message with neither (digits, emoji) takes the hint.
 */
export function mainLanguage(text: string, hint: "en" | "zh" = "en"): "en" | "zh" {
  const chinese = text.match(CJK_CHARS)?.length ?? 0;
  const latin = text.match(LATIN_WORDS)?.length ?? 0;
  if (chinese === 0 && latin === 0) return hint;
  // About two Chinese characters carry what one English word does.
  return chinese / 2 >= latin ? "zh" : "en";
}
