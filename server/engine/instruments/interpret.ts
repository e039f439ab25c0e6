/**
 * Deterministic interpretation of a free-text answer into one of the four options. This is the
 * whole of template mode and always runs before any model: when it finds one clear option the
 * model is not needed, and when it cannot, the answer is "unclear" and the client is asked to
 * pick an option (cheap, and far better than guessing on a clinical questionnaire).
 *
 * How it reads an answer:
 * - Phrases from the tables in ./answer-phrases.ts are found (longest match wins, so "nearly every day" is not also
 *   read as "every day"; "almost never" is not read as "never").
 * - A bare digit 0–3 ("2", "option 2", "2 - more than half") picks that option. Other numbers make
 *   the answer unclear ("5", "1.5", "2-3"), except counts with a unit ("3 days", "4am", "两周"),
 *   which are ignored: "3 days" alone is not an option, and re-asking is better than converting.
 * - A negation just before an option ("not every day", "don't think it's often", "不是每天",
 *   "没有一半以上") makes that option not chosen; if nothing else is chosen, the answer is unclear.
 *   Only linking words may stand between the two, so "I can't sleep most days" still means 2.
 * - A correction marker ("actually", "I mean", "sorry", "其实", "不对", ...) starts a new statement;
 *   the last statement that names an option decides ("not at all... well actually nearly every
 *   day" → 3). Within a statement, two different options ("between several days and more than
 *   half") are unclear.
 * - Weak answers ("no", "nope", "没有", "不会") count only when nothing stronger is said: "no, most
 *   days" → 2, "No." → 0, "no more than half" → unclear.
 */
import { foldText } from "../text/normalise";
import { allMatches } from "../text/matches";
import type { AnswerScore, Lang } from "./instruments";
import { ANSWER_TABLES, type LanguageTable } from "./answer-phrases";

export type InterpretResult = { score: AnswerScore } | { score: null; reason: "unclear" | "empty" };

interface Span {
  start: number;
  end: number;
}

interface Match extends Span {
  kind: "option" | "mask" | "correction";
  score: AnswerScore | null;
  weak: boolean;
}

interface Hit extends Span {
  score: AnswerScore;
  weak: boolean;
  negated: boolean;
}

interface Analysis {
  hits: Hit[];
  /** Numbers that are not an option (5, 1.5, 2-3): the statement they are in is unclear. */
  strays: Span[];
  corrections: Span[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function phrasePattern(text: string, wholeWords: boolean): string {
  const body = text
    .split(" ")
    .map((part) => (part === "*n't" ? "\\p{L}+n't" : escapeRegExp(part)))
    .join("\\s+");
  return wholeWords ? `(?<![\\p{L}\\p{N}'])${body}(?![\\p{L}\\p{N}])` : body;
}

interface CompiledTable {
  entries: { regex: RegExp; kind: Match["kind"]; score: AnswerScore | null; weak: boolean }[];
  negator: RegExp;
  linkersOnly: RegExp;
}

function compile(table: LanguageTable): CompiledTable {
  const entries: CompiledTable["entries"] = [
    ...table.phrases.map((phrase) => ({
      regex: new RegExp(phrasePattern(phrase.text, table.wholeWords), "gu"),
      kind: phrase.score === null ? ("mask" as const) : ("option" as const),
      score: phrase.score,
      weak: phrase.weak === true,
    })),
    ...table.corrections.map((text) => ({
      regex: new RegExp(phrasePattern(text, table.wholeWords), "gu"),
      kind: "correction" as const,
      score: null,
      weak: false,
    })),
  ];
  const alternatives = (words: readonly string[]): string =>
    words.map((word) => phrasePattern(word, table.wholeWords)).join("|");
  const linkerBody = table.linkers.map(escapeRegExp).join("|");
  return {
    entries,
    negator: new RegExp(alternatives(table.negators), "gu"),
    // Between a negator and an option: only spaces and linking words.
    linkersOnly: table.wholeWords
      ? new RegExp(`^\\s*(?:(?:${linkerBody})\\s+)*$`, "u")
      : new RegExp(`^\\s*(?:(?:${linkerBody})\\s*)*$`, "u"),
  };
}

const COMPILED: Readonly<Record<Lang, CompiledTable>> = { en: compile(ANSWER_TABLES.en), zh: compile(ANSWER_TABLES.zh) };

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** All table matches, longest first, keeping those that do not overlap a longer one. */
function findMatches(text: string, table: CompiledTable): Match[] {
  const candidates: Match[] = [];
  for (const entry of table.entries) {
    for (const found of allMatches(text, entry.regex)) {
      const start = found.index;
      candidates.push({ start, end: start + found[0].length, kind: entry.kind, score: entry.score, weak: entry.weak });
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const accepted: Match[] = [];
  for (const candidate of candidates) {
    if (!accepted.some((kept) => overlaps(kept, candidate))) accepted.push(candidate);
  }
  return accepted.sort((a, b) => a.start - b.start);
}

const NUMBER = /(?<![\p{N}.,])(\d+(?:\.\d+)?)(?:\s*(?:or|to|and|-|–|~|到|至|或者|或|和)\s*(\d+(?:\.\d+)?))?(?![\p{N}])/gu;
/**
 * A count or a time, not an option: "3 days", "3天", "4am", "2nd", "10:30", "2 weeks". Chinese
 * particles are not units: "选1吧" is option 1.
 */
const UNIT_AFTER =
  /^(?:[a-z]|:\d|\s*(?:days?|nights?|times?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|am|pm|o'?clock|x)(?![\p{L}])|\s*[天日次周个晚遍号点岁年月])/u;

function findNumbers(text: string): { selections: Hit[]; strays: Span[] } {
  const selections: Hit[] = [];
  const strays: Span[] = [];
  for (const found of allMatches(text, NUMBER)) {
    const span = { start: found.index, end: found.index + found[0].length };
    if (UNIT_AFTER.test(text.slice(span.end))) continue;
    const value = Number(found[1]);
    const ordinal = /第\s*$/u.test(text.slice(0, span.start)); // 第2个: is that option 2 or the 2nd (1)?
    if (found[2] === undefined && !ordinal && Number.isInteger(value) && value >= 0 && value <= 3) {
      selections.push({ ...span, score: value as AnswerScore, weak: false, negated: false });
    } else {
      strays.push(span);
    }
  }
  return { selections, strays };
}

function analyse(text: string, table: CompiledTable): Analysis {
  const matches = findMatches(text, table);
  const { selections, strays } = findNumbers(text);
  // A negator inside a longer phrase ("not at all", "完全不会", "不对", "不知道") is part of that
  // phrase; one inside a weak answer ("no", "没有") still negates what follows it.
  const blocking = matches.filter((match) => !(match.kind === "option" && match.weak));
  const negators: (Span & { inWeakAnswer: boolean })[] = [];
  for (const found of allMatches(text, table.negator)) {
    const span = { start: found.index, end: found.index + found[0].length };
    if (blocking.some((match) => overlaps(match, span))) continue;
    negators.push({ ...span, inWeakAnswer: matches.some((match) => match.weak && overlaps(match, span)) });
  }
  // "no not at all", "没有从来没有" are emphatic, not double negatives.
  const isNegated = (hit: Hit): boolean =>
    negators.some(
      (negator) =>
        negator.end <= hit.start &&
        !(hit.score === 0 && negator.inWeakAnswer) &&
        !matches.some((match) => match.start >= negator.end && match.end <= hit.start) &&
        table.linkersOnly.test(text.slice(negator.end, hit.start)),
    );

  const hits: Hit[] = [];
  for (const match of matches) {
    if (match.kind === "option" && match.score !== null) {
      hits.push({ start: match.start, end: match.end, score: match.score, weak: match.weak, negated: false });
    }
  }
  hits.push(...selections);
  for (const hit of hits) hit.negated = isNegated(hit);
  hits.sort((a, b) => a.start - b.start);
  return { hits, strays, corrections: matches.filter((match) => match.kind === "correction") };
}

type Verdict = { kind: "none" } | { kind: "unclear" } | { kind: "score"; score: AnswerScore };

function statementVerdict(hits: readonly Hit[], hasStray: boolean): Verdict {
  if (hasStray) return { kind: "unclear" };
  const strong = hits.filter((hit) => !hit.weak);
  const counted = strong.length > 0 ? strong : hits;
  if (counted.length === 0) return { kind: "none" };
  const chosen = new Set(counted.filter((hit) => !hit.negated).map((hit) => hit.score));
  const denied = new Set(counted.filter((hit) => hit.negated).map((hit) => hit.score));
  const [only, ...others] = [...chosen];
  // "not every day, but most days" is a clear 2; "every day... not every day" and
  // "several days or more than half" are not.
  if (only === undefined || others.length > 0 || denied.has(only)) return { kind: "unclear" };
  return { kind: "score", score: only };
}

function decide(analysis: Analysis): Verdict {
  const bounds = [...analysis.corrections.map((correction) => correction.start), Infinity];
  let verdict: Verdict = { kind: "none" };
  let from = 0;
  for (const to of bounds) {
    const inside = (span: Span): boolean => span.start >= from && span.start < to;
    const statement = statementVerdict(analysis.hits.filter(inside), analysis.strays.some(inside));
    if (statement.kind !== "none") verdict = statement; // a later statement corrects an earlier one
    from = to;
  }
  return verdict;
}

/**
 * The option a free-text answer names, or why there is none: `empty` for a blank answer (only
 * spaces or punctuation), `unclear` for everything that is not one clear option. `lang` picks
 * the phrase table tried first; the other language's table is tried when the first finds nothing
 * (clients do answer a Chinese session with "every day").
 */
export function interpretAnswer(text: string, lang: Lang): InterpretResult {
  // Full-width digits and punctuation (２，), Traditional characters (好幾天), case and apostrophes folded.
  const normalised = foldText(text);
  if (normalised.replace(/[\p{P}\p{Z}\p{Cc}\p{Cf}\s]/gu, "") === "") return { score: null, reason: "empty" };
  for (const tableLang of lang === "en" ? (["en", "zh"] as const) : (["zh", "en"] as const)) {
    const verdict = decide(analyse(normalised, COMPILED[tableLang]));
    if (verdict.kind === "score") return { score: verdict.score };
    if (verdict.kind === "unclear") break;
  }
  return { score: null, reason: "unclear" };
}
