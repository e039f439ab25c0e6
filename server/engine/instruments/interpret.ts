/**
 * Deterministic interpretation of a free-text answer into one of the four options. This is the
 * whole of template mode and always runs before any model: when it finds one clear option the
 * model is not needed, and when it cannot, the answer is "unclear" and the client is asked to
 * pick an option (cheap, and far better than guessing on a clinical questionnaire).
 *
 * How it reads an answer:
 * - Phrases from the table below are found (longest match wins, so "nearly every day" is not also
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
import type { AnswerScore, Lang } from "./instruments";

export type InterpretResult = { score: AnswerScore } | { score: null; reason: "unclear" | "empty" };

/** A phrase and what it means; `score: null` marks text that must not be read as an option. */
export interface AnswerPhrase {
  readonly text: string;
  readonly score: AnswerScore | null;
  /** Counts only when the statement names no other option (bare "no", "没有"). */
  readonly weak?: boolean;
}

interface LanguageTable {
  /** English matches whole words; Chinese has no spaces, so it matches substrings. */
  readonly wholeWords: boolean;
  readonly phrases: readonly AnswerPhrase[];
  /** Words that negate an option named right after them. */
  readonly negators: readonly string[];
  /** Words allowed between a negator and the option it negates ("not *really* every day"). */
  readonly linkers: readonly string[];
  /** Words that start a correction: what follows replaces what came before. */
  readonly corrections: readonly string[];
}

const OPTION_WORDS = ["zero", "one", "two", "three"] as const;

export const ANSWER_TABLES: Readonly<Record<Lang, LanguageTable>> = {
  en: {
    wholeWords: true,
    phrases: [
      // 0 — Not at all
      { text: "not at all", score: 0 },
      { text: "never", score: 0 },
      { text: "never ever", score: 0 },
      { text: "none", score: 0 },
      { text: "none of the time", score: 0 },
      { text: "not once", score: 0 },
      { text: "not even once", score: 0 },
      { text: "not a single day", score: 0 },
      { text: "zero days", score: 0 },
      { text: "no", score: 0, weak: true },
      { text: "nope", score: 0, weak: true },
      { text: "nah", score: 0, weak: true },
      { text: "not really", score: 0, weak: true },
      // 1 — Several days
      { text: "several days", score: 1 },
      { text: "a few days", score: 1 },
      { text: "a couple of days", score: 1 },
      { text: "a couple days", score: 1 },
      { text: "couple of days", score: 1 },
      { text: "some days", score: 1 },
      { text: "some of the time", score: 1 },
      { text: "sometimes", score: 1 },
      { text: "occasionally", score: 1 },
      { text: "a few times", score: 1 },
      { text: "a couple of times", score: 1 },
      { text: "once in a while", score: 1 },
      { text: "now and then", score: 1 },
      { text: "now and again", score: 1 },
      { text: "on and off", score: 1 },
      { text: "off and on", score: 1 },
      // 2 — More than half the days
      { text: "more than half the days", score: 2 },
      { text: "more than half of the days", score: 2 },
      { text: "more than half the time", score: 2 },
      { text: "more than half", score: 2 },
      { text: "over half", score: 2 },
      { text: "most days", score: 2 },
      { text: "most of the days", score: 2 },
      { text: "most nights", score: 2 },
      { text: "most of the time", score: 2 },
      { text: "majority", score: 2 },
      { text: "often", score: 2 },
      { text: "frequently", score: 2 },
      { text: "usually", score: 2 },
      { text: "mostly", score: 2 },
      { text: "a lot", score: 2 },
      // 3 — Nearly every day
      { text: "nearly every day", score: 3 },
      { text: "almost every day", score: 3 },
      { text: "every day", score: 3 },
      { text: "everyday", score: 3 },
      { text: "every single day", score: 3 },
      { text: "every night", score: 3 },
      { text: "daily", score: 3 },
      { text: "all the time", score: 3 },
      { text: "always", score: 3 },
      { text: "almost always", score: 3 },
      { text: "nearly always", score: 3 },
      { text: "constantly", score: 3 },
      // "option two", "number 3" is handled with digits
      ...OPTION_WORDS.flatMap((word, score) =>
        ["option", "number", "choice", "answer"].map((prefix) => ({ text: `${prefix} ${word}`, score: score as AnswerScore })),
      ),
      // Not an option: would otherwise be misread through a shorter phrase inside them.
      { text: "no idea", score: null },
      { text: "no clue", score: null },
      { text: "almost never", score: null }, // 0 or 1: ask
      { text: "every other day", score: null }, // about half the days: on the 1/2 boundary
      { text: "every day or two", score: null },
      { text: "half the time", score: null },
      { text: "how often", score: null }, // echoing the question
    ],
    negators: ["not", "no", "hardly", "barely", "nor", "without", "cannot", "*n't", "dont", "doesnt", "didnt", "isnt", "wasnt", "havent", "hasnt", "wouldnt", "cant", "couldnt", "arent", "werent"],
    linkers: [
      "really", "quite", "exactly", "even", "necessarily", "so", "that", "very", "too", "all", "much", "anywhere", "near",
      "think", "say", "feel", "sure", "if", "whether", "like", "as", "would", "i", "i'd", "i'm", "it", "it's", "its",
      "is", "was", "be", "been", "being", "have", "has", "had", "happen", "happens", "happened", "happening", "for", "me",
    ],
    corrections: [
      "actually", "i mean", "i meant", "wait", "sorry", "on second thought", "on second thoughts", "correction",
      "or rather", "rather", "scratch that", "make that", "come to think of it", "thinking about it", "let me correct",
    ],
  },
  zh: {
    wholeWords: false,
    phrases: [
      // 0 — 完全不会
      { text: "完全不会", score: 0 },
      { text: "完全没有", score: 0 },
      { text: "完全没", score: 0 },
      { text: "完全不", score: 0 },
      { text: "一点也没有", score: 0 },
      { text: "一点都没有", score: 0 },
      { text: "一点也不", score: 0 },
      { text: "一点都不", score: 0 },
      { text: "从不", score: 0 },
      { text: "从来不", score: 0 },
      { text: "从来没有", score: 0 },
      { text: "从没有", score: 0 },
      { text: "从没", score: 0 },
      { text: "从未", score: 0 },
      { text: "一次也没有", score: 0 },
      { text: "一次都没有", score: 0 },
      { text: "一天也没有", score: 0 },
      { text: "一天都没有", score: 0 },
      { text: "根本没有", score: 0 },
      { text: "根本不会", score: 0 },
      { text: "没有过", score: 0 },
      { text: "没有", score: 0, weak: true },
      { text: "没", score: 0, weak: true },
      { text: "不会", score: 0, weak: true },
      { text: "没什么", score: 0, weak: true },
      // 1 — 好几天
      { text: "好几天", score: 1 },
      { text: "有几天", score: 1 },
      { text: "几天", score: 1 },
      { text: "有些天", score: 1 },
      { text: "有一些天", score: 1 },
      { text: "有时", score: 1 },
      { text: "有时候", score: 1 },
      { text: "有些时候", score: 1 },
      { text: "偶尔", score: 1 },
      { text: "几次", score: 1 },
      { text: "少数时候", score: 1 },
      // 2 — 一半以上的天数
      { text: "一半以上的天数", score: 2 },
      { text: "一半以上", score: 2 },
      { text: "超过一半", score: 2 },
      { text: "多于一半", score: 2 },
      { text: "过半", score: 2 },
      { text: "大部分", score: 2 },
      { text: "大多数", score: 2 },
      { text: "大部分时间", score: 2 },
      { text: "大多数时间", score: 2 },
      { text: "多数时候", score: 2 },
      { text: "经常", score: 2 },
      { text: "常常", score: 2 },
      { text: "时常", score: 2 },
      { text: "很多时候", score: 2 },
      { text: "频繁", score: 2 },
      // 3 — 几乎每天
      { text: "几乎每天", score: 3 },
      { text: "几乎天天", score: 3 },
      { text: "差不多每天", score: 3 },
      { text: "基本每天", score: 3 },
      { text: "基本上每天", score: 3 },
      { text: "每天", score: 3 },
      { text: "天天", score: 3 },
      { text: "每晚", score: 3 },
      { text: "一直", score: 3 },
      { text: "总是", score: 3 },
      { text: "老是", score: 3 },
      { text: "始终", score: 3 },
      { text: "整天", score: 3 },
      { text: "时时刻刻", score: 3 },
      { text: "每时每刻", score: 3 },
      // Not an option.
      { text: "不知道", score: null },
      { text: "不确定", score: null },
      { text: "不清楚", score: null },
      { text: "说不好", score: null },
      { text: "说不清", score: null },
      { text: "不好说", score: null },
      { text: "记不清", score: null },
      { text: "十几天", score: null }, // "ten-odd days", not 几天
      { text: "没几天", score: null }, // "hardly any days": 0 or 1
      { text: "这几天", score: null }, // "these days"
      { text: "最近几天", score: null },
      { text: "前几天", score: null },
      { text: "几天前", score: null },
      { text: "一半", score: null }, // exactly half: on the 1/2 boundary
      { text: "几乎没有", score: null }, // "almost none": 0 or 1
      { text: "几乎没", score: null },
      { text: "几乎不", score: null },
      { text: "几乎从不", score: null },
      { text: "隔天", score: null },
      { text: "每隔一天", score: null },
      // "一直没有（兴趣）" is 3 for item 1 but "一直没有" alone means never: ask.
      { text: "一直没有", score: null },
      { text: "一直都没有", score: null },
      { text: "一直没", score: null },
      { text: "一直都没", score: null },
    ],
    negators: ["不", "没", "未", "非", "无", "别"],
    linkers: ["是", "到", "太", "算", "会", "很", "怎么", "那么", "这么", "至于", "见得", "一定", "都", "也", "有", "能", "达到", "真的", "算是"],
    corrections: ["不对", "其实", "我是说", "我的意思是", "更正", "应该是", "说错了", "哦不", "不不", "准确地说", "确切地说", "改成", "改为"],
  },
};

// ---------------------------------------------------------------------------------------------

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
    for (const found of text.matchAll(entry.regex)) {
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
  for (const found of text.matchAll(NUMBER)) {
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
  for (const found of text.matchAll(table.negator)) {
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

/** Full-width digits and punctuation (２，), Traditional characters (好幾天), case and apostrophes folded. */
const normalise = foldText;

/**
 * The option a free-text answer names, or why there is none: `empty` for a blank answer (only
 * spaces or punctuation), `unclear` for everything that is not one clear option. `lang` picks
 * the phrase table tried first; the other language's table is tried when the first finds nothing
 * (clients do answer a Chinese session with "every day").
 */
export function interpretAnswer(text: string, lang: Lang): InterpretResult {
  const normalised = normalise(text);
  if (normalised.replace(/[\p{P}\p{Z}\p{Cc}\p{Cf}\s]/gu, "") === "") return { score: null, reason: "empty" };
  for (const tableLang of lang === "en" ? (["en", "zh"] as const) : (["zh", "en"] as const)) {
    const verdict = decide(analyse(normalised, COMPILED[tableLang]));
    if (verdict.kind === "score") return { score: verdict.score };
    if (verdict.kind === "unclear") break;
  }
  return { score: null, reason: "unclear" };
}
