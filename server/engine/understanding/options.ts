/**
 * A questionnaire option (0–3: not at all, several days, more than half the days, nearly every
 * day) from a reply: the instruments' own phrases, colloquial frequencies, counts of days, an
 * ordinal. Deterministic; undefined when the reply gives none.
 */
import { interpretAnswer } from "../instruments";
import { allMatches } from "../text/matches";
import { foldText } from "../text/normalise";
import type { ReplyLanguage } from "./types";
import { CORRECTION_MARK, rangeLow, tokenNumber } from "./values";

/** Day counts over the questionnaires' two weeks: 0 → not at all, 1–6 → several days, 7–11 → more than half, 12+ → nearly every day. */
function optionFromDays(days: number): number {
  if (days <= 0) return 0;
  if (days < 7) return 1;
  if (days < 12) return 2;
  return 3;
}

export const ORDINALS: readonly (readonly [RegExp, number])[] = [
  [/\b(?:the )?(?:first|1st)(?: one| option)?\b|第一个|第一個|第一项|第一項/iu, 0],
  [/\b(?:the )?(?:second|2nd)(?: one| option)?\b|第二个|第二個|第二项|第二項/iu, 1],
  [/\b(?:the )?(?:third|3rd)(?: one| option)?\b|第三个|第三個|第三项|第三項/iu, 2],
  [/\b(?:the )?(?:fourth|4th|last)(?: one| option)\b|最后一个|最後一個|第四个|第四個|最后那个|最後那個/iu, 3],
];

/** An option named by its place ("so the third one", "option 2", "第二个吧"): where the reply settles, it is the answer. */
const NAMED_OPTION = /\b(?:the )?(first|second|third|fourth|last|1st|2nd|3rd|4th) (?:one|option)\b|\boption (?:number )?([1-4]|one|two|three|four)\b|第([一二三四])(?:个|個|项|項|种|種)|(最后|最後)(?:一个|一個|那个|那個)/giu;
const PLACE_SCORES: Record<string, number> = { first: 0, "1st": 0, "1": 0, one: 0, 一: 0, second: 1, "2nd": 1, "2": 1, two: 1, 二: 1, third: 2, "3rd": 2, "3": 2, three: 2, 三: 2, fourth: 3, "4th": 3, "4": 3, four: 3, 四: 3, last: 3, 最后: 3, 最後: 3 };

/** The last option named by its place, and where it stands. */
function namedOption(text: string): { score: number; start: number } | undefined {
  const named = allMatches(text, NAMED_OPTION).at(-1);
  if (!named) return undefined;
  const place = (named[1] ?? named[2] ?? named[3] ?? named[4] ?? "").toLowerCase();
  const score = PLACE_SCORES[place];
  return score === undefined ? undefined : { score, start: named.index };
}

/**
 * Words for a frequency that the instruments' own phrase tables leave out (colloquial, Cantonese):
 * "a handful", "half the days", "every bloody day", "有幾日", "一多半", "几乎每天".
 */
const EXTRA_OPTION_PHRASES: readonly (readonly [RegExp, number])[] = [
  [/冇乜|完全唔會|完全唔会|(?:完全不会|完全不會|完全没有|完全沒有)(?=$|[\s，,。.!！~…吧啦啊呀])|完全冇|一次都冇|一日都冇|从来没有|從來沒有|一次都没|一天都没|almost never|not at all|\bnot (?:even )?(?:one|a single) (?:day|night)\b|^(?:都|全都)?(?:冇|没有|沒有|木有)(?=$|[呀啊喔啦喎㖞啰囉，,。\s])|(?:几乎|基本上?)(?:没有|冇)(?=$|[吧啊呀啦，,。.…\s])|(?:冇|没|沒)(?:乜|什么|啥)?特别(?=$|[吧啊呀啦，,。.…\s])|(?:同|跟|和)平时(?:一样|差不多)/iu, 0],
  [/間唔中|间唔中|once or twice|a day or two|\brarely\b|很少|like once|just once|only once|the once|(?:^|[.!?,]\s*)once\b(?!\s+(?:a|per|every)\s+(?:day|night))|\ba couple\b(?! of (?:weeks|months|years))|\bsome (?:days|nights)\b|\btwice\b|\bseveral\b|\ba few\b|\bfew (?:days|nights|times|mornings|evenings)|a handful|\bsometimes\b|hardly ever|weekends?|(?:just|only) a couple|less than half|hardly at all|barely at all|hardly any|barely any|一两[次回]|一兩[次回]|偶尔|偶爾|周一周二|有几次|有幾次|隔三差五|周末|週末|(?<![那这])几[天日回次]|(?<![那这])幾[天日回次]|前几天|间中|間中|没几天|沒幾天/iu, 1],
  [/\bevery (?:other|second|alternate) (?:day|night)s?\b|\b(?:on )?alternate days\b|隔天|隔一天|每隔一天|大半|过半|過半|大部分(?:日子|时间|天|晚)|多数日子|多过一半|一半|一多半|50\/50|half the|more th[ae]n half|over half|more than a few|more days than not|most (?:days|nights|shifts|weeks|evenings|mornings|of the week)|weekdays|work ?days|工作日|(?:周|星期|礼拜)一到(?:周|星期|礼拜)?五|週一到週五|除了周末|除了週末|坏的日子多|壞的日子多|三天两头|三天兩頭|比几天多|比幾天多|不只是?几天|不止几天|十来天|十來天/iu, 2],
  [/晚晚|日日|天天|成日|每晚都|每日都|每天都|差不多每天|差唔多每日|几乎每|幾乎每|没有停过|沒有停過|\bevery\W{0,3}(?:single\W{0,3}|bloody |damn |blessed |flipping |freaking )?(?:day|night|morning|evening|class|shift|time(?!\s+(?:i|i'm|we|he|she|they|my|the|someone|somebody|it)\b))\b|哪(?:一)?[天晚](?:不|没|沒)|\balways\b|all the time|\bnon[- ]?stop\b|\bconstantly\b|(?:almost|pretty much|nearly) all\b/iu, 3],
];

/** The same phrases, compiled once for finding every one of them. */
const EXTRA_OPTION_PHRASES_ALL = EXTRA_OPTION_PHRASES.map(([pattern, score]) => [new RegExp(pattern.source, "giu"), score] as const);

/** A phrase turned down just before it: "not half the days", "不是天天", "冇一半咁多", "没有每天那么". */
const NEGATED_BEFORE = /(?:\bnot|n't|不是?|没有?|沒有?|冇|唔系?|(?:唔|不)至于|未(?:去)?到|没(?:去)?到)\s*$/u;
/** A phrase turned down just after it: "一半以上应该没有", "天天倒不至于". */
const NEGATED_AFTER = /^\s*(?:以上|多)?(?:的天数|的日子)?\s*(?:应该|應該|大概|倒是?|也|就)?(?:没有|沒有|不至于|不至於|不到|不是|谈不上|談不上)/u;
/** Before a phrase: someone else's view ("the kids would say", "我老婆说是"), or a phrase the client meant to say and did not ("本来想说"). */
const OTHERS_SAY_BEFORE =
  /(?:\b(?:he|she|they|kids|wife|husband|partner|mum|mom|mam|dad|mother|father|boss|doctor|people|everyone|\w+'s)\s+(?:would |will |might |'d )?(?:say|says|said|think|thinks)|(?<!我)(?:说|說)(?:是|我)?)\s*$/iu;
/** What takes back the phrase before it, in jest or in candour: "aye right", "said no one ever", "if I'm honest", "tbh". */
const TAKEN_BACK = /\b(?:aye right|yeah right|said no one|who am i kidding|is what i'?d say|if i(?:'m| am| was) (?:lying|being honest|honest)|if we'?re (?:being )?honest|to be honest|tbh|in truth|truth be told)\b|说实话|說實話|老实说|老實說|讲真|講真/iu;

/** Where a reply turns to what it settles on: "but", "但", "no,", "不，", a correction. */
const TURN = new RegExp(`${CORRECTION_MARK.source}|${TAKEN_BACK.source}|\\bbut\\b|但是?|不过|不過|\\bno,|\\bso\\b|\\bnah\\b|\\bmore like\\b|\\bon average\\b|\\baveraging\\b|\\bi'?d say\\b|\\bok(?:ay)?[,.]\\s|那就|平均|总的来说|總的來說|不[，,]|现在|如今|这几天|[，,]\s*(?:大概|差不多|总的|算下来)`, "iu");
const TURNS = new RegExp(TURN.source, "giu");

/**
 * The colloquial frequency a reply settles on: phrases turned down are passed over, a phrase inside
 * a longer one yields to it ("a few" in "more than a few"); after the last turn ("but", "no,", "不对")
 * that a phrase follows, the first phrase after it, else the first phrase.
 */
function colloquialOption(text: string): { score: number; passedOver: boolean; lastStart: number } | undefined {
  const found: { start: number; end: number; score: number }[] = [];
  let deniedAfter = false;
  for (const [pattern, score] of EXTRA_OPTION_PHRASES_ALL) {
    for (const match of allMatches(text, pattern)) {
      if (NEGATED_BEFORE.test(text.slice(Math.max(0, match.index - 6), match.index))) continue;
      if (NEGATED_AFTER.test(text.slice(match.index + match[0].length))) {
        deniedAfter = true;
        continue;
      }
      found.push({ start: match.index, end: match.index + match[0].length, score });
    }
  }
  const longest = found.filter((hit) => !found.some((other) => other !== hit && other.start <= hit.start && other.end >= hit.end && other.end - other.start > hit.end - hit.start));
  // "我妈说我几乎每天，我觉得…一半以上吧": another's view yields to the client's own.
  const own = longest.filter((hit) => !OTHERS_SAY_BEFORE.test(text.slice(Math.max(0, hit.start - 24), hit.start)));
  const kept = own.length > 0 ? own : longest;
  if (kept.length === 0) return undefined;
  kept.sort((a, b) => a.start - b.start);
  // The last turn that a phrase follows ("一半以上吧，不对，应该就几天而已，上周其实睡得还行": 几天).
  const turns = allMatches(text, TURNS).map((turn) => turn.index + turn[0].length);
  const lastTurn = Math.max(-1, ...turns.filter((turn) => kept.some((hit) => hit.start >= turn)));
  const chosen = kept.find((hit) => hit.start >= lastTurn) ?? kept[0];
  return chosen ? { score: chosen.score, passedOver: kept.length < longest.length || deniedAfter, lastStart: kept[kept.length - 1]?.start ?? 0 } : undefined;
}

/** A share of a shorter span's days: "3 out of 4 nights", "five in seven". */
const SHARE_OF_DAYS = /\b(\d|one|two|three|four|five|six|seven)\s+(?:out of|in)\s+(\d|two|three|four|five|six|seven)\b(?!\s*(?:weeks|months))/iu;
/** Every weekday, not the weekend. */
const WEEKDAYS = /(?:周|星期|礼拜)一到(?:周|星期|礼拜)?五|週一到週五|除了周末|除了週末|工作日|\bweekdays\b|\bwork ?days\b|\bworking days?\b|\bexcept (?:the )?weekends?\b/iu;
const DAY_COUNT = /(\d+|[一二两俩三四五六七八九十]+|a couple of|a couple|couple of|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen)(?:\s*(?:or|to|-|或)\s*(?:\d+|[a-z]+)|\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)(?=\s+(?:days?|nights?|times?)\b)|[一二两三四五六七八九])?\s*(?:左右)?\s*(?:days?|nights?|times?|天|晚|日|次|回)(?:\s*(?:a|per|each|every)\s*week|\s*(?:一周|每周|每星期|一個星期|一个星期))?/giu;
const PER_WEEK = /(?:a|per|each|every)\s*week|一周|每周|每星期|一個星期|一个星期/iu;
const WEEK_BEFORE = /(?:一个?(?:礼拜|星期)|一周|每周|每个?(?:礼拜|星期)|\b(?:a|per|each|every) week)\s*(?:里|裡)?\s*(?:总有|总会有|有|大概有?|差不多有?|,|，)?\s*(?:那么|那麼)?\s*$/iu;
const OF_A_WEEK = /(?:一周|每周|一星期|一個星期|一个星期)七天有?(\d+|[一二两三四五六七八九])天/u;
const STRONG_ZERO = /not at all|never|none|\bnot (?:even )?(?:one|a single)\b|完全|从来|從來|从不|從不|一次都|一天都|\b0\b|零/iu;
const UNSURE = /not sure|no idea|don'?t know|dunno|no clue|不知道|不确定|不確定|说不准|說不準|不清楚|没数|沒數|没统计|沒統計|没注意|沒注意|算不清|唔知/iu;

function dayCountOption(text: string): number | undefined {
  // "10 out of 14", "十四天里有十天": the days of the two weeks.
  const ofFourteen = /(\d+|[一二两三四五六七八九十]+|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen)\b)\s*(?:out of|of the|\/)\s*(?:14|fourteen)|(?:十四|14)\s*天里?[头面]?[^\d一二两三四五六七八九十]{0,4}(\d+|[一二两三四五六七八九十]+)/iu.exec(text);
  if (ofFourteen) {
    const days = rangeLow((ofFourteen[1] ?? ofFourteen[2] ?? "").toLowerCase());
    if (days !== undefined) return optionFromDays(days);
  }
  const ofWeek = OF_A_WEEK.exec(text);
  if (ofWeek) return optionFromDays((tokenNumber(ofWeek[1] ?? "") ?? 0) * 2);
  const found = allMatches(text, DAY_COUNT);
  // "上礼拜有两天，交货那两天": counts that say the same thing are one count.
  if (found.length === 0 || found.some((m) => m[0] !== found[0]?.[0])) return undefined;
  const match = found[0] as RegExpMatchArray;
  const token = (match[1] ?? "").toLowerCase();
  let days = /couple/.test(token) ? 2 : rangeLow(token);
  if (days === undefined) return undefined;
  // "4 days a week", "一个礼拜有四五天": days of one week, twice over the two weeks.
  if (PER_WEEK.test(match[0]) || WEEK_BEFORE.test(text.slice(0, match.index))) days *= 2;
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
  const colloquial = colloquialOption(text);
  const extra = colloquial?.score;
  // "more than a few… so the second one": an option named by its place after every frequency said is the one chosen.
  const named = namedOption(text);
  if (named && named.start > (colloquial?.lastStart ?? -1) && !UNSURE.test(text.slice(named.start))) return named.score;
  // "3 out of 4 nights", "five in seven": a share of the days, over the two weeks.
  const share = SHARE_OF_DAYS.exec(text);
  if (share) {
    const part = tokenNumber((share[1] ?? "").toLowerCase()) ?? 0;
    const whole = tokenNumber((share[2] ?? "").toLowerCase()) ?? 0;
    if (whole >= 2 && whole <= 7 && part <= whole) return optionFromDays((14 * part) / whole);
  }
  // "周一到周五天天都是", "every day except weekends": every weekday is more than half the days, not nearly every day.
  if (WEEKDAYS.test(text) && (result.score === 3 || extra === 3)) return 2;
  // A turn to a colloquial frequency ("every day… but half, I'd say"), the client's own after another's view, or what is left after a
  // phrase turned down ("天天倒不至于，一半多吧"), outranks the phrase it turns from.
  if (extra !== undefined && (TURN.test(text) || colloquial?.passedOver) && extra !== result.score) return extra;
  if (result.score !== null) {
    // A weak "not really" beside a count ("like once. not really an issue") is the count's.
    if (result.score === 0 && !STRONG_ZERO.test(text)) return unsure ? undefined : (extra ?? dayCountOption(text) ?? 0);
    return result.score;
  }
  // "冇乜，一兩日咁啦": "not much" with a count of days is the count's.
  if (extra === 0 && !STRONG_ZERO.test(text)) return dayCountOption(text) ?? 0;
  if (extra !== undefined) return extra;
  for (const [pattern, score] of ORDINALS) if (pattern.test(text)) return score;
  return unsure ? undefined : dayCountOption(text);
}
