import { describe, expect, it } from "vitest";
import type { AnswerScore } from "./instruments";
import { interpretAnswer } from "./interpret";

type Expected = AnswerScore | "unclear" | "empty";

function outcome(text: string, lang: "en" | "zh"): Expected {
  const result = interpretAnswer(text, lang);
  return result.score ?? result.reason;
}

const ENGLISH: readonly (readonly [string, Expected])[] = [
  // numbers
  ["0", 0],
  ["1", 1],
  ["2", 2],
  ["3", 3],
  ["2.", 2],
  ["option 2", 2],
  ["Option two", 2],
  ["I'd say 1", 1],
  ["3 - nearly every day", 3],
  ["1 (several days)", 1],
  ["5", "unclear"],
  ["10", "unclear"],
  ["1.5", "unclear"],
  ["2-3", "unclear"],
  ["1 or 2", "unclear"],
  ["3 days", "unclear"],
  ["2 or 3 days", "unclear"],
  ["option 4", "unclear"],
  // option labels and paraphrases
  ["Not at all", 0],
  ["not at all.", 0],
  ["Never", 0],
  ["No", 0],
  ["nope", 0],
  ["No, not at all", 0],
  ["no not at all", 0],
  ["Not once.", 0],
  ["a couple of days", 1],
  ["Some days", 1],
  ["several days", 1],
  ["Sometimes, yeah", 1],
  ["only a few days", 1],
  ["More than half", 2],
  ["more than half the days", 2],
  ["Most days", 2],
  ["Mostly, yes", 2],
  ["often", 2],
  ["Quite often actually", 2],
  ["nearly every day", 3],
  ["Every day", 3],
  ["all the time", 3],
  ["Always.", 3],
  ["honestly it's been daily", 3],
  // answers that describe the symptom along the way
  ["I can't sleep most nights", 2],
  ["I don't enjoy anything most days", 2],
  ["I have no energy most days", 2],
  ["I wake up at 4am pretty much every day", 3],
  ["Over the last 2 weeks? Most days.", 2],
  ["No, every day. No exceptions.", 3],
  // negation
  ["not every day", "unclear"],
  ["Not often", "unclear"],
  ["not that often", "unclear"],
  ["I don't think it's every day", "unclear"],
  ["not all the time", "unclear"],
  ["no more than half", "unclear"],
  ["no, not every day", "unclear"],
  ["I wouldn't say never", "unclear"],
  ["Not every day, but most days", 2],
  ["several days but not every day", 1],
  // corrections and contradictions
  ["Not at all... well actually nearly every day", 3],
  ["2, sorry, 3", 3],
  ["5, I mean 3", 3],
  ["a few days, no wait, more than half", 2],
  ["Nearly every day, actually not every day", "unclear"],
  ["between several days and more than half", "unclear"],
  ["several days or more than half, hard to say", "unclear"],
  ["nearly every day, not at all", "unclear"],
  // hedges and non-answers
  ["almost never", "unclear"],
  ["every other day", "unclear"],
  ["about half the time", "unclear"],
  ["No idea", "unclear"],
  ["not sure, maybe a few days", 1],
  ["I'm not sure", "unclear"],
  ["hardly ever", "unclear"],
  ["once or twice", "unclear"],
  ["yes", "unclear"],
  ["hmm", "unclear"],
  ["👍", "unclear"],
  ["why do you ask?", "unclear"],
  // empty
  ["", "empty"],
  ["   ", "empty"],
  ["...", "empty"],
  ["?!", "empty"],
];

const CHINESE: readonly (readonly [string, Expected])[] = [
  // numbers, including full-width digits typed with a Chinese keyboard
  ["0", 0],
  ["２", 2],
  ["选2", 2],
  ["选项3", 3],
  ["我选1吧", 1],
  ["2吧", 2],
  ["2周里有3天", "unclear"],
  ["5", "unclear"],
  ["3天", "unclear"],
  ["大概两三天", "unclear"],
  ["第2个", "unclear"],
  // option labels and paraphrases
  ["完全不会", 0],
  ["没有", 0],
  ["没有。", 0],
  ["从不", 0],
  ["从来没有过", 0],
  ["没有，完全不会", 0],
  ["几天", 1],
  ["有几天", 1],
  ["好几天吧", 1],
  ["好幾天", 1],
  ["一半以上的天數", 2],
  ["偶尔会", 1],
  ["有时候", 1],
  ["一半以上", 2],
  ["一半以上的天数", 2],
  ["超过一半", 2],
  ["经常这样", 2],
  ["大部分时间都是", 2],
  ["几乎每天", 3],
  ["每天都这样", 3],
  ["天天都是", 3],
  ["一直都这样", 3],
  ["几乎天天睡不好", 3],
  // describing the symptom does not negate the frequency
  ["睡不好，几乎每天", 3],
  ["心情不好好几天了", 1],
  ["我几乎每天都没精神", 3],
  ["没兴趣好几天了", 1],
  // negation
  ["不是每天", "unclear"],
  ["不经常", "unclear"],
  ["不太经常", "unclear"],
  ["没有一半以上", "unclear"],
  ["也不是一直", "unclear"],
  ["不一定每天", "unclear"],
  ["不是每天，但是超过一半", 2],
  ["我觉得不算经常，有几天吧", 1],
  // corrections and contradictions
  ["不对，应该是好几天", 1],
  ["完全不会……其实几乎每天", 3],
  ["不不，几乎每天", 3],
  ["几乎每天，其实也不是每天", "unclear"],
  ["好几天或者一半以上", "unclear"],
  ["在好几天和一半以上之间", "unclear"],
  // hedges and non-answers
  ["不知道", "unclear"],
  ["不知道，可能有几天吧", 1],
  ["十几天", "unclear"],
  ["几乎没有", "unclear"],
  ["没几天", "unclear"],
  ["一半一半吧", "unclear"],
  ["这几天还好", "unclear"],
  ["一直没有", "unclear"],
  ["嗯", "unclear"],
  ["为什么问这个？", "unclear"],
  // empty
  ["", "empty"],
  ["。。。", "empty"],
  ["　", "empty"],
];

describe("interpretAnswer", () => {
  it.each(ENGLISH)("en %j → %s", (text, expected) => {
    expect(outcome(text, "en")).toBe(expected);
  });

  it.each(CHINESE)("zh %j → %s", (text, expected) => {
    expect(outcome(text, "zh")).toBe(expected);
  });

  it("understands an answer in the other language", () => {
    expect(interpretAnswer("every day", "zh")).toEqual({ score: 3 });
    expect(interpretAnswer("好几天", "en")).toEqual({ score: 1 });
  });
});
