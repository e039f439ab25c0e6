import { describe, expect, it } from "vitest";
import { extractDuration } from "./durations";
import { readReply } from "./read-reply";

const howLong = (reply: string) => readReply({ kind: "duration", lang: /\p{Script=Han}/u.test(reply) ? "zh" : "en", text: "How long has this been going on?" }, reply);

describe("how long something has lasted, read from a natural reply", () => {
  it.each([
    ["一个多星期", { amount: 1, unit: "week" }],
    ["三個幾月", { amount: 3, unit: "month" }],
    ["成年幾啦", { amount: 1, unit: "year" }],
    ["廿来天", { amount: 20, unit: "day" }],
    ["Five nights now", { amount: 5, unit: "day" }],
    ["a whole year", { amount: 1, unit: "year" }],
  ])("a count said the way people say it: %j", (reply, value) => {
    expect(howLong(reply)).toMatchObject({ intent: "answer", value });
  });

  it.each([
    ["abt 1 year 3 months", { amount: 15, unit: "month" }],
    ["一年零三个月", { amount: 15, unit: "month" }],
    ["2 weeks and 3 days", { amount: 17, unit: "day" }],
    ["1.5 yrs", { amount: 18, unit: "month" }],
  ])("a length in two units, or a fraction of a year, in the smaller unit: %j", (reply, value) => {
    expect(howLong(reply)).toMatchObject({ intent: "answer", value });
  });

  it.each([
    ["a few months. 3 maybe", { amount: 3, unit: "month" }],
    ["only a few days, like 3", { amount: 3, unit: "day" }],
    ["years. at least 10", { amount: 10, unit: "year" }],
    ["好几个月了，大概三四个吧", { amount: 3, unit: "month" }],
  ])("a vague count made exact: %j", (reply, value) => {
    expect(howLong(reply)).toMatchObject({ intent: "answer", value });
  });

  it.each([
    ["four months. no wait, five", { amount: 5, unit: "month" }],
    ["Two weeks? no, closer to a month", { amount: 1, unit: "month" }],
    ["About a year. No, less. Since he turned 16, so 8 months", { amount: 8, unit: "month" }],
    ["a week? eight days i think", { amount: 8, unit: "day" }],
    ["不到一个月，三周吧", { amount: 3, unit: "week" }],
  ])("what the reply settles on: %j", (reply, value) => {
    expect(howLong(reply)).toMatchObject({ intent: "answer", value });
  });

  it.each([
    ["2 weeks? 3 weeks?", { amount: 2, unit: "week" }],
    ["两三个月吧", { amount: 2, unit: "month" }],
  ])("a range gives its lower bound: %j", (reply, value) => {
    expect(howLong(reply)).toMatchObject({ value });
  });

  it.each(["我成年以后就一直这样", "months, since I was 12"])("no count where none is given: %j", (reply) => {
    expect(howLong(reply).value).toBeUndefined();
  });

  it.each([
    ["年把了", { amount: 1, unit: "year" }],
    ["个把礼拜", { amount: 1, unit: "week" }],
  ])("about one of a unit (年把, 个把): %j", (reply, value) => {
    expect(howLong(reply)).toMatchObject({ value });
  });

  it.each([
    ["two and half years", { amount: 30, unit: "month" }],
    ["about one and half year now", { amount: 18, unit: "month" }],
    ["five six days", { amount: 5, unit: "day" }],
    ["二十三四天了", { amount: 23, unit: "day" }],
    ["十七八年", { amount: 17, unit: "year" }],
    ["somewhere between 3 and 4 weeks", { amount: 3, unit: "week" }],
    ["2 years and 3 months", { amount: 27, unit: "month" }],
  ])("a half without its article, ranges without a separator (the lower bound): %j", (reply, value) => {
    expect(extractDuration(reply)).toEqual(value);
  });

  it.each([
    ["半年吧，不对，快十个月了", { amount: 10, unit: "month" }],
    ["a fortnight. no wait, three weeks", { amount: 3, unit: "week" }],
    ["2 weeks. no, 3.", { amount: 3, unit: "week" }],
    ["一个月吧，哦不对，都六月了，两个月", { amount: 2, unit: "month" }],
  ])("a named length (半年, a fortnight) yields to a correction; a month of the year is not a count of months: %j", (reply, value) => {
    expect(extractDuration(reply)).toEqual(value);
  });

  it.each([
    ["Three weeks, give or take a few days", { amount: 3, unit: "week" }],
    ["a year, plus or minus a month", { amount: 1, unit: "year" }],
    ["this time about a month. The last time it was three months.", { amount: 1, unit: "month" }],
    ["在这边住了五年，难受是最近这两个月", { amount: 2, unit: "month" }],
    ["我觉得有一年了，她说才半年，就写半年吧", { amount: 6, unit: "month" }],
    ["I'd say a year, my wife says 8 months. just put 8 months", { amount: 8, unit: "month" }],
  ])("a tolerance, another episode, a longer time around the recent stretch, the length to write down: %j", (reply, value) => {
    expect(extractDuration(reply)).toEqual(value);
  });

  it.each([
    ["a week. maybe 2. no def 2", { amount: 2, unit: "week" }],
    ["一礼拜吧……哦不，上上个周末开始的，那是俩礼拜", { amount: 2, unit: "week" }],
    ["五天？一个礼拜？五天吧，上周三开始的", { amount: 5, unit: "day" }],
    ["半年多了吧，大概七個月", { amount: 7, unit: "month" }],
    ["a year and a bit, like 14 months", { amount: 14, unit: "month" }],
    ["Eleven months, thereabouts. It'll be a year in March", { amount: 11, unit: "month" }],
  ])("a self-correction, a guess asked back, a rough length made exact, a length still to come: %j", (reply, value) => {
    expect(extractDuration(reply)).toEqual(value);
  });

  it.each([
    ["嗯…四个月？还是五个月，反正过年前就有了", { amount: 4, unit: "month" }],
    ["2 weeks? 3 weeks?", { amount: 2, unit: "week" }],
    ["三个多月，最近两周更严重", { amount: 2, unit: "week" }],
    ["two weeks and a bit, maybe three weeks", { amount: 2, unit: "week" }],
  ])("an alternative after a guess is still a range's lower bound: %j", (reply, value) => {
    expect(extractDuration(reply)).toEqual(value);
  });

  it.each([
    ["um ate weeks maybe nine", { amount: 8, unit: "week" }],
    ["since to weeks maybe little bit more", { amount: 2, unit: "week" }],
    ["won month I think", { amount: 1, unit: "month" }],
  ])("a dictated homophone before a unit: %j", (reply, value) => {
    expect(extractDuration(reply)).toEqual(value);
  });

  it.each(["for weeks", "days to weeks", "forever and a day lol", "多久？反正不是一两天的事了", "not just a week or two, ages"])(
    "no length from a common phrase, a saying or a length denied: %j",
    (reply) => {
      expect(extractDuration(reply)).toBeUndefined();
    },
  );
});

describe("Cantonese and northern colloquial lengths, and corrections said with 唔係 or a dash", () => {
  it.each([
    ["年幾", { amount: 1, unit: "year" }],
    ["個幾月", { amount: 1, unit: "month" }],
    ["都有個多禮拜", { amount: 1, unit: "week" }],
    ["成年半啦", { amount: 18, unit: "month" }],
    ["一整年了，真的一整年", { amount: 1, unit: "year" }],
    ["四五十天了吧", { amount: 40, unit: "day" }],
    ["八個月，唔係，九個月", { amount: 9, unit: "month" }],
    ["两个月，不是，三个月", { amount: 3, unit: "month" }],
    ["大概兩個月前開始，唔係，應該係三個月", { amount: 3, unit: "month" }],
    ["Nine days. No — eleven, I forgot the weekend.", { amount: 11, unit: "day" }],
  ])("%s", (reply, value) => {
    expect(extractDuration(reply)).toEqual(value);
  });

  it("leaves the year of the calendar and an age alone", () => {
    expect(extractDuration("今年几岁了？")).toBeUndefined();
    expect(extractDuration("去年多事")).toBeUndefined();
    expect(extractDuration("一年多")).toEqual({ amount: 1, unit: "year" });
  });
});
