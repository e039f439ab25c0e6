/**
 * Deterministic value extractors for reply understanding: a rating in digits or words, a name out
 * of a sentence, a duration, a questionnaire option, a listed choice. Each returns undefined when
 * the reply does not give such a value; none guesses. English and Chinese (Traditional folded).
 */
import { interpretAnswer } from "../instruments";
import { coerceEnum } from "../runtime/coerce";
import { foldText } from "../text/normalize";
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
  /\b(?:no wait|wait|actually|i mean|scratch that|make (?:that|it)|or rather|correction|on second thought|let me (?:re)?think|hmm no)\b|其实|不对|应该是|更像是|改成|算了还是|我是说|说错了|更准确/iu;

interface NumberHit {
  value: number;
  start: number;
  end: number;
  /** Marked as a rating ("/10", "分"). */
  marked: boolean;
  /** The second of a range ("6 or 7"): its partner's index. */
  rangeWith?: number;
}

const NUMBER_TOKEN = /\d+(?:[.,]\d+)?|[零〇一二两三四五六七八九十]+|\b(?:zero|nil|nought|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/giu;

function numberHits(text: string): NumberHit[] {
  const hits: NumberHit[] = [];
  for (const found of text.matchAll(NUMBER_TOKEN)) {
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
    if (token === "one" && !/\b(?:a|about|maybe|like|around|only|just|probably|give it|say)\s*$/i.test(text.slice(0, start)) && !RATING_AFTER.test(text.slice(end)))
      if (!/^\s*$|^\s*[,.!?]/.test(text.slice(end))) continue;
    const value = tokenNumber(token);
    if (value === undefined) continue;
    const afterText = text.slice(end);
    if (NOT_A_RATING_AFTER.test(afterText) && !RATING_AFTER.test(afterText)) continue;
    if (NOT_A_RATING_BEFORE.test(text.slice(0, start)) && !RATING_AFTER.test(afterText)) continue;
    hits.push({ value, start, end, marked: RATING_AFTER.test(afterText) });
  }
  // Ranges: "6 or 7", "6-7", "6 to 7", "六七分".
  for (let i = 1; i < hits.length; i++) {
    const a = hits[i - 1] as NumberHit;
    const b = hits[i] as NumberHit;
    const between = text.slice(a.end, b.start);
    if (/^\s*(?:or|to|-|–|~|～|\/|或者?|到|至)?\s*$/iu.test(between) && b.value > a.value && b.value - a.value <= 3) b.rangeWith = i - 1;
  }
  return hits;
}

/** A 0–10 rating: the last one stated (a self-correction wins), a range's midpoint. */
export function extractRating(reply: string, max = 10): number | undefined {
  const text = foldText(reply);
  const corrections = [...text.matchAll(new RegExp(CORRECTION_MARK.source, "giu"))].map((m) => m.index);
  const lastCorrection = corrections.length ? Math.max(...corrections) : -1;
  let hits = numberHits(text).filter((hit) => hit.value >= 0 && hit.value <= max);
  if (hits.length === 0) return undefined;
  const after = hits.filter((hit) => hit.start > lastCorrection);
  if (after.length > 0) hits = after;
  const marked = hits.filter((hit) => hit.marked);
  const pool = marked.length > 0 ? marked : hits;
  const chosen = pool[pool.length - 1] as NumberHit;
  const all = numberHits(text);
  const index = all.findIndex((hit) => hit.start === chosen.start);
  const partner = chosen.rangeWith !== undefined ? all[chosen.rangeWith] : undefined;
  if (partner && index >= 0) return (partner.value + chosen.value) / 2;
  // "六七分": two adjacent single numerals are a range too.
  const adjacent = /([一二三四五六七八九])([一二三四五六七八九])分/u.exec(text);
  if (adjacent) {
    const a = chineseNumber(adjacent[1] ?? "") ?? 0;
    const b = chineseNumber(adjacent[2] ?? "") ?? 0;
    if (b === a + 1) return (a + b) / 2;
  }
  return chosen.value;
}

// ---------------------------------------------------------------------------------------------
// Names

/** English cues that introduce the name to use; the last one in the reply wins ("I'm Sam… call me Sammy"). */
const EN_NAME_CUE =
  /(?:\bcall me|\bcalls? me|\bcalled|\bgo by|\bgoes by|\bmy name(?:'s| is)|\bname(?:'s| is)|\bi(?:'m| am)|\bim|\bit(?:'s| is)|\bthis is|\bjust)\s+/giu;
/** Chinese cues before the name. */
const ZH_NAME_CUE = /(?:叫我|喊我|称呼我|我叫|我的名字是|名字是|名字叫|我是|就叫|都叫我|都喊我|可以叫|叫)\s*/gu;
/** What follows a Chinese name out of politeness. */
const ZH_NAME_TAIL = /(?:就好了?|就行了?|就可以了?|就成|就ok|好了|可以了|即可|吧|啊|呀|哦|噢|喔|嘛|呢|啦|哈|哈哈|的|哒|嗯)+$/u;

/** Words that follow "I'm"/"it's"/"just" without being a name. */
const NOT_NAMES = new Set(
  (
    "a an the not no so very really just fine ok okay good great alright tired sorry here back sure unsure afraid scared worried " +
    "nervous anxious happy sad feeling doing going trying kind sort pretty quite bit little also still from in on at with " +
    "uncomfortable comfortable private confused lost stressed exhausted busy new old married single done over fed hoping " +
    "thinking wondering asking saying that this what who why how when where there it them me you your my our his her " +
    "nobody nothing none anonymous called rather prefer happier better worse like gonna wanna gotta only all every one two " +
    "complicated personal weird fine. nah yes yeah yep nope well hmm um uh er oh lol idk maybe probably honestly literally " +
    "glad sick ill male female student teacher nurse mum mom dad mother father retired unemployed working a.k.a aka"
  ).split(" "),
);

const ZH_NOT_NAMES = /^(?:学生|老师|上班族|一个|个|谁|什么|机器人|真人|不|没|不想|不太|不方便|随便|无所谓|匿名|保密|这个|那个|你|我|他|她|的|问|病人|来访者|妈妈|爸爸|打工人)/u;

function cleanEnglishName(candidate: string): string | undefined {
  const words = candidate.split(/\s+/).filter(Boolean);
  const taken: string[] = [];
  for (const word of words) {
    const bare = word.replace(/[^\p{L}\p{M}'’.\-]/gu, "");
    if (!bare) break;
    const lower = bare.toLowerCase().replace(/\.$/, "");
    if (taken.length === 0 && NOT_NAMES.has(lower)) return undefined;
    if (taken.length > 0 && (NOT_NAMES.has(lower) || !/^\p{Lu}/u.test(bare) || /^(?:is|and|but|please|thanks|thank|btw)$/i.test(lower))) break;
    taken.push(bare.replace(/[.']+$/u, (m) => (/^(?:dr|mr|mrs|ms|st)$/i.test(bare.slice(0, -1)) ? m : "")));
    if (/[,.!?;:]$/.test(word) && !/^(?:dr|mr|mrs|ms|st)\.$/i.test(word)) break;
    if (taken.length >= 3) break;
  }
  return taken.length ? taken.join(" ") : undefined;
}

function cleanChineseName(candidate: string): string | undefined {
  const head = /^[\p{Script=Han}A-Za-z]{1,6}/u.exec(candidate.replace(/^[\s:：]+/u, ""))?.[0];
  if (!head) return undefined;
  const name = head.replace(ZH_NAME_TAIL, "");
  if (!name || ZH_NOT_NAMES.test(name)) return undefined;
  return name;
}

/**
 * The name the client asks to be called, taken from the original text (case kept), or undefined
 * when the reply gives none ("I'd rather not say", "why do you need it?").
 */
export function extractName(reply: string): string | undefined {
  const text = reply.normalize("NFKC").trim();
  if (!text) return undefined;
  let best: { at: number; name: string } | undefined;
  for (const found of text.matchAll(EN_NAME_CUE)) {
    const name = cleanEnglishName(text.slice(found.index + found[0].length));
    if (name && (!best || found.index >= best.at)) best = { at: found.index, name };
  }
  for (const found of text.matchAll(ZH_NAME_CUE)) {
    const name = cleanChineseName(text.slice(found.index + found[0].length));
    if (name && (!best || found.index >= best.at)) best = { at: found.index, name };
  }
  if (best) return best.name;
  // A bare name: one to three words, or a short Chinese name, with nothing else.
  const bare = text.replace(/[.!。！~～]+$/u, "").trim();
  if (/^[\p{Script=Han}]{1,4}$/u.test(bare)) return cleanChineseName(bare);
  if (/^\p{L}[\p{L}'’.\-]*(?:\s+\p{L}[\p{L}'’.\-]*){0,2}$/u.test(bare) && !/\?/.test(reply)) {
    const words = bare.split(/\s+/);
    if (words.some((word) => NOT_NAMES.has(word.toLowerCase()))) return undefined;
    if (words.length > 1 && !words.every((word) => /^\p{Lu}/u.test(word))) return undefined;
    return bare;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Durations

const UNIT_WORDS: readonly (readonly [RegExp, DurationUnit])[] = [
  [/^(?:days?|天|日)/iu, "day"],
  [/^(?:weeks?|wks?|个?星期|个?礼拜|周)/iu, "week"],
  [/^(?:months?|mths?|个多月|个月|月)/iu, "month"],
  [/^(?:years?|yrs?|年)/iu, "year"],
];

const EN_AMOUNT = /\b(?:(a couple of|a couple|couple of|a|an|one|a single)|(\d+(?:\.\d+)?)|(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty))(?:\s*(?:-|to|or)\s*(?:\d+|[a-z]+))?\s+(?:more\s+)?(days?|weeks?|wks?|months?|mths?|years?|yrs?)\b/giu;
const ZH_AMOUNT = /(\d+|[一二两三四五六七八九十]+)(?:[一二两三四五六七八九十]|\s*[-到至~～]\s*(?:\d+|[一二两三四五六七八九十]+))?\s*(?:多)?\s*(个多月|个月|个?星期|个?礼拜|周|天|日|年|月)/gu;

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
  const found: { at: number; duration: Duration }[] = [];
  for (const m of text.matchAll(EN_AMOUNT)) {
    const unit = unitOf(m[4] ?? "");
    const amount = m[1] ? (/couple/.test(m[1]) ? 2 : 1) : m[2] ? Number(m[2]) : EN_UNITS[m[3] ?? ""];
    if (unit && amount !== undefined) found.push({ at: m.index, duration: { amount, unit } });
  }
  for (const m of text.matchAll(ZH_AMOUNT)) {
    const unit = unitOf(m[2] ?? "");
    const token = m[1] ?? "";
    // "两三个月": two adjacent numerals are a range, read as its lower bound.
    const amount = /^[一二两三四五六七八九]{2}$/u.test(token) ? tokenNumber(token.slice(0, 1)) : tokenNumber(token);
    if (unit && amount !== undefined && amount > 0) found.push({ at: m.index, duration: { amount, unit } });
  }
  if (found.length === 0) return undefined;
  found.sort((a, b) => a.at - b.at);
  const corrections = [...text.matchAll(new RegExp(CORRECTION_MARK.source, "giu"))].map((m) => m.index);
  const lastCorrection = corrections.length ? Math.max(...corrections) : -1;
  const afterCorrection = found.filter((f) => f.at > lastCorrection);
  return (afterCorrection[afterCorrection.length - 1] ?? found[0])?.duration;
}

// ---------------------------------------------------------------------------------------------
// Options and choices

export function extractOption(reply: string, lang: ReplyLanguage): number | undefined {
  const result = interpretAnswer(reply, lang);
  return result.score ?? undefined;
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

export function extractChoice(reply: string, options: readonly (string | number | boolean | null)[], question = ""): string | number | boolean | null | undefined {
  const direct = coerceEnum(reply, options);
  if (direct !== undefined) return options.find((option) => option === direct);
  const labels = labelsFromQuestion(foldText(question), options.length);
  if (!labels) return undefined;
  const text = foldText(reply);
  const named = labels.flatMap((label, index) => {
    const core = label.replace(/^(?:the|my|your|a|an|是|主要是)\s*/u, "");
    return core.length >= 2 && text.includes(core) ? [index] : [];
  });
  return named.length === 1 ? options[named[0] as number] : undefined;
}
