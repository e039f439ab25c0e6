/**
 * Deterministic extraction: turns a reply into a typed value without a model. Used for `direct`
 * and `pattern` extraction always, and for `llm` extraction in template mode. English and Chinese.
 */
import type { FieldSpec, JsonValue } from "../llm/port";
import { allMatches } from "../text/matches";
import { foldText } from "../text/normalise";

const EN_NUMBERS: Record<string, number> = {
  zero: 0, none: 0, nothing: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80,
  ninety: 90, hundred: 100,
};

const ZH_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 十, 二十五, 一百, 七十 → numbers (up to 999), for answers like "大概七十分". */
function parseChineseNumber(text: string): number | undefined {
  const match = /[零〇一二两三四五六七八九十百]+/u.exec(text);
  if (!match) return undefined;
  const s = match[0];
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else {
      const digit = ZH_DIGITS[ch];
      if (digit === undefined) return undefined;
      current = current * 10 + digit;
    }
  }
  return total + current;
}

function parseEnglishNumber(text: string): number | undefined {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  let value: number | undefined;
  for (const word of words) {
    const n = EN_NUMBERS[word];
    if (n === undefined) {
      if (value !== undefined) break;
      continue;
    }
    if (n === 100) value = (value || 1) * 100;
    else value = (value ?? 0) + n;
  }
  return value;
}

/** Numbers that are clock times ("11pm", "10:30", "9点") or percentages answer something else. */
const NUMBER = /(?<![\d:：])-?\d+(?:[.,]\d+)?(?!\d|[.,]\d|\s*(?:am\b|pm\b|a\.m|p\.m|[:：]\d|点|%|％))/giu;

/** Every number in the reply, in order (digits; else a Chinese or English number in words). */
export function findNumbers(text: string): number[] {
  const digits = allMatches(text, NUMBER).map((m) => Number(m[0].replace(",", ".")));
  if (digits.length > 0) return digits;
  const single = parseChineseNumber(text) ?? parseEnglishNumber(text);
  return single === undefined ? [] : [single];
}

export function coerceNumber(text: string): number | undefined {
  return findNumbers(text)[0];
}

type Polarity = "yes" | "no" | "unsure" | "neutral";

/**
 * Yes/no phrases, matched leftmost-longest so "no problem" is a yes, "not right now" a no, and
 * "还是" (rather) is not read as "是" (yes). The first yes or no decides; any hedge means unsure.
 */
const BOOLEAN_PHRASES: readonly (readonly [string, Polarity])[] = [
  ["no problem", "yes"], ["no worries", "yes"], ["i don't mind", "yes"], ["i do not mind", "yes"], ["don't mind", "yes"],
  ["why not", "yes"], ["that's right", "yes"], ["that is right", "yes"], ["sounds good", "yes"], ["go ahead", "yes"],
  ["of course", "yes"], ["i'd like", "yes"], ["i would like", "yes"], ["i'd love", "yes"], ["happy to", "yes"],
  ["please do", "yes"], ["i agree", "yes"], ["i do", "yes"], ["i have", "yes"], ["i would", "yes"], ["i will", "yes"],
  ["not right now", "no"], ["not now", "no"], ["not really", "no"], ["not at the moment", "no"], ["no thanks", "no"],
  ["that's not right", "no"], ["that is not right", "no"], ["not right", "no"], ["not quite", "no"],
  ["rather not", "no"], ["i don't", "no"], ["i do not", "no"], ["i haven't", "no"], ["i have not", "no"],
  ["i wouldn't", "no"], ["i won't", "no"], ["don't want", "no"],
  ["i guess so", "yes"], ["guess so", "yes"], ["i suppose so", "yes"], ["suppose so", "yes"], ["i think so", "yes"],
  ["not sure", "unsure"], ["no idea", "unsure"], ["i don't know", "unsure"], ["don't know", "unsure"], ["i guess", "unsure"],
  ["think about it", "unsure"], ["think about", "unsure"], ["we'll see", "unsure"],
  ["yes", "yes"], ["yeah", "yes"], ["yep", "yes"], ["yup", "yes"], ["sure", "yes"], ["ok", "yes"], ["okay", "yes"],
  ["definitely", "yes"], ["absolutely", "yes"], ["certainly", "yes"], ["alright", "yes"], ["correct", "yes"],
  ["right", "yes"], ["agreed", "yes"], ["fine", "yes"], ["true", "yes"], ["let's", "yes"], ["lets", "yes"],
  ["no", "no"], ["nope", "no"], ["nah", "no"], ["never", "no"], ["incorrect", "no"], ["wrong", "no"], ["false", "no"],
  ["maybe", "unsure"], ["perhaps", "unsure"], ["unsure", "unsure"], ["dunno", "unsure"], ["possibly", "unsure"],
  ["sort of", "unsure"], ["sorta", "unsure"], ["kind of", "unsure"], ["kinda", "unsure"], ["sometimes", "unsure"], ["none", "no"],
  // Chinese has no word boundaries: the longer phrase wins at each position.
  ["没问题", "yes"], ["没意见", "yes"], ["没错", "yes"], ["不介意", "yes"], ["想试试", "yes"], ["当然", "yes"],
  ["是的", "yes"], ["对的", "yes"], ["好的", "yes"], ["可以", "yes"], ["愿意", "yes"], ["同意", "yes"],
  ["有过", "yes"], ["看过", "yes"], ["试过", "yes"], ["做过", "yes"],
  ["不确定", "unsure"], ["不知道", "unsure"], ["说不好", "unsure"], ["说不准", "unsure"], ["再想想", "unsure"],
  ["看情况", "unsure"], ["没想好", "unsure"], ["沒想好", "unsure"], ["没决定", "unsure"], ["沒決定", "unsure"], ["再看看", "unsure"], ["到时候再说", "unsure"], ["也许", "unsure"], ["可能", "unsure"], ["或许", "unsure"],
  ["还是", "neutral"], ["但是", "neutral"], ["可是", "neutral"], ["就是", "neutral"], ["只是", "neutral"],
  ["要是", "neutral"], ["不过", "neutral"], ["不管", "neutral"], ["不少", "neutral"], ["好耐", "neutral"], ["好好", "neutral"],
  ["有时候", "unsure"], ["有时", "unsure"], ["谁知道", "unsure"], ["难讲", "unsure"], ["再说吧", "unsure"],
  // Cantonese and colloquial noes: 冇 (none), 唔係 (is not), 未 (not yet), 莫得, a rhetorical 哪有 ("哪有空").
  ["唔系", "no"], ["唔使", "no"], ["冇", "no"], ["唔", "no"], ["未", "no"], ["还没", "no"], ["莫得", "no"], ["没得", "no"], ["哪有", "no"], ["未必", "unsure"],
  ["不是", "no"], ["不要", "no"], ["不想", "no"], ["不用", "no"], ["不愿意", "no"], ["不行", "no"], ["不可以", "no"],
  ["不同意", "no"], ["不对", "no"], ["没有", "no"], ["算了", "no"], ["从来没", "no"],
  // 绝对 (absolutely) strengthens what follows: "绝对不要" is a no; 对不起 (sorry) holds no 对 (right).
  ["绝对不", "no"], ["绝对没", "no"], ["对不起", "neutral"],
  // Words that open with 好/要/想 but say neither: 好像 (seems), 好久 and 好几 (long, several),
  // 要不 (how about), 想了想 (on reflection); 想不起 (can't recall) is a doubt.
  ["好像", "neutral"], ["好久", "neutral"], ["好几", "neutral"], ["要不", "neutral"], ["想了想", "neutral"], ["想不起", "unsure"],
  ["是", "yes"], ["对", "yes"], ["好", "yes"], ["行", "yes"], ["嗯", "yes"], ["要", "yes"], ["想", "yes"], ["有", "yes"],
  ["不", "no"], ["没", "no"],
];

const isCjk = (phrase: string) => /\p{Script=Han}/u.test(phrase);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const BOOLEAN_PATTERN = new RegExp(
  [...BOOLEAN_PHRASES]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([phrase]) => (isCjk(phrase) ? escape(phrase) : `(?<![\\p{L}'’])${escape(phrase).replace(/'/g, "['’]")}(?![\\p{L}'’])`))
    .join("|"),
  "giu",
);
const POLARITY = new Map(BOOLEAN_PHRASES.map(([phrase, polarity]) => [phrase, polarity]));

export function coerceBoolean(text: string): boolean | undefined {
  let decided: boolean | undefined;
  // Folded, so Traditional characters (沒有, 當然) read as their Simplified phrases.
  const folded = foldText(text);
  if (SCORNED_WORD.test(folded)) return false;
  for (const match of allMatches(folded, BOOLEAN_PATTERN)) {
    const polarity = POLARITY.get(match[0].toLowerCase().replace(/’/g, "'"));
    if (polarity === "unsure") return undefined;
    if (decided === undefined && (polarity === "yes" || polarity === "no")) decided = polarity === "yes";
  }
  return decided;
}

/** A word scorned with 个屁, 个锤子, 个鬼, 个毛线 ("好个屁", "理解个锤子"): an emphatic no. */
const SCORNED_WORD = /\p{Script=Han}[个](?:屁|锤子|鬼|毛线|毛|球)(?!\p{Script=Han})/u;

/** A negation just before a phrase ("not a lot", "haven't tried", "不太") cancels it. */
const NEGATED_BEFORE = /(?:\bnot|n't|\bno|\bnever|不|没|未)\s*(?:\p{L}+\s+){0,2}$/iu;

function normaliseWords(text: string): string {
  return text.toLowerCase().replace(/[_\-]+/g, " ").replace(/\s+/g, " ").trim();
}

const LETTER = /\p{L}/u;

/** Where `words` first stand in `text` as whole words (no letter either side), or -1. No pattern is built per call. */
function wholeWordsAt(text: string, words: string): number {
  for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
    const before = at > 0 ? (text[at - 1] ?? "") : "";
    const after = text[at + words.length] ?? "";
    if (!LETTER.test(before) && !LETTER.test(after)) return at;
  }
  return -1;
}

export function coerceEnum(text: string, values: readonly (string | number | boolean | null)[]): JsonValue | undefined {
  const reply = normaliseWords(text);
  if (!reply) return undefined;
  const exact = values.find((v) => normaliseWords(String(v)) === reply);
  if (exact !== undefined) return exact;
  // A reply that names exactly one allowed value ("mostly anxiety or worry" → anxiety_or_worry).
  const named = values.filter((v) => {
    const words = normaliseWords(String(v));
    if (!words) return false;
    const at = wholeWordsAt(reply, words);
    return at >= 0 && !NEGATED_BEFORE.test(reply.slice(0, at));
  });
  if (named.length === 1) return named[0];
  // A number picks by position (1-based), as clients do when options are listed.
  const n = /^\s*(\d+)\s*$/.exec(text);
  if (n) {
    const index = Number(n[1]) - 1;
    if (index >= 0 && index < values.length) return values[index] ?? undefined;
  }
  return undefined;
}

export function coerceList(text: string): string[] | undefined {
  const items = text
    .split(/\s*(?:,|，|、|;|；|\band\b|\n|和|以及)\s*/iu)
    .map((s) => s.trim().replace(/[.。!！]+$/u, ""))
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function coerceText(text: string): string | undefined {
  const t = text.trim().replace(/[.。!！]+$/u, "").trim();
  return t || undefined;
}

/** The reply coerced to the field's type; undefined when it does not contain such a value. */
export function coerceToField(text: string, field: Pick<FieldSpec, "type" | "values">): JsonValue | undefined {
  switch (field.type) {
    case "number":
      return coerceNumber(text);
    case "boolean":
      return coerceBoolean(text);
    case "enum":
      return field.values?.length ? coerceEnum(text, field.values) : coerceText(text);
    case "list":
      return coerceList(text);
    case "object":
      return undefined;
    case "text":
      return coerceText(text);
  }
}

/** First capture group of `pattern` (or the whole match), coerced; undefined when it does not match. */
export function extractByPattern(text: string, pattern: string, field: Pick<FieldSpec, "type" | "values">): JsonValue | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, "iu");
  } catch {
    return undefined;
  }
  const match = regex.exec(text);
  if (!match) return undefined;
  return coerceToField(match[1] ?? match[0], field);
}
