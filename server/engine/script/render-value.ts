/**
 * Text that reads well: how a variable's value is placed into client-facing script text.
 *
 * - Where a placeholder sits: `inline` (text before it in its sentence, or after it), `standalone`
 *   (its own sentence or line, or after a label ending in `:`), or `quoted` (between quotation
 *   marks: the client's words are meant to be shown as they are).
 * - A free-text value placed inline is shown only when it reads as a short phrase (at most
 *   8 words / 24 Chinese characters, one clause, not a question, not an "I don't know"). Otherwise a
 *   short phrase is taken from it when one can be found deterministically (the clause after
 *   "because of" / "因为", the object after "I'd like to" / "我想", "I've been feeling …",
 *   "一直 …"), else the placeholder's fallback, else a neutral phrase in the session's language.
 *   First-person words become second person ("my job" → "your job", "我" → "你").
 * - Standalone and quoted values, numbers, lists and other values are shown whole.
 *
 * Pure and deterministic; used by the runtime to render messages and by the validator to find
 * free text placed mid-sentence.
 */
import { formatValue, isEmptyValue, renderPlaceholders } from "./placeholders";

export type TextLanguage = "en" | "zh";

export type Placement = "inline" | "standalone" | "quoted";

/** What a long or unsuitable value becomes when nothing shorter can be taken and no fallback is given. */
export const NEUTRAL_PHRASE: Record<TextLanguage, string> = { en: "what you've described", zh: "你刚才说的" };

const MAX_WORDS = 8;
const MAX_HAN = 24;

const OPENING_QUOTES = "\"'“‘「『《";
const CLOSING_QUOTES = "\"'”’」』》";
/** Characters that end a sentence (a line break ends one too). */
const SENTENCE_END = /[.!?。！？…\n]/u;

// ------------------------------------------------------------------ placement

/** Where the placeholder at `start`–`end` of `text` sits in its sentence. */
export function placementOf(text: string, start: number, end: number): Placement {
  const before = text.charAt(start - 1);
  const after = text.charAt(end);
  if (before && after && OPENING_QUOTES.includes(before) && CLOSING_QUOTES.includes(after)) return "quoted";
  let from = start;
  while (from > 0) {
    const char = text.charAt(from - 1);
    // A label ("Your step for this week: ${step}") introduces a value that stands on its own.
    if (SENTENCE_END.test(char) || char === ":" || char === "：") break;
    from--;
  }
  let to = end;
  while (to < text.length && !SENTENCE_END.test(text.charAt(to))) to++;
  const textBefore = stripEdges(text.slice(from, start));
  const textAfter = stripEdges(text.slice(end, to));
  return textBefore === "" && textAfter === "" ? "standalone" : "inline";
}

/** Removes spaces, quotation marks, brackets and list markers, which are not words of a sentence. */
function stripEdges(text: string): string {
  return text.replace(/[\s"'“”‘’「」『』《》()（）[\]*_>-]+/gu, "");
}

// ------------------------------------------------------------------ rendering

/**
 * Renders client-facing `text`: an absent value (unset, null, empty) gives the placeholder's
 * fallback (or ""); a free-text value placed inline reads as a short phrase (see the module doc).
 */
export function renderReadable(text: string, lookup: (name: string) => unknown, language: TextLanguage): string {
  const rendered = renderPlaceholders(text, (placeholder) => {
    const value = lookup(placeholder.name);
    if (isEmptyValue(value)) return placeholder.fallback ? placeholder.fallback : DROPPED;
    if (typeof value !== "string") return formatValue(value);
    const placement = placementOf(text, placeholder.start, placeholder.end);
    if (placement !== "inline") return withoutDoubleFullStop(value, text.charAt(placeholder.end));
    return inlinePhrase(value) ?? placeholder.fallback ?? NEUTRAL_PHRASE[language];
  });
  // "Thank you, ${user_name}." with no name is "Thank you.", not "Thank you, .": an absent value
  // takes the comma before it along when punctuation follows.
  return rendered.includes(DROPPED) ? rendered.replace(/[,，、]\s*\u0000(?=\s*[,，.。!！?？;；:：])/gu, "").replace(/\u0000/gu, "") : rendered;
}

/** Marks where an absent value was, for the clean-up of the punctuation around it. */
const DROPPED = "\u0000";

/** "walk daily." before the script's own "." loses its full stop. */
function withoutDoubleFullStop(value: string, next: string): string {
  return next && /[.。!?！？]/u.test(next) ? value.replace(/\s*[.。]$/u, "") : value;
}

/**
 * The value as a short phrase that reads well inside a sentence, or null when none can be taken:
 * the value itself when it is short, else a phrase extracted from it.
 */
export function inlinePhrase(value: string): string | null {
  const tidy = tidyPhrase(value);
  if (fitsInline(tidy) && !needsExtraction(tidy)) return toSecondPerson(tidy);
  for (const sentence of sentencesOf(value)) {
    for (const candidate of extractCandidates(sentence)) {
      const phrase = shorten(candidate);
      if (phrase !== null) return toSecondPerson(phrase);
    }
  }
  return null;
}

// ------------------------------------------------------------------ what fits

const WORD = /[\p{L}\p{N}'’-]+/gu;
const HAN = /\p{Script=Han}/gu;

function countWords(text: string): number {
  // Latin words; Han characters are counted on their own.
  return (text.replace(HAN, " ").match(WORD) ?? []).length;
}

function countHan(text: string): number {
  return (text.match(HAN) ?? []).length;
}

/** One short clause, not a question. */
function fitsInline(text: string): boolean {
  if (text === "" || /\n/.test(text)) return false;
  if (/[!?。！？；;…]|\.(?=\s)/u.test(text)) return false;
  if (countWords(text) > MAX_WORDS || countHan(text) > MAX_HAN) return false;
  return !isQuestion(text);
}

const EN_QUESTION = [
  /^(?:what|why|how|who|where|when|which)\s+(?:do|does|did|is|are|was|were|can|could|would|should|will|you|i)\b/i,
  /^(?:do|does|did|can|could|would|will|are|is|should)\s+(?:you|i|we|it|this|that|they)\b/i,
];
const ZH_QUESTION = [/[吗嘛呢][\s~～]*$/u, /什么意思|怎么回事|为什么要/u];

export function isQuestion(text: string): boolean {
  if (/[?？]/u.test(text)) return true;
  return EN_QUESTION.some((re) => re.test(text)) || ZH_QUESTION.some((re) => re.test(text));
}

/** Not-an-answer phrases that make no sense after "because of" / "因为". */
const UNSURE = /^(?:(?:honestly|well|um+|hmm+)[, ]*)?(?:not (?:really )?sure|no idea|dunno|idk|don't know|nothing|whatever|不知道|说不清|说不太清|不清楚|不好说|没什么|随便)/iu;
/** A clause of the client's own ("I can't sleep"), or a lead-in a phrase can be taken from. */
const EN_SELF = /^(?:(?:honestly|well|so|um+|hmm+|i think|i guess)[, ]+)*i\b/i;
const ZH_LEAD_IN = /^(?:嗯+|其实|就是|那个)?[，,]?(?:主要)?(?:是)?因为|^(?:嗯+|其实|就是)?[，,]?我?(?:很|真的|就|只是|还是)?(?:想要|希望|想)/u;

function needsExtraction(text: string): boolean {
  return UNSURE.test(text) || EN_SELF.test(text) || ZH_LEAD_IN.test(text);
}

// ------------------------------------------------------------------ extraction

/** Straight apostrophes, one space, no wrapping quotes or trailing sentence marks. */
function tidyPhrase(text: string): string {
  return text
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^["“「『]+|["”」』]+$/gu, "")
    .replace(/[\s.。!！…~～]+$/u, "")
    .trim();
}

function sentencesOf(text: string): string[] {
  return text
    .replace(/[’‘]/g, "'")
    .split(/(?<=[.!?。！？…])\s*|\n+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Patterns whose first group is a phrase that reads well after "because of", "you'd like", "因为",
 * "你希望"; `prefix` is put before it ("I feel flat" → "feeling flat").
 */
const EXTRACTORS: readonly { re: RegExp; prefix?: string }[] = [
  { re: /\bbecause of\s+(.+)/i },
  { re: /\b(?:because|since|as)\s+i(?:'ve| have)? been\s+(\p{L}+ing\b.+)/iu },
  { re: /\b(?:because|since|as)\s+i(?:'m| am)\s+(\p{L}+ing\b.+)/iu },
  { re: /\bi(?:'ve| have) been\s+(\p{L}+ing\b.+)/iu },
  { re: /\bi(?:'m| am)\s+(?!going to\b)(\p{L}+ing\b.+)/iu },
  { re: /\bi(?: just| really| keep| still)? feel\s+(.+)/i, prefix: "feeling " },
  { re: /\bi(?:'d| would)(?: really| just)? (?:like|love)\s+(.+)/i },
  { re: /\bi(?: really| just)? (?:want|hope|need|wish) (to\s+.+)/i },
  { re: /\bi wish i could\s+(.+)/i },
  { re: /(?:是)?因为(.+)/u },
  { re: /(?:^|[，,])\s*(?:嗯+|其实|就是|那个)?[，,]?我?(?:很|真的|就|只是|还是)?(?:想要|希望|想)(?!法|知道|不|起)(?:能够|能|可以)?(.+)/u },
  { re: /(?:一直|总是|老是)(.+)/u },
];

function extractCandidates(sentence: string): string[] {
  const found: string[] = [];
  for (const { re, prefix } of EXTRACTORS) {
    const phrase = re.exec(sentence)?.[1];
    if (phrase) found.push((prefix ?? "") + phrase);
  }
  return found;
}

/** The first clause of a candidate, cut further at "and" when still too long; null when nothing fits. */
function shorten(candidate: string): string | null {
  const firstClause = tidyPhrase(candidate.split(/[,;，；、:：]|\s(?:but|because|though|although|so that)\s|-\s|—|但是|可是|不过|所以/u)[0] ?? "");
  const tries = [firstClause, tidyPhrase(firstClause.split(/\s(?:and|or)\s|和|还有|而且/u)[0] ?? "")];
  for (const phrase of tries) {
    if (fitsInline(phrase) && !UNSURE.test(phrase) && !EN_SELF.test(phrase) && countWords(phrase) + countHan(phrase) >= 1) return phrase;
  }
  return null;
}

// ------------------------------------------------------------------ person

const SECOND_PERSON: readonly [RegExp, string][] = [
  [/\bI am\b/g, "you are"],
  [/\bI'm\b/g, "you're"],
  [/\bI was\b/g, "you were"],
  [/\bI've\b/g, "you've"],
  [/\bI'd\b/g, "you'd"],
  [/\bI'll\b/g, "you'll"],
  [/\bI\b/g, "you"],
  [/\bmyself\b/gi, "yourself"],
  [/\bmine\b/gi, "yours"],
  [/\bmy\b/gi, "your"],
  [/\bme\b/gi, "you"],
  [/我/gu, "你"],
];

/** The client's first-person words as the counsellor says them back. */
export function toSecondPerson(text: string): string {
  let out = text;
  for (const [re, replacement] of SECOND_PERSON) out = out.replace(re, replacement);
  return out;
}

// ------------------------------------------------------------------ for the validator

