/**
 * The phrases that name each answer option of the frequency questionnaires (PHQ, GAD), in English
 * and Chinese, with the words that negate, link and correct them. Read by ./interpret.ts, which
 * says how they are used; add a phrase here when clients say something the table misses.
 */
import type { AnswerScore, Lang } from "./instruments";

/** A phrase and what it means; `score: null` marks text that must not be read as an option. */
export interface AnswerPhrase {
  readonly text: string;
  readonly score: AnswerScore | null;
  /** Counts only when the statement names no other option (bare "no", "没有"). */
  readonly weak?: boolean;
}

export interface LanguageTable {
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
