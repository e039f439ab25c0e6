/**
 * How long something has lasted, read from a reply: "a couple of weeks", "半年", "一个多星期",
 * "1 year 3 months", "a few months. 3 maybe", "four months. no wait, five". A range gives its lower
 * bound; a correction or a conclusion decides; a vague count made exact later takes the exact
 * number. Returns undefined when the reply names no length of time ("a while", "since May").
 * English and Chinese (Traditional folded).
 */
import { allMatches } from "../text/matches";
import { foldText } from "../text/normalise";
import type { Duration, DurationUnit } from "./types";
import { CORRECTION_MARK, EN_UNITS, rangeLow, tokenNumber } from "./values";

const UNIT_WORDS: readonly (readonly [RegExp, DurationUnit])[] = [
  [/^(?:days?|nights?|天|日|晚上?|夜)/iu, "day"],
  [/^(?:weeks?|wks?|星期|礼拜|周)/iu, "week"],
  [/^(?:months?|mths?|mnths?|月)/iu, "month"],
  [/^(?:years?|yrs?|年)/iu, "year"],
];

/** Words between a Chinese count and its unit that leave the count as it is: 个, 多, 几, 来, 把 ("一个多星期", "三個幾月"). */
const ZH_UNIT_FILLER = /[个多几来把]/gu;

function unitOf(word: string): DurationUnit | undefined {
  const bare = word.replace(ZH_UNIT_FILLER, "");
  for (const [pattern, unit] of UNIT_WORDS) if (pattern.test(bare)) return unit;
  return undefined;
}

const EN_AMOUNT =
  /\b(?:(a couple of|a couple|couple of|couple|a|an|one|a single)|(\d+(?:\.\d+)?)|(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty))(?:\s*(?:-|to|or|,|and)\s*(?:\d+|[a-z]+)|\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?=\s))?\s+(?:more\s+)?(?:(?:whole|full|good|solid|long)\s+)?(days?|nights?|weeks?|wks?|months?|mths?|mnths?|years?|yrs?)\b/giu;
const ZH_AMOUNT =
  /(\d+|[一二两俩仨三四五六七八九十廿卅]+)(?:[一二两三四五六七八九十]|\s*[-到至~～、]\s*(?:\d+|[一二两三四五六七八九十]+))?\s*(?:多|来|几|整)?\s*(个多月|个几月|个来月|个把月|个月|个多星期|个几星期|个多礼拜|个几礼拜|个?星期|个?礼拜|周|天|日|年|月|个?晚上|晚)/gu;
/** "成年几", "成个月": a whole one of the unit (Cantonese and colloquial Mandarin). */
const ZH_WHOLE = /成(?:个(月|星期|礼拜|年)|(年|月)(?=几|多))/u;

/** A unit named without a count ("a few months", "years.", "好几个月"): an exact number may follow ("…, 3 maybe"). */
const VAGUE_UNIT = /\b(?:(?:a few|few|several|some|many|a number of|a good few)\s+)?(days|weeks|months|years)\b|几个?(月|年|天|星期|礼拜|周)/gu;
/** A count on its own, with what may come after it (a range's second end, a hedge). */
const BARE_COUNT = /(?<![\d.])(\d+(?:\.\d+)?)(?!\d|\.\d|\s*(?:[:：]|am\b|pm\b|st\b|nd\b|rd\b|th\b|%|kids?|children|hours?|hrs?|mins?|minutes?|times?|people|岁|点|号|次|个?小时|分钟))|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)\b(?!\s*(?:kids?|children|hours?|hrs?|minutes?|mins?|times?|people|o'?clock))|([一二两三四五六七八九十廿]+)(?=个?[吧啊呢啦左右吗？?，,。.\s]|个?$)/gu;
/** Before a count: not a length of time ("since 2019", "at 3", "I was 12", "turned 16"). */
const NOT_A_COUNT_BEFORE = /(?:\bsince|\bat|\bin|\bage|\baged|\bi'?m|\bi am|\bi was|\bturned|\bby|\bafter|\bbefore|\btill|\buntil|第|每)\s*$/iu;

/** Where a duration reply settles: a correction, a conclusion ("so 8 months"), "closer to a month", "no, less". */
const SETTLES = new RegExp(`${CORRECTION_MARK.source}|\\bso\\b|\\bcloser to\\b|\\bmore like\\b|\\bnearer\\b|\\bno\\b(?=\\s*(?:[,.!—–-]|def(?:initely|o)?\\b|deffo\\b|definitely\\b|probably\\b|prob\\b|it'?s\\b|its\\b))|那就|所以|差不多是|就(?:写|填|寫)|\\b(?:just )?(?:put|write)(?: down)?\\b`, "giu");
/** Before a length: a tolerance ("give or take", "plus or minus") or another episode ("the last one was"), in the same sentence. */
const ASIDE_BEFORE = /(?:\bgive or take|\bplus or minus|±|\b(?:it'?ll|it will|will|gonna) be|\b(?:the )?(?:last|previous|other) (?:one|time|episode)\b[^.!?。！？;；]*?)\s*(?:a|an|about)?\s*$/iu;
/** Before a length: the recent stretch of a longer time ("来了三年，难受是最近这半年"). */
const RECENT_BEFORE = /最近这?\s*$/u;
/** What marks a length as a bound, not the answer, when another is given: "不到一个月，三周吧", "less than a year, 8 months". */
const UPPER_BOUND_BEFORE = /(?:\bless than|\bunder|\bnot even|\bnot quite|不到|不足|没到|沒到)\s*(?:about\s+)?$/iu;

interface Found {
  at: number;
  end: number;
  duration: Duration;
  /** A length named as a whole, over any count inside it. */
  wins?: boolean;
  /** The unit it was said in, where that is not the unit of its amount ("半年": a year's half, 6 months). */
  said?: DurationUnit;
}

/**
 * Lengths with names of their own, where they stand: "half a year", "半年" (6 months), "a fortnight",
 * "a decade", "个把月" (about one), "a year and a half", "one and half year", "一年半", "two and a half years", "两年半".
 */
const NAMED_LENGTHS: readonly (readonly [RegExp, (m: RegExpMatchArray) => Duration | undefined])[] = [
  [/(?:\b(?:a|one|1) (?:year and (?:a )?half|and (?:a )?half years?)|[一成]年半)/giu, () => ({ amount: 18, unit: "month" })],
  [
    /\b(\d+|two|three|four|five|six|seven|eight|nine|ten) and (?:a )?half years?|([两二三四五六七八九十])年半/giu,
    (m) => {
      const years = tokenNumber((m[1] ?? m[2] ?? "").toLowerCase());
      return years === undefined ? undefined : { amount: years * 12 + 6, unit: "month" };
    },
  ],
  [/\bhalf (?:a|an) year|(?<![年一两二三四五六七八九十])半年/giu, () => ({ amount: 6, unit: "month" })],
  [/\b(?:a |one )?fortnight\b/giu, () => ({ amount: 2, unit: "week" })],
  [/\b(?:a|one) decade\b/giu, () => ({ amount: 10, unit: "year" })],
  // "年几", "个几月", "个多礼拜": one of the unit and some, the count left unsaid (Cantonese and colloquial Mandarin).
  [/(?<![\d一二两俩仨三四五六七八九十几去今前明每上下这那半整成好])(?:个[几多](月|礼拜|星期)|年[几多](?![个岁号月天年]))/gu, (m) => ({ amount: 1, unit: unitOf(m[1] ?? "年") ?? "year" })],
  [/个把(月|礼拜|星期)|(?:^|[^\d一二两三四五六七八九十个])(月|年|礼拜|星期)把/gu, (m) => ({ amount: 1, unit: unitOf(m[1] ?? m[2] ?? "") ?? "month" })],
];

function namedLengths(text: string): Found[] {
  const named: Found[] = [];
  for (const [pattern, duration] of NAMED_LENGTHS) {
    for (const m of allMatches(text, pattern)) {
      const length = duration(m);
      const said = /year|年/u.test(m[0]) ? "year" : /week|fortnight|礼拜|星期/u.test(m[0]) ? "week" : undefined;
      if (length) named.push({ at: m.index, end: m.index + m[0].length, duration: length, wins: true, ...(said ? { said } : {}) });
    }
  }
  return named;
}

const SMALLER: Partial<Record<DurationUnit, readonly [DurationUnit, number]>> = { year: ["month", 12], week: ["day", 7] };

/** "1 year 3 months", "一年零三个月", "2 weeks and 3 days": one length in the smaller unit. */
function joinCompounds(text: string, found: Found[]): Found[] {
  const out: Found[] = [];
  for (const item of found) {
    const previous = out[out.length - 1];
    const smaller = previous ? SMALLER[previous.duration.unit] : undefined;
    if (previous && smaller && smaller[0] === item.duration.unit && /^\s*(?:and|,|零|又)?\s*$/iu.test(text.slice(previous.end, item.at))) {
      out[out.length - 1] = { at: previous.at, end: item.end, duration: { amount: previous.duration.amount * smaller[1] + item.duration.amount, unit: item.duration.unit } };
    } else out.push(item);
  }
  return out;
}

/** "1.5 yrs" → 18 months: a fraction of a year in whole months. */
function whole(duration: Duration): Duration {
  if (duration.unit === "year" && !Number.isInteger(duration.amount) && Number.isInteger(duration.amount * 12)) return { amount: duration.amount * 12, unit: "month" };
  return duration;
}

/**
 * Dictated homophones of a count before a unit: "um ate weeks", "since to weeks", "won month". Not "for weeks"
 * (a common phrase), nor "to" joining a range ("days to weeks", "2 to 3 weeks").
 */
const SPOKEN_COUNT = /(?<=(?:^|[.,!?;…]\s*|\b(?:since|for|about|around|like|maybe|probably|um+|uh+|erm?|been|just|only)\s+))(to|too|ate|won)\s+(days?|weeks?|months?|years?)\b/giu;
const SPOKEN_COUNTS: Record<string, number> = { to: 2, too: 2, ate: 8, won: 1 };

function countedLengths(text: string): Found[] {
  const found: Found[] = [];
  for (const m of allMatches(text, SPOKEN_COUNT)) {
    const unit = unitOf(m[2] ?? "");
    const amount = SPOKEN_COUNTS[(m[1] ?? "").toLowerCase()];
    if (unit && amount !== undefined) found.push({ at: m.index, end: m.index + m[0].length, duration: { amount, unit } });
  }
  for (const m of allMatches(text, EN_AMOUNT)) {
    const unit = unitOf(m[4] ?? "");
    const amount = m[1] ? (/couple/.test(m[1]) ? 2 : 1) : m[2] ? Number(m[2]) : EN_UNITS[m[3] ?? ""];
    if (unit && amount !== undefined) found.push({ at: m.index, end: m.index + m[0].length, duration: { amount, unit } });
  }
  for (const m of allMatches(text, ZH_AMOUNT)) {
    // "第一天" counts which day, not how many.
    if (text.slice(Math.max(0, m.index - 1), m.index) === "第") continue;
    // "从三月开始", "去年十月": a month of the calendar, not a count of months.
    if (m[2] === "月" && (/(?:从|自从|去年|今年|前年)\s*$/u.test(text.slice(0, m.index)) || /^(?:开始|份|号|初|底|中旬|到)/u.test(text.slice(m.index + m[0].length)))) continue;
    // "现在都四月了": a numeral right before 月, without 个 (or 两, 俩, 仨, never a month's name), is the month of the year.
    if (m[2] === "月" && /^[\d一二三四五六七八九十]+月$/u.test(m[0])) continue;
    const unit = unitOf(m[2] ?? "");
    const token = m[1] ?? "";
    // "两三个月": two adjacent numerals are a range, read as its lower bound.
    const amount = rangeLow(token);
    if (unit && amount !== undefined && amount > 0) found.push({ at: m.index, end: m.index + m[0].length, duration: { amount, unit } });
  }
  found.push(...namedLengths(text).filter((named) => !found.some((f) => f.at < named.end && named.at < f.end) || named.wins));
  const wholeOne = ZH_WHOLE.exec(text);
  if (wholeOne) {
    const unit = unitOf(wholeOne[1] ?? wholeOne[2] ?? "");
    if (unit) found.push({ at: wholeOne.index, end: wholeOne.index + wholeOne[0].length, duration: { amount: 1, unit } });
  }
  // A length named as a whole ("a year and a half") replaces the count inside it ("a year").
  const kept = found.filter((f) => !found.some((other) => other.wins && other !== f && other.at <= f.at && f.end <= other.end));
  kept.sort((a, b) => a.at - b.at);
  return joinCompounds(text, kept);
}

/** The first count standing on its own after `from` ("… 3 maybe", "…, at least 10", "no wait, five"). */
function bareCountAfter(text: string, from: number): { at: number; amount: number } | undefined {
  for (const m of allMatches(text, BARE_COUNT)) {
    if (m.index < from || NOT_A_COUNT_BEFORE.test(text.slice(0, m.index))) continue;
    const token = (m[1] ?? m[2] ?? m[3] ?? "").toLowerCase();
    const amount = rangeLow(token);
    if (amount !== undefined && amount > 0) return { at: m.index, amount };
  }
  return undefined;
}

/** A unit named without a count, and an exact count after it: "a few days, like 3", "years. at least 10", "好几个月，三个吧". */
function vagueMadeExact(text: string): Duration | undefined {
  for (const m of allMatches(text, VAGUE_UNIT)) {
    const unit = unitOf(m[1] ?? m[2] ?? "");
    const count = bareCountAfter(text, m.index + m[0].length);
    if (unit && count) return { amount: count.amount, unit };
  }
  return undefined;
}

/** After a length, a rough "more": "半年多", "a year and a bit", "a month or so", "over". */
const ROUGH_AFTER = /^(?:多|\s*(?:and a bit|plus|\+|or so|or more|ish))/iu;
/** Before a length, an alternative to the one before it: "还是五个月", "or 5 months", "maybe three". */
const ALTERNATIVE_BEFORE = /(?:还是|或者|或是|也许|可能|\bor|\bmaybe|\bperhaps)\s*$/iu;
const UNIT_ORDER: readonly DurationUnit[] = ["day", "week", "month", "year"];
const unitRank = (unit: DurationUnit): number => UNIT_ORDER.indexOf(unit);
/** A length in days (roughly), to compare lengths in different units. */
const inMonthsOrDays = (d: Duration): number => d.amount * ({ day: 1, week: 7, month: 30, year: 365 } as const)[d.unit];

/** A saying, or a length said not to be it: "forever and a day", "不是一两天的事了", "not just a week or two". */
const NOT_A_LENGTH = /\bforever and a day\b|(?:不是|\bnot (?:just |only )?)\s*(?=(?:a |an |one |two |a couple |a few |[一二两几]))/giu;

/** "a couple of weeks" → 2 week, "半年" → 6 month, "一年半" → 18 month; undefined for "a while", "since May". */
export function extractDuration(reply: string): Duration | undefined {
  const text = foldText(reply);
  // "give or take a fortnight", "the last one was four months": a tolerance, or another episode's length, yields to the length given.
  const denied = allMatches(text, NOT_A_LENGTH).map((m) => [m.index, m.index + m[0].length] as const);
  const counted = countedLengths(text).filter((f) => !denied.some(([from, to]) => f.at >= from && f.at <= to));
  const own = counted.filter((f) => !ASIDE_BEFORE.test(text.slice(Math.max(0, f.at - 40), f.at)));
  const found = own.length > 0 ? own : counted;
  if (found.length === 0) return vagueMadeExact(text);
  const settles = allMatches(text, SETTLES).map((m) => m.index);
  const settled = settles.length ? Math.max(...settles) : -1;
  if (settled >= 0) {
    const after = found.find((f) => f.at > settled);
    if (after) return whole(after.duration);
    // "four months. no wait, five": a count after the correction keeps the unit said before it.
    const before = [...found].reverse().find((f) => f.at < settled);
    const count = bareCountAfter(text, settled);
    if (before && count) return { amount: count.amount, unit: before.duration.unit };
  }
  // "a week? eight days i think", "五天？一个礼拜？五天吧": lengths asked back are guesses; the first one said plainly after
  // them is the answer ("2 weeks? 3 weeks?", all asked, is a range).
  const asked = (f: Found): boolean => /^\s*[?？]/u.test(text.slice(f.end));
  const lastAsked = found.findLastIndex(asked);
  const plain = lastAsked >= 0 ? found.slice(lastAsked + 1).find((f) => !asked(f)) : undefined;
  // "四个月？还是五个月": an alternative after a guess is a range, not an answer.
  if (settled < 0 && plain && !ALTERNATIVE_BEFORE.test(text.slice(0, plain.at))) return whole(plain.duration);
  for (let i = 0; i + 1 < found.length; i++) {
    const guess = found[i] as Found;
    const next = found[i + 1] as Found;
    if (guess.duration.unit !== next.duration.unit && asked(guess)) return whole(next.duration);
  }
  // "半年多了吧，大概七个月", "a year and a bit, like 14 months": a rough length made exact in a finer unit.
  const first = found[0] as Found;
  const finer = found[1];
  if (settled < 0 && finer && found.length === 2 && ROUGH_AFTER.test(text.slice(first.end, first.end + 10)) && inMonthsOrDays(whole(finer.duration)) > inMonthsOrDays(whole(first.duration)) && unitRank(finer.duration.unit) < unitRank(first.said ?? first.duration.unit)) return whole(finer.duration);
  // "来了三年，难受是最近这半年": the recent stretch is what is asked about.
  const recent = found.find((f) => RECENT_BEFORE.test(text.slice(Math.max(0, f.at - 12), f.at)));
  if (settled < 0 && recent && found.length > 1) return whole(recent.duration);
  // "不到一个月，三周吧": a bound with a length after it is not the length.
  const answers = found.filter((f, index) => index === found.length - 1 || !UPPER_BOUND_BEFORE.test(text.slice(0, f.at)));
  // Otherwise the first stated ("两周 也可能三周": a range's lower bound).
  return whole(((settled >= 0 ? found[found.length - 1] : answers[0]) ?? (found[0] as Found)).duration);
}
