/**
 * Deterministic extraction: turns a reply into a typed value without a model. Used for `direct`
 * and `pattern` extraction always, and for `llm` extraction in template mode. English and Chinese.
 */
import type { FieldSpec, JsonValue } from "../llm/port";

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

export function coerceNumber(text: string): number | undefined {
  const digits = /-?\d+(?:[.,]\d+)?/.exec(text);
  if (digits) return Number(digits[0].replace(",", "."));
  return parseChineseNumber(text) ?? parseEnglishNumber(text);
}

const YES_EN = /\b(yes|yeah|yep|yup|sure|ok(ay)?|of course|definitely|absolutely|certainly|i do|i would|i will|i am|i'd like|let'?s|please do|sounds good|alright|happy to|why not|correct|right|true|agreed?)\b/i;
const NO_EN = /\b(no|nope|nah|not really|not now|no thanks|don'?t|do not|wouldn'?t|rather not|never|false|incorrect|i'?m not)\b/i;
const UNSURE_EN = /\b(not sure|unsure|maybe|don'?t know|dunno|perhaps|i guess)\b/i;
const YES_ZH = /(是的|是|对|好的|好|可以|行|嗯|愿意|要|没问题|当然|同意|有)/u;
const NO_ZH = /(不是|不要|不想|不用|不愿意|不行|不可以|不同意|没有|算了|不|没)/u;
const UNSURE_ZH = /(不确定|不知道|说不好|也许|可能吧|看情况)/u;

export function coerceBoolean(text: string): boolean | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (UNSURE_EN.test(t) || UNSURE_ZH.test(t)) return undefined;
  // Negative forms first: "不要" contains "要", "don't want" contains "want".
  const no = NO_EN.test(t) || NO_ZH.test(t);
  const yes = YES_EN.test(t) || YES_ZH.test(t.replace(NO_ZH, ""));
  if (no && !yes) return false;
  if (yes && !no) return true;
  return undefined;
}

function normaliseWords(text: string): string {
  return text.toLowerCase().replace(/[_\-]+/g, " ").replace(/\s+/g, " ").trim();
}

export function coerceEnum(text: string, values: readonly (string | number | boolean | null)[]): JsonValue | undefined {
  const reply = normaliseWords(text);
  if (!reply) return undefined;
  const exact = values.find((v) => normaliseWords(String(v)) === reply);
  if (exact !== undefined) return exact;
  // A reply that names exactly one allowed value ("mostly anxiety or worry" → anxiety_or_worry).
  const named = values.filter((v) => {
    const words = normaliseWords(String(v));
    return words.length > 0 && new RegExp(`(^|[^\\p{L}])${words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^\\p{L}]|$)`, "u").test(reply);
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
