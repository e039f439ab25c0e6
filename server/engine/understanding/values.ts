/**
 * Deterministic value extractors for reply understanding: numbers in digits or words, and a rating
 * (durations: ./durations.ts, questionnaire options: ./options.ts, names: ./names.ts, listed choices: ./choices.ts). Each returns undefined when
 * the reply does not give such a value; none guesses. English and Chinese (Traditional folded).
 */
import { allMatches } from "../text/matches";
import { foldText } from "../text/normalise";

export const EN_UNITS: Record<string, number> = {
  zero: 0, nil: 0, nought: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
};
/** Chinese digits, with the formal ones used on cheques and forms (叁, 伍). */
const ZH_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
};

/** 十, 二十五, 七, 廿五 (twenty-five), 叁 → number; undefined for anything else. */
function chineseNumber(s: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾廿卅]+$/u.test(s)) return undefined;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === "廿" || ch === "卅") {
      total += ch === "廿" ? 20 : 30;
      current = 0;
    } else if (ch === "十" || ch === "拾") {
      total += (current || 1) * 10;
      current = 0;
    } else current = current * 10 + (ZH_DIGITS[ch] ?? 0);
  }
  return total + current;
}

/** A number token (digits, an English number word, a Chinese numeral) as a number. */
export function tokenNumber(token: string): number | undefined {
  if (token === "俩") return 2;
  if (token === "仨") return 3;
  if (/^\d+(?:[.,]\d+)?$/.test(token)) return Number(token.replace(",", "."));
  return EN_UNITS[token] ?? chineseNumber(token);
}

/**
 * A count token that may be a Chinese range of two numerals ("两三", "三五", "十五六", "二十三四"): the
 * range's lower bound; any other token as itself.
 */
export function rangeLow(token: string): number | undefined {
  if (/^[一二两三四五六七八九]{2}$/u.test(token)) return tokenNumber(token.slice(0, 1));
  // "四五十": a range of tens, its lower ten.
  const tens = /^([一二两三四五六七八])([二三四五六七八九])十$/u.exec(token);
  const [low, high] = [tokenNumber(tens?.[1] ?? ""), tokenNumber(tens?.[2] ?? "")];
  if (low !== undefined && high !== undefined && high > low) return low * 10;
  const range = /^((?:[一二两三四五六七八九]?十))([一二三四五六七八])([二三四五六七八九])$/u.exec(token);
  if (range && (tokenNumber(range[3] ?? "") ?? 0) > (tokenNumber(range[2] ?? "") ?? 0)) return tokenNumber(`${range[1] ?? ""}${range[2] ?? ""}`);
  return tokenNumber(token);
}

/** What follows a number that makes it a count of something else (age, children, hours, times, dates). */
const NOT_A_RATING_AFTER =
  /^\s*(?:years?|yrs?|yo\b|y\/o|kids?|children|sons?|daughters?|hours?|hrs?|h\b|minutes?|mins?|days?|nights?|weeks?|wks?|months?|times?|am\b|pm\b|o'?clock|%|percent|people|cups?|beers?|drinks?|pills?|kg|lbs?|st\b|[:：]\d|岁|个孩子|个小孩|小时|分钟|天|晚|周|个?星期|个?礼拜|个?月|年|次|点(?!五)|号|%|杯|个人|个(?!分)|[节節瓶根场場份口楼樓层層遍顿頓碗张張本门門条條只位趟站件]|公里|(?:shift|meeting|appointment|job|coffee|call|email|dog|cat|child|kid|sibling|brother|sister|grandkid|class|exam|test|deadline|episode|session|beer|glass|bottle|cigarette|mile|km|step|floor|bedroom)\b)/iu;
/** What before a number makes it not a rating: "at 3", "since 2019", "I'm 34". */
const NOT_A_RATING_BEFORE = /(?:\binstead of|\brather than|\bat|\bsince|\bin|\bage|\baged|\bi'?m|\bi am|\bturned|\bfor|\bafter|\bbefore|\bby|第|每)\s*$/iu;
/** Before a number: points taken off the rating ("扣掉的四分", "minus 2 for the weather"). */
const DEDUCTED_BEFORE = /(?:扣|减|減)(?:掉|了|除|去)?的?\s*$|\bminus\s*$/iu;
/** What after a number marks it as the rating: "/10", "out of 10", "分". */
const RATING_AFTER = /^\s*(?:\/\s*10|out of (?:10|ten)|outta (?:10|ten)\b|of 10|(?:over|on) (?:10|ten)\b|分(?![钟鐘])|points?\b|pts?\b|stars?\b)/iu;
/** Within a reply, a correction: what follows replaces what came before. */
export const CORRECTION_MARK =
  /\b(?:no wait|wait|just kidding|jk|actually|i mean|scratch that|make (?:that|it)|or rather|correction|on second thought|let me (?:re)?think|hmm no)\b|其实|不对|不是啦|开玩笑|应该是|更像是|改成|算了|算啦|我是说|说错了|更准确|(?:哦|噢|喔|呃|欸|诶|哎|啊)[\s,，…]*不(?:是|对)?(?=[\s,，。.…!！]|$)|(?<=[….。]\s*)不(?:是|对)?(?=[,，])|(?<=[,，]\s*)(?:不是|唔系)(?=\s*[,，])|应该系|\bok(?:ay)?,? maybe\b/iu;

/** Words ending in s after a rating that count nothing ("a 6 perhaps", "7 most days"). */
const NOT_COUNTED_WORD = String.raw`(?:tops|perhaps|always|sometimes|nowadays|thanks|unless|less|plus|this|was|is|as|yes|guess|cos|lmaos?|lols?|days|most|these|those|its|it's|lately|honestly|right|today|tonight|now|though|this|overall|probably|maybe|really|again|depends|varies)\b`;

/** Words that link a rating to what follows rather than qualify a counted noun ("1 and that's generous"). */
const LINKING_WORD = String.raw`(?:and|but|or|so|because|which|that|who|if|then|to|of|on|in|at|for|with|was|were|it|i|you|my|out|maybe|like|just|for)\b`;

interface NumberHit {
  value: number;
  start: number;
  end: number;
  /** Marked as a rating ("/10", "分"). */
  marked: boolean;
  /** The second of a range ("6 or 7"): its partner's index. */
  rangeWith?: number;
}

const NUMBER_TOKEN = /(?<![\d零〇一二两三四五六七八九十点])半(?=分(?![钟鐘]))|\d+(?:[.,]\d+)?|[零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖]+|[俩仨](?=分)|\b(?:zero+|nil|nought|one+|two+|three+|four+|five+|six+|seven+|eight+|nine+|ten+|eleven+|twelve+)\b|\b(?:for|to|too|ate|won)\b/giu;
/**
 * Voice-to-text homophones ("I'd say ate", "about a won", "for or five", "to maybe three"): numbers only where
 * a scale follows, or where a number stands: alone or after "a", "say", "maybe", and before the clause ends,
 * "and a half", or another number of a range.
 */
const HOMOPHONES: Record<string, number> = { for: 4, to: 2, too: 2, ate: 8, won: 1 };
const SPOKEN_NUMBER_BEFORE = /(?:^|[.,!?;:…]\s*|\b(?:a|about|around|like|maybe|say|put|um+|uh+|erm?|honestly|probably)\s+)$/iu;
const SPOKEN_NUMBER_AFTER = /^\s*(?:$|[.,!?;…])|^\s+and a half\b|^\s+(?:or|maybe|to)\s+(?:a\s+)?(?:\d|zero|one|two|three|four|five|six|seven|eight|nine|ten|for|to|ate|won)\b/iu;

/** "sevennn", "fiveee": a number word drawn out; "threee" keeps its double e. */
function drawnOutNumber(token: string): number | undefined {
  const once = token.replace(/(\p{L})\1+$/u, "$1");
  return tokenNumber(token) ?? tokenNumber(once) ?? tokenNumber(once + once.slice(-1));
}

function numberHits(text: string): NumberHit[] {
  const hits: NumberHit[] = [];
  for (const found of allMatches(text, NUMBER_TOKEN)) {
    const token = found[0].toLowerCase();
    const start = found.index;
    const end = start + found[0].length;
    if (token in HOMOPHONES && !/^\s*(?:out of (?:10|ten)|\/\s*10)/iu.test(text.slice(end)) && !(SPOKEN_NUMBER_BEFORE.test(text.slice(0, start)) && SPOKEN_NUMBER_AFTER.test(text.slice(end)))) continue;
    // "Q4", "mp3", "B12": digits joined to letters are a label, not a number.
    if (/^\d/u.test(token) && /\p{Script=Latin}$/u.test(text.slice(0, start))) continue;
    // Chinese numerals inside words are not numbers: 一点 (a bit), 一直 (always), 一般 (average).
    if (/^[零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖]+$/u.test(token)) {
      const after = text.slice(end, end + 2);
      const before = text.slice(Math.max(0, start - 1), start);
      // "七成" (seven tenths) is a rating as "七分" is; a reply of a numeral alone ("一") is one.
      const alone = text.trim() === token;
      if (!alone && !/^(?:分|成(?![功为為了年人])|$|[\s,，、。.!！?？~～吧啊呢啦呀咯喇囉左上下的蛋]|或|还是|到|至|之|点五|點五|比较|比較)/u.test(after) && !/[打给评]$/u.test(before)) continue;
      // "一，完全放松不了": a numeral opening the reply, set off by a stop, is the answer.
      const opening = start === 0 && /^[,，。.!！]/u.test(after);
      if (token === "一" && !alone && !opening && !/^(?:分|成(?![功为為了年人])|点五)/u.test(text.slice(end, end + 2)) && !/[打给评]$/u.test(before)) continue;
    }
    // "eighty-two", "twenty one": the units of a larger number.
    if (/\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]*$/iu.test(text.slice(Math.max(0, start - 9), start))) continue;
    // "one" is a pronoun more often than a number ("the last one", "one of those").
    // "the honest one", "this isn't one": after a determiner (and perhaps an adjective) or a negated verb.
    if (token === "one" && /\b(?:this|that|the|which|each|every|any|no|last|next|other|another|first|my|your|his|her|their|our)\s+(?:[a-z]+\s+)?$|\b(?:is|isn'?t|are|aren'?t|was|wasn'?t|not|pick|choose|select|get|got|need|want|have|had|find|take)\s+$/i.test(text.slice(0, start))) continue;
    if (token === "one" && !/\b(?:a|about|maybe|like|around|only|just|probably|give it|say)\s*$/i.test(text.slice(0, start)) && !RATING_AFTER.test(text.slice(end)))
      if (!/^\s*$|^\s*[,.!?]/.test(text.slice(end))) continue;
    const afterText = text.slice(end);
    // The scale itself ("out of 10", "/10", "0 to 10") is not the answer; "6/7" is a range.
    if (/^(?:10|ten|十)$/u.test(token) && /(?:out of|outta|of|over|on|\/|0 to|0-|zero to|从0到|0到)\s*$/iu.test(text.slice(Math.max(0, start - 8), start))) continue;
    // The 五 of 九点五 is part of the number before it.
    if (hits.length > 0 && start < (hits[hits.length - 1] as NumberHit).end) continue;
    if (NOT_A_RATING_AFTER.test(afterText) && !RATING_AFTER.test(afterText)) continue;
    // "3 appointments", "2 coffees": a number before a plural noun counts it.
    // "3 appointments", "2 coffees", "two birthday parties": a number before a plural noun, or a noun and a plural, counts it.
    if (!RATING_AFTER.test(afterText) && new RegExp(String.raw`^\s+(?:(?!${NOT_COUNTED_WORD}|${LINKING_WORD})[a-z]{2,}\s+)?(?!${NOT_COUNTED_WORD})[a-z]{2,}s\b`, "iu").test(afterText)) continue;
    if (NOT_A_RATING_BEFORE.test(text.slice(0, start)) && !RATING_AFTER.test(afterText)) continue;
    // "扣掉的四分", "minus 2": points taken off, not the rating.
    if (DEDUCTED_BEFORE.test(text.slice(Math.max(0, start - 12), start))) continue;
    const marked = RATING_AFTER.test(afterText);
    // "六七分", "七八": two adjacent numerals are a range; "七八九" one around its middle.
    if (/^[一二两三四五六七八九]{2,3}$/u.test(token)) {
      const low = chineseNumber(token.slice(0, 1)) ?? 0;
      const high = chineseNumber(token.slice(-1)) ?? 0;
      if (high === low + token.length - 1 && [...token].every((ch, i) => chineseNumber(ch) === low + i)) {
        hits.push({ value: low, start, end: start + 1, marked });
        hits.push({ value: high, start: end - 1, end, marked, rangeWith: hits.length - 1 });
      }
      continue;
    }
    // "也就半分": half a point.
    let value = token === "半" ? 0.5 : (HOMOPHONES[token] ?? drawnOutNumber(token));
    if (value === undefined) continue;
    // "一分都冇", "一分都不给": not one point, none.
    if (token === "一" && /^分?都(?:冇|没|沒|不)/u.test(afterText)) value = 0;
    // "five and a half", "6 and a half", "七点五", "七分半".
    const half = /^(?:\s+and\s+(?:a\s+)?half|点五|點五|分半|\.5)/u.exec(afterText);
    if (half) value += 0.5;
    // "two point five": a decimal in words.
    const point = half ? null : /^\s+point\s+(zero|one|two|three|four|five|six|seven|eight|nine|\d)\b/iu.exec(afterText);
    if (point) value += (tokenNumber((point[1] ?? "").toLowerCase()) ?? 0) / 10;
    hits.push({ value, start, end: end + (half ? half[0].length : 0) + (point ? point[0].length : 0), marked: marked || (point ? RATING_AFTER.test(afterText.slice(point[0].length)) : false) });
  }
  // Ranges: "6 or 7", "6-7", "6 to 7", "5? 6?", "六分到七分", "between 8 and 9".
  for (let i = 1; i < hits.length; i++) {
    const a = hits[i - 1] as NumberHit;
    const b = hits[i] as NumberHit;
    // A number after a whole range settles it ("5? 6? 5", "five, maybe six. probably a five").
    if (b.rangeWith !== undefined || a.rangeWith !== undefined) continue;
    const between = text.slice(a.end, b.start);
    const joined =
      (/^\s*分?\s*(?:or|to|and|-|–|~|～|\/|、|或者?|还是|到|至|和|跟)?\s*(?:an?\s+)?$/iu.test(between) && /\S/u.test(between)) ||
      /^\s*[?？]\s*$/u.test(between) ||
      /^\s*分?\s*[.,，。]\s*(?:or|或者?)\s*$/iu.test(between) ||
      /^[\s.,，。?？]*(?:or\s+|也|或者?)?(?:maybe|perhaps|possibly|probably|or so|也许|可能|或许)\s*(?:a\s+)?$/iu.test(between) ||
      (/^\s*[,，、]?\s*$/u.test(between) && /\s|[,，、]/u.test(between) && Math.abs(b.value - a.value) === 1);
    const betweenWord = /\bbetween\s*$|介于\s*$|之间\s*$/u.test(text.slice(Math.max(0, a.start - 10), a.start));
    // "three? maybe three and a half" refines; a range joins whole numbers.
    const close = Math.abs(b.value - a.value) > 0 && Math.abs(b.value - a.value) <= 2 && Number.isInteger(a.value) && Number.isInteger(b.value);
    if ((joined || (betweenWord && /^\s*(?:and|和|到)\s*(?:an?\s+)?$/u.test(between))) && close) b.rangeWith = i - 1;
  }
  return hits;
}

/**
 * Where a rating reply settles: a correction, or a conclusion ("so 3", "call it a 5", "ok fine, 1", "joking, a 2",
 * "还是七分好了", "那就六分吧"), or a rebuttal of another's number ("——瞎说，最多5分"); "三还是四吧" between two numbers is a range, not a settling.
 */
const SETTLES_ON = new RegExp(`${CORRECTION_MARK.source}|\\b(?:so|call it|ok fine|okay fine|joking|kidding|overall|all in all)\\b|(?<![\\d零一二两三四五六七八九十]\\s*分?\\s*)(?:还是|還是)(?=[^，,。.]{0,8}(?:吧|好了|算了|啦|比较|比較))|那就|总的来说|總的來說|总体|總體|整体|整體|——|瞎说|胡说|乱说`, "giu");
/** Where a clause ends: a stop, a comma, "but". */
const CLAUSE_END = /[;!?。！？；,，]|\.(?!\d)|\bbut\b|但是?|不过/giu;
/**
 * A clause about another time, another person's view, or what the rating is not: "it was a 9 this
 * morning", "4.5 on a good day", "my manager would say a 9", "a party till 3", "比上周那个三分强", "刚入职那会儿还有八",
 * "没有到0那么惨". A number there is context, not the answer, when the reply gives another.
 */
const ELSEWHERE =
  /\b(?:this morning|yesterday|last (?:time|week|night|month|year)|earlier|used to|on (?:a )?(?:good|bad) days?|on (?:mon|tues|wednes|thurs|fri|satur|sun)days?|on (?:the )?weekends?|(?:my \w+|he|she|they|people|everyone|everybody|others) (?:(?:would|will|might|could) )?(?:say|says|said|think|thinks|put|puts|rate|rates)\b|\b(?!i['’]d)(?:he|she|they|\w+)['’]d (?:say|put|rate|give)\b|(?:would|could|might)(?:'ve|’ve| have) been\b|\botherwise\b|not (?:a|as|even|quite)\b|before\b|on (?:the )?days\b|(?:my|your|her|his|their|our|the|\w+'s) (?:\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b)|上周|上星期|上个?礼拜|上次|昨天|以前|之前|那会儿?|那时候?|刚\S{0,3}那|原来|本来|周末|(?:周|星期|礼拜)[一二三四五六日天]\s*(?:到|至)|的时候|(?<![按照])(?:老公|老婆|妈妈?|爸爸?|男朋友|女朋友|同事|朋友|医生|孩子|他|她|别人|大家)(?:自己)?(?:会|都|也|就)?(?:说|觉得|认为)|没有到|没到|不到|不至于|(?:不是|没有|没)\s*[\d零一二两三四五六七八九十]|(?:要)?不然|否则|要不是|什么\s*[\d零一二两三四五六七八九十]/iu;

/** Whether the clause around a number is about somewhere else than the answer. */
function isElsewhere(text: string, hit: NumberHit, ends: readonly number[]): boolean {
  const [from, to] = clauseAround(hit, ends, text.length);
  const after = text.slice(hit.end, to);
  // "要不是我儿子天天打游戏，估计就一分": the sentence is a counterfactual from its start.
  const sentence = text.slice(0, hit.start).split(/[.!?。！？]/u).pop() ?? "";
  return COUNTERFACTUAL.test(sentence) || ELSEWHERE.test(text.slice(from, to)) || UNTIL_BEFORE.test(text.slice(from, hit.start)) || CONDITION_AFTER.test(after) || SCALE_POINT_AFTER.test(after) || TOO_MUCH_AFTER.test(after) || ((hit.value === 0 || hit.value === 10) && ENDPOINT_MEANS_AFTER.test(after));
}

/** A sentence opening on what would be were it not so: "要不是…", "如果不是…", "if it weren't for…", "if not for…". */
const COUNTERFACTUAL = /^\s*(?:要不是|如果不是|若不是|要是没有|如果没有|\bif (?:it )?(?:weren'?t|wasn'?t) for\b|\bif not for\b|\bwithout\b)/iu;
/** Right before a number, a time it lasted until: "a party till 3", "up til 4". */
const UNTIL_BEFORE = /\b(?:till?|until)\s*$/iu;
/** After a number, the client turning it down as too high or low: "八分太夸张", "8 is too high", "9 seems a stretch". */
const TOO_MUCH_AFTER = /^\s*分?\s*(?:(?:太|有点|有些)(?:夸张|夸大|高了|低了|多了|少了|过了|过分)|夸张了?)|^\s*(?:is|'s|would be|seems|feels|sounds)\s+(?:(?:a bit|a little|way|kinda|maybe|probably)\s+)?(?:too (?:high|low|much)|an exaggeration|a stretch|overdoing it|dramatic)\b/iu;
/** After an end of the scale, what it stands for: "十分是超级容易生气，对吗？", "0分代表完全没有". */
const ENDPOINT_MEANS_AFTER = /^\s*分?\s*(?:是|就是|代表|表示|等于|指)/u;

/** After a number in its clause, a condition: "maybe nine if my phone buzzes again", "7 when I'm driving". */
const CONDITION_AFTER = /\b(?:if|unless|when)\b(?! i'?m (?:being )?honest)/iu;
/** After a number, what a point of the scale means, not the rating given: "nine is for emergencies", "10 means unbearable". */
const SCALE_POINT_AFTER = /^\s*(?:is|'s|would be|means|=)\s+(?:for|when|reserved|what|if)\b|^\s+means\b/iu;
/** Before a number in its clause, an upper bound: "三，顶多四", "a 3, at most a 4". */
const BOUND_BEFORE = /(?:\bat (?:the )?most|顶多|最多|至多|撑死)\s*(?:a\s+)?$/iu;

/** Where the clause around a number starts and ends. */
function clauseAround(hit: NumberHit, ends: readonly number[], length: number): readonly [number, number] {
  let from = 0;
  let to = length;
  for (const end of ends) {
    if (end < hit.start) from = end;
    else if (end >= hit.end) {
      to = end;
      break;
    }
  }
  return [from, to];
}

/** "满分", "full marks": the top of the scale, when no number is given. */
const FULL_MARKS = /(?<!离|離|不是|没有|沒有|不到|没|沒|远|遠)(?:满分|滿分)|(?<!\bnot |\bfar from )\bfull marks\b/u;
/** "刚及格", "及格线": a pass, six of ten, when no number is given. */
const PASS_MARK = /(?<!不|没|沒|没有|沒有)及格/u;
/** "in the middle", "halfway", "中间吧": the middle of the scale, when no number is given. */
const MIDDLE = /\b(?:right in the middle|in the middle|middle|halfway|half way|medium|average)\b|中间|中間|一半/u;

/**
 * A 0–10 rating: the last one stated, after the reply's last correction or conclusion ("so 3",
 * "call it a 5", "还是…吧") when there is one, leaving out numbers said of another time or by another person, under a
 * condition ("9 if…"), of what a scale point means ("nine is for emergencies") and an upper bound ("顶多四") when
 * another is given; a number marked as the rating ("/10", "分") over a bare one; a
 * range's midpoint; the middle of the scale for "in the middle".
 */
export function extractRating(reply: string, max = 10): number | undefined {
  const text = foldText(reply);
  const corrections = allMatches(text, SETTLES_ON).map((m) => m.index);
  const lastCorrection = corrections.length ? Math.max(...corrections) : -1;
  const all = numberHits(text);
  let hits = all.filter((hit) => hit.value >= 0 && hit.value <= max);
  if (hits.length === 0) return FULL_MARKS.test(text) ? max : PASS_MARK.test(text) ? (max * 6) / 10 : MIDDLE.test(text) ? max / 2 : undefined;
  const ends = allMatches(text, CLAUSE_END).map((m) => m.index);
  const here = hits.filter((hit) => !isElsewhere(text, hit, ends));
  if (here.length > 0) hits = here;
  const after = hits.filter((hit) => hit.start > lastCorrection);
  if (after.length > 0) hits = after;
  // An upper bound yields to the number it bounds ("三，顶多四").
  const unbounded = hits.filter((hit) => !BOUND_BEFORE.test(text.slice(clauseAround(hit, ends, text.length)[0], hit.start)));
  if (unbounded.length > 0) hits = unbounded;
  const marked = hits.filter((hit) => hit.marked);
  const pool = marked.length > 0 ? marked : hits;
  const chosen = pool[pool.length - 1] as NumberHit;
  const partner = chosen.rangeWith !== undefined ? all[chosen.rangeWith] : undefined;
  return partner ? (partner.value + chosen.value) / 2 : chosen.value;
}
