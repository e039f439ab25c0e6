/**
 * Deterministic value extractors for reply understanding: a rating in digits or words, a duration,
 * a questionnaire option, a listed choice (names: ./names.ts). Each returns undefined when
 * the reply does not give such a value; none guesses. English and Chinese (Traditional folded).
 */
import { interpretAnswer } from "../instruments";
import { optionWords } from "./option-words";
import { coerceEnum } from "../runtime/coerce";
import { allMatches } from "../text/matches";
import { foldText } from "../text/normalise";
import type { Duration, DurationUnit, ReplyLanguage } from "./types";

const EN_UNITS: Record<string, number> = {
  zero: 0, nil: 0, nought: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
};
const ZH_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十, 二十五, 七 → number; undefined for anything else. */
function chineseNumber(s: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十]+$/u.test(s)) return undefined;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else current = current * 10 + (ZH_DIGITS[ch] ?? 0);
  }
  return total + current;
}

/** A number token (digits, an English number word, a Chinese numeral) as a number. */
function tokenNumber(token: string): number | undefined {
  if (token === "俩") return 2;
  if (/^\d+(?:[.,]\d+)?$/.test(token)) return Number(token.replace(",", "."));
  return EN_UNITS[token] ?? chineseNumber(token);
}

/** What follows a number that makes it a count of something else (age, children, hours, times, dates). */
const NOT_A_RATING_AFTER =
  /^\s*(?:years?|yrs?|yo\b|y\/o|kids?|children|sons?|daughters?|hours?|hrs?|h\b|minutes?|mins?|days?|nights?|weeks?|wks?|months?|times?|am\b|pm\b|o'?clock|%|percent|people|cups?|beers?|drinks?|pills?|kg|lbs?|st\b|[:：]\d|岁|个孩子|个小孩|小时|分钟|天|晚|周|个?星期|个?礼拜|个?月|年|次|点|号|%|杯|个人)/iu;
/** What before a number makes it not a rating: "at 3", "since 2019", "I'm 34". */
const NOT_A_RATING_BEFORE = /(?:\bat|\bsince|\bin|\bage|\baged|\bi'?m|\bi am|\bturned|\bfor|\bafter|\bbefore|\bby|第|每)\s*$/iu;
/** What after a number marks it as the rating: "/10", "out of 10", "分". */
const RATING_AFTER = /^\s*(?:\/\s*10|out of (?:10|ten)|outta 10|of 10|分|points?\b|pts?\b)/iu;
/** Within a reply, a correction: what follows replaces what came before. */
const CORRECTION_MARK =
  /\b(?:no wait|wait|just kidding|jk|actually|i mean|scratch that|make (?:that|it)|or rather|correction|on second thought|let me (?:re)?think|hmm no)\b|其实|不对|不是啦|开玩笑|应该是|更像是|改成|算了还是|我是说|说错了|更准确/iu;
const CORRECTION_MARKS = new RegExp(CORRECTION_MARK.source, "giu");

interface NumberHit {
  value: number;
  start: number;
  end: number;
  /** Marked as a rating ("/10", "分"). */
  marked: boolean;
  /** The second of a range ("6 or 7"): its partner's index. */
  rangeWith?: number;
}

const NUMBER_TOKEN = /\d+(?:[.,]\d+)?|[零〇一二两三四五六七八九十]+|\b(?:zero|nil|nought|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b|\b(?:for|to|too|ate|won)(?=\s*(?:out of (?:10|ten)|\/\s*10))/giu;
/** Voice-to-text homophones, only where a scale follows ("for out of ten"). */
const HOMOPHONES: Record<string, number> = { for: 4, to: 2, too: 2, ate: 8, won: 1 };

function numberHits(text: string): NumberHit[] {
  const hits: NumberHit[] = [];
  for (const found of allMatches(text, NUMBER_TOKEN)) {
    const token = found[0].toLowerCase();
    const start = found.index;
    const end = start + found[0].length;
    // Chinese numerals inside words are not numbers: 一点 (a bit), 一直 (always), 一般 (average).
    if (/^[零〇一二两三四五六七八九十]+$/u.test(token)) {
      const after = text.slice(end, end + 1);
      const before = text.slice(Math.max(0, start - 1), start);
      if (!/^(?:分|$|[\s,，。.!！?？~～吧啊呢左上下的]|或|到|至)/u.test(after) && !/[打给评]$/u.test(before)) continue;
      if (token === "一" && !/^分/u.test(after) && !/[打给评]$/u.test(before)) continue;
    }
    // "one" is a pronoun more often than a number ("the last one", "one of those").
    if (token === "one" && /\b(?:this|that|the|which|each|every|any|no|last|next|other|another|first)\s*$/i.test(text.slice(0, start))) continue;
    if (token === "one" && !/\b(?:a|about|maybe|like|around|only|just|probably|give it|say)\s*$/i.test(text.slice(0, start)) && !RATING_AFTER.test(text.slice(end)))
      if (!/^\s*$|^\s*[,.!?]/.test(text.slice(end))) continue;
    const afterText = text.slice(end);
    // The scale itself ("out of 10", "/10", "0 to 10") is not the answer.
    if (/(?:out of|outta|of|\/|0 to|0-|zero to|从0到|0到)\s*$/iu.test(text.slice(Math.max(0, start - 8), start))) continue;
    if (NOT_A_RATING_AFTER.test(afterText) && !RATING_AFTER.test(afterText)) continue;
    if (NOT_A_RATING_BEFORE.test(text.slice(0, start)) && !RATING_AFTER.test(afterText)) continue;
    const marked = RATING_AFTER.test(afterText);
    // "六七分", "七八": two adjacent numerals are a range.
    if (/^[一二两三四五六七八九]{2}$/u.test(token)) {
      const low = chineseNumber(token.slice(0, 1)) ?? 0;
      const high = chineseNumber(token.slice(1)) ?? 0;
      if (high === low + 1) {
        hits.push({ value: low, start, end: start + 1, marked });
        hits.push({ value: high, start: start + 1, end, marked, rangeWith: hits.length - 1 });
      }
      continue;
    }
    let value = HOMOPHONES[token] ?? tokenNumber(token);
    if (value === undefined) continue;
    // "five and a half", "6 and a half", "七点五", "七分半".
    const half = /^(?:\s+and\s+a\s+half|点五|點五|分半|\.5)/u.exec(afterText);
    if (half) value += 0.5;
    hits.push({ value, start, end: end + (half ? half[0].length : 0), marked });
  }
  // Ranges: "6 or 7", "6-7", "6 to 7", "5? 6?", "六分到七分", "between 8 and 9".
  for (let i = 1; i < hits.length; i++) {
    const a = hits[i - 1] as NumberHit;
    const b = hits[i] as NumberHit;
    if (b.rangeWith !== undefined) continue;
    const between = text.slice(a.end, b.start);
    const joined =
      /^\s*分?\s*(?:or|to|and|-|–|~|～|\/|或者?|到|至|和|跟)\s*$/iu.test(between) ||
      /^\s*[?？]\s*$/u.test(between) ||
      /^[\s.,，。]*(?:or\s+)?(?:maybe|perhaps|possibly|probably|or so|也许|可能|或许)\s*(?:a\s+)?$/iu.test(between) ||
      (/^\s+$/u.test(between) && Math.abs(b.value - a.value) === 1);
    const betweenWord = /\bbetween\s*$|介于\s*$|之间\s*$/u.test(text.slice(Math.max(0, a.start - 10), a.start));
    const close = Math.abs(b.value - a.value) > 0 && Math.abs(b.value - a.value) <= 2;
    if ((joined || (betweenWord && /^\s*(?:and|和|到)\s*$/u.test(between))) && close) b.rangeWith = i - 1;
  }
  return hits;
}

/** A 0–10 rating: the last one stated (a self-correction wins), a range's midpoint. */
export function extractRating(reply: string, max = 10): number | undefined {
  const text = foldText(reply);
  const corrections = allMatches(text, CORRECTION_MARKS).map((m) => m.index);
  const lastCorrection = corrections.length ? Math.max(...corrections) : -1;
  const all = numberHits(text);
  let hits = all.filter((hit) => hit.value >= 0 && hit.value <= max);
  if (hits.length === 0) return undefined;
  const after = hits.filter((hit) => hit.start > lastCorrection);
  if (after.length > 0) hits = after;
  const marked = hits.filter((hit) => hit.marked);
  const pool = marked.length > 0 ? marked : hits;
  const chosen = pool[pool.length - 1] as NumberHit;
  const partner = chosen.rangeWith !== undefined ? all[chosen.rangeWith] : undefined;
  return partner ? (partner.value + chosen.value) / 2 : chosen.value;
}

// ---------------------------------------------------------------------------------------------
// Durations

const UNIT_WORDS: readonly (readonly [RegExp, DurationUnit])[] = [
  [/^(?:days?|天|日)/iu, "day"],
  [/^(?:weeks?|wks?|个?星期|个?礼拜|周)/iu, "week"],
  [/^(?:months?|mths?|个多月|个月|月)/iu, "month"],
  [/^(?:years?|yrs?|年)/iu, "year"],
];

const EN_AMOUNT = /\b(?:(a couple of|a couple|couple of|couple|a|an|one|a single)|(\d+(?:\.\d+)?)|(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty))(?:\s*(?:-|to|or)\s*(?:\d+|[a-z]+))?\s+(?:more\s+)?(days?|weeks?|wks?|months?|mths?|years?|yrs?)\b/giu;
const ZH_AMOUNT = /(\d+|[一二两俩三四五六七八九十]+)(?:[一二两三四五六七八九十]|\s*[-到至~～]\s*(?:\d+|[一二两三四五六七八九十]+))?\s*(?:多|来|几|幾)?\s*(个多月|个几月|个月|个?星期|个?礼拜|周|天|日|年|月)/gu;

function unitOf(word: string): DurationUnit | undefined {
  for (const [pattern, unit] of UNIT_WORDS) if (pattern.test(word)) return unit;
  return undefined;
}

/** "a couple of weeks" → 2 week, "半年" → 6 month, "一年半" → 18 month; undefined for "a while", "since May". */
export function extractDuration(reply: string): Duration | undefined {
  const text = foldText(reply);
  if (/half (?:a|an) year|半年/u.test(text) && !/一年半|year and a half/u.test(text)) return { amount: 6, unit: "month" };
  const yearAndHalf = /(?:a|one|1) (?:year and a half|and a half years?)|一年半/u.exec(text);
  if (yearAndHalf) return { amount: 18, unit: "month" };
  const andHalfYears = /\b(\d+|two|three|four|five|six|seven|eight|nine|ten) and a half years?|([两二三四五六七八九十])年半/u.exec(text);
  if (andHalfYears) {
    const whole = tokenNumber(andHalfYears[1] ?? andHalfYears[2] ?? "");
    if (whole !== undefined) return { amount: whole * 12 + 6, unit: "month" };
  }
  const found: { at: number; duration: Duration }[] = [];
  for (const m of allMatches(text, EN_AMOUNT)) {
    const unit = unitOf(m[4] ?? "");
    const amount = m[1] ? (/couple/.test(m[1]) ? 2 : 1) : m[2] ? Number(m[2]) : EN_UNITS[m[3] ?? ""];
    if (unit && amount !== undefined) found.push({ at: m.index, duration: { amount, unit } });
  }
  for (const m of allMatches(text, ZH_AMOUNT)) {
    // "第一天" counts which day, not how many.
    if (text.slice(Math.max(0, m.index - 1), m.index) === "第") continue;
    const unit = unitOf(m[2] ?? "");
    const token = m[1] ?? "";
    // "两三个月": two adjacent numerals are a range, read as its lower bound.
    const amount = /^[一二两三四五六七八九]{2}$/u.test(token) ? tokenNumber(token.slice(0, 1)) : tokenNumber(token);
    if (unit && amount !== undefined && amount > 0) found.push({ at: m.index, duration: { amount, unit } });
  }
  if (found.length === 0) return undefined;
  found.sort((a, b) => a.at - b.at);
  const corrections = allMatches(text, CORRECTION_MARKS).map((m) => m.index);
  const lastCorrection = corrections.length ? Math.max(...corrections) : -1;
  const afterCorrection = found.filter((f) => f.at > lastCorrection);
  // After a correction, what it says; otherwise the first stated ("两周 也可能三周": a range's lower bound).
  return (lastCorrection >= 0 ? (afterCorrection[0] ?? found[found.length - 1]) : found[0])?.duration;
}

// ---------------------------------------------------------------------------------------------
// Options and choices

/** Day counts over the questionnaires' two weeks: 0 → not at all, 1–6 → several days, 7–11 → more than half, 12+ → nearly every day. */
function optionFromDays(days: number): number {
  if (days <= 0) return 0;
  if (days < 7) return 1;
  if (days < 12) return 2;
  return 3;
}

const ORDINALS: readonly (readonly [RegExp, number])[] = [
  [/\b(?:the )?(?:first|1st)(?: one| option)?\b|第一个|第一個|第一项|第一項/iu, 0],
  [/\b(?:the )?(?:second|2nd)(?: one| option)?\b|第二个|第二個|第二项|第二項/iu, 1],
  [/\b(?:the )?(?:third|3rd)(?: one| option)?\b|第三个|第三個|第三项|第三項/iu, 2],
  [/\b(?:the )?(?:fourth|4th|last)(?: one| option)\b|最后一个|最後一個|第四个|第四個|最后那个|最後那個/iu, 3],
];

/** Words for a frequency that the instruments' own phrase tables leave out (colloquial, Cantonese). */
const EXTRA_OPTION_PHRASES: readonly (readonly [RegExp, number])[] = [
  [/冇乜|完全唔會|完全冇|一次都冇|一日都冇|从来没有|從來沒有|一次都没|一天都没/u, 0],
  [/間唔中|间唔中|once or twice|a day or two|like once|just once|only once|the once|\btwice\b|\bseveral\b|a few times|hardly ever|(?:only|just) (?:at )?weekends|(?:just|only) a couple|less than half|一两次|一兩次|偶尔|偶爾|周一周二|有几次|有幾次|隔三差五|只有周末|只有週末/iu, 1],
  [/大半|过半|過半|一半多|50\/50|half the (?:time|days)\W+(?:\w+\W+){0,2}more|most (?:shifts|weeks|evenings|mornings|of the week)|more days than not|weekdays|work ?days|工作日|周一到周五|週一到週五|除了周末|除了週末|坏的日子多|壞的日子多/iu, 2],
  [/晚晚|日日|天天都|每晚都|差不多每天|差唔多每日|几乎每一天|幾乎每一天|没有停过|沒有停過|\bevery ?day\b|\bevery night\b|\balways\b/iu, 3],
];

const DAY_COUNT = /(\d+|[一二两俩三四五六七八九十]+|a couple of|a couple|couple of|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen)(?:\s*(?:or|to|-|或)\s*(?:\d+|[a-z]+)|[一二两三四五六七八九])?\s*(?:左右)?\s*(?:days?|nights?|times?|天|晚|日|次)(?:\s*(?:a|per|each|every)\s*week|\s*(?:一周|每周|每星期|一個星期|一个星期))?/giu;
const PER_WEEK = /(?:a|per|each|every)\s*week|一周|每周|每星期|一個星期|一个星期/iu;
const OF_A_WEEK = /(?:一周|每周|一星期|一個星期|一个星期)七天有?(\d+|[一二两三四五六七八九])天/u;
const STRONG_ZERO = /not at all|never|none|完全|从来|從來|从不|從不|一次都|一天都|\b0\b|零/iu;
const UNSURE = /not sure|no idea|don'?t know|dunno|no clue|不知道|不确定|不確定|说不准|說不準|不清楚|没数|沒數|没统计|沒統計|没注意|沒注意|算不清|唔知/iu;

function dayCountOption(text: string): number | undefined {
  // "10 out of 14", "十四天里有十天": the days of the two weeks.
  const ofFourteen = /(\d+|[一二两三四五六七八九十]+)\s*(?:out of|of the|\/)\s*(?:14|fourteen)|(?:十四|14)\s*天里?(?:有|也就)?\s*(\d+|[一二两三四五六七八九十]+)/iu.exec(text);
  if (ofFourteen) {
    const days = tokenNumber(ofFourteen[1] ?? ofFourteen[2] ?? "");
    if (days !== undefined) return optionFromDays(days);
  }
  const ofWeek = OF_A_WEEK.exec(text);
  if (ofWeek) return optionFromDays((tokenNumber(ofWeek[1] ?? "") ?? 0) * 2);
  const found = allMatches(text, DAY_COUNT);
  if (found.length !== 1) return undefined;
  const match = found[0] as RegExpMatchArray;
  const token = (match[1] ?? "").toLowerCase();
  let days = /couple/.test(token) ? 2 : /^[一二两三四五六七八九]{2}$/u.test(token) ? tokenNumber(token.slice(0, 1)) : tokenNumber(token);
  if (days === undefined) return undefined;
  if (PER_WEEK.test(match[0])) days *= 2;
  return optionFromDays(days);
}

/**
 * A questionnaire option (0–3): the instruments' own reading first (exact phrases, negations,
 * corrections); else a count of days, an ordinal ("the third one", "最后一个"), or a colloquial
 * frequency. A bare "no"-word in an unsure reply ("不知道 没数过") is not "not at all".
 */
export function extractOption(reply: string, lang: ReplyLanguage): number | undefined {
  const text = foldText(reply);
  const unsure = UNSURE.test(text);
  const result = interpretAnswer(reply, lang);
  const extra = EXTRA_OPTION_PHRASES.find(([pattern]) => {
    const found = pattern.exec(text);
    return found !== null && !/(?:\bnot|n't|不|没|沒|唔)\s*$/u.test(text.slice(Math.max(0, found.index - 6), found.index));
  })?.[1];
  if (result.score !== null) {
    // A weak "not really" beside a count ("like once. not really an issue") is the count's.
    if (result.score === 0 && !STRONG_ZERO.test(text)) return unsure ? undefined : (extra ?? dayCountOption(text) ?? 0);
    return result.score;
  }
  if (extra !== undefined) return extra;
  for (const [pattern, score] of ORDINALS) if (pattern.test(text)) return score;
  return unsure ? undefined : dayCountOption(text);
}

/** The labels a question gives its options, in order ("…: 睡眠、压力还是人际关系？"), when they line up with the ids. */
function labelsFromQuestion(question: string, count: number): string[] | undefined {
  const tail = question.split(/[:：]/u).pop() ?? question;
  const parts = tail
    .replace(/[?？。.!！]+\s*$/u, "")
    .split(/\s*(?:,|，|、|\/|;|；|\bor\b|还是|或者|或是|或)\s*/iu)
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.length === count ? parts : undefined;
}

/** Characters too common to tell two options apart. */
const COMMON_HAN = new Set([..."的一是了我你他她它们們还還吧都想聊个個点點些这這那就也很太不没沒有在和与與或者还是還是要会會能可以啊呢嘛啦吗嗎事情方面比较較最更"]);

/** How much a reply shares with an option's label: word stems for Latin text, uncommon characters for Chinese. */
function overlap(reply: string, label: string): number {
  let score = 0;
  const stems = (text: string) => (text.match(/[a-z]{3,}/g) ?? []).map((word) => word.slice(0, Math.min(word.length, 5)));
  const replyStems = new Set(stems(reply));
  for (const stem of stems(label.replace(/_/g, " "))) if (replyStems.has(stem)) score += 2;
  const replyHan = new Set(Array.from(reply.match(/\p{Script=Han}/gu) ?? []));
  for (const ch of new Set(Array.from(label.match(/\p{Script=Han}/gu) ?? []))) if (!COMMON_HAN.has(ch) && replyHan.has(ch)) score += 1;
  return score;
}

/**
 * One of the listed options: an exact or named option, a position ("2"), or the one option whose
 * words (or whose label in the question, "…：睡眠、压力还是人际关系？") the reply shares most with.
 */
export function extractChoice(reply: string, options: readonly (string | number | boolean | null)[], question = ""): string | number | boolean | null | undefined {
  // "work i think. no actually family": what follows a correction decides, when it names an option.
  const corrections = allMatches(reply, CORRECTION_MARKS);
  const last = corrections[corrections.length - 1];
  if (last) {
    const after = choiceIn(reply.slice(last.index + last[0].length), options, question);
    if (after !== undefined) return after;
  }
  return choiceIn(reply, options, question);
}

function choiceIn(reply: string, options: readonly (string | number | boolean | null)[], question: string): string | number | boolean | null | undefined {
  const direct = coerceEnum(reply, options);
  if (direct !== undefined) return options.find((option) => option === direct);
  const text = foldText(reply);
  // "the second one", "第二个", "the last one": by position, as options are listed.
  const position = ORDINALS.find(([pattern]) => pattern.test(text))?.[1];
  if (position !== undefined && options.length > 1) {
    const last = /\blast\b|最后|最後/u.test(text);
    return options[last ? options.length - 1 : position];
  }
  // "B", "the middle one", "中间那个": by letter or the middle of three.
  const letter = /^\s*(?:option\s+)?([a-d])\s*[.)]?\s*$/iu.exec(text)?.[1];
  if (letter && /\b[a-d]\s*[.)：:]?\s*\S/iu.test(question)) return options["abcd".indexOf(letter.toLowerCase())];
  if (options.length === 3 && /\bthe middle\b|中间那|中間那|中间的|中間的|中間嗰/u.test(text)) return options[1];
  const labels = labelsFromQuestion(foldText(question), options.length);
  const scores = options.map((option, index) => {
    const label = labels ? labels[index] ?? "" : "";
    const byName = Math.max(overlap(text, String(option).toLowerCase()), label ? overlap(text, label) : 0);
    // Words of the topic an option names count for less than its own words.
    return byName > 0 ? byName + 1 : overlap(text, foldText(optionWords(String(option)))) > 0 ? 1 : 0;
  });
  const best = Math.max(...scores);
  if (best <= 0 || scores.filter((score) => score === best).length > 1) return undefined;
  return options[scores.indexOf(best)];
}
