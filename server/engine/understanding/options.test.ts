import { describe, expect, it } from "vitest";
import { extractOption } from "./options";

const lang = (reply: string) => (/\p{Script=Han}/u.test(reply) ? "zh" : "en");

describe("a questionnaire option from a colloquial frequency", () => {
  it.each([
    ["a handful of days, no more", 1],
    ["有几天吧，不算多", 1],
    ["around half the days", 2],
    ["more than a few, not quite every day", 2],
    ["一半以上吧", 2],
    ["every single day honestly", 3],
    ["几乎每天都这样", 3],
    ["almost never", 0],
  ])("%j → %d", (reply, value) => {
    expect(extractOption(reply, lang(reply))).toBe(value);
  });

  it("passes over a frequency that is turned down", () => {
    expect(extractOption("not half the days, just a few", "en")).toBe(1);
    expect(extractOption("不是天天，一半左右", "zh")).toBe(2);
  });

  it("settles on an option named by its place after the frequencies weighed", () => {
    expect(extractOption("fewer than most days, more than once or twice. so the second one", "en")).toBe(1);
    expect(extractOption("not every day, but more than a few. I'll go with the third option", "en")).toBe(2);
    expect(extractOption("不算天天吧，比几天多，选第三个", "zh")).toBe(2);
    expect(extractOption("the last one, every day without fail", "en")).toBe(3);
  });

  it("takes what follows a phrase taken back in jest or candour ('yeah right', 'said no one', 'tbh', 说实话)", () => {
    expect(extractOption("not at all, yeah right. nearly every day", "en")).toBe(3);
    expect(extractOption("Never, said no one who commutes. Several days", "en")).toBe(1);
    expect(extractOption("完全不会吧，说实话一半以上", "zh")).toBe(2);
  });

  it("takes what follows a turn ('but', 'no,', '不对')", () => {
    expect(extractOption("my partner says every day but I'd say half the days", "en")).toBe(2);
    expect(extractOption("几天吧。不对，几乎每天", "zh")).toBe(3);
  });

  it("reads a range of days within the two weeks by its lower end", () => {
    expect(extractOption("十四天里大概三四天", "zh")).toBe(1);
  });

  it("reads 一多半 as more than half the days", () => {
    expect(extractOption("不是天天 但是一多半的时间吧", "zh")).toBe(2);
  });

  it("takes the frequency after the last turn that one follows, not a turn with nothing after it", () => {
    expect(extractOption("一半以上吧，不对，应该就几天而已，上周其实睡得还行", "zh")).toBe(1);
  });

  it("reads 'not much' with a count of days as the count", () => {
    expect(extractOption("冇乜，一兩日咁啦", "zh")).toBe(1);
  });

  it("reads days of one week said before the count as twice over the two weeks", () => {
    expect(extractOption("这个嘛…一个礼拜有四五天吧", "zh")).toBe(2);
    expect(extractOption("a week, 4 days maybe", "en")).toBe(2);
  });

  it.each([
    ["Every blessed day. I used to love the garden", "en", 3],
    ["Hardly at all. A day, maybe.", "en", 1],
    ["冇喎，完全唔會", "zh", 0],
    ["木有，俺能吃着呢", "zh", 0],
    ["就上礼拜有两天，交货那两天", "zh", 1],
  ] as const)("everyday frequencies: %j → %d", (reply, lang, value) => {
    expect(extractOption(reply, lang)).toBe(value);
  });

  it.each([
    ["my husband would say every day. I'd say half the days", 2],
    ["我老公说是几乎每天，我觉得一半以上吧", 2],
    ["本来想说几乎每天 想想没那么多 有几天吧", 1],
    ["every night? nah. more than half though", 2],
    ["most days... well, more like every day lately", 3],
  ])("another's view, or a phrase turned from, yields to the client's own: %j → %d", (reply, value) => {
    expect(extractOption(reply, lang(reply))).toBe(value);
  });

  it.each([
    ["2 out of 7 days", 1],
    ["maybe 4 5 days", 1],
    ["nine ten days", 2],
    ["four in seven nights", 2],
    ["周一到周五都是这样 周末好点", 2],
    ["every day except weekends", 2],
  ])("a share of a week's days, every weekday: %j → %d", (reply, value) => {
    expect(extractOption(reply, lang(reply))).toBe(value);
  });

  it.each([
    ["not really. Once maybe, after the party", 1],
    ["not half the days. a couple though", 1],
    ["some nights, when the neighbours are loud", 1],
    ["most nights", 2],
    ["pretty much non-stop", 3],
  ])("once, a couple, some nights, most nights, non-stop: %j → %d", (reply, value) => {
    expect(extractOption(reply, lang(reply))).toBe(value);
  });

  it.each([
    ["完全不会，我睡得可香了", 0],
    ["完全不會 我每天都在忙工作", 0],
    ["完全不会是不可能的 有几天吧", 1],
    ["上周几乎每天，这周好一些，平均下来一半以上吧", 2],
    ["Not every day, more like a few. So several days, I suppose", 1],
    ["every day? hmm, thinking about it. so more than half", 2],
  ])("完全不会 with more said after it; an average, or a conclusion (so…), settles: %j → %d", (reply, value) => {
    expect(extractOption(reply, lang(reply))).toBe(value);
  });

  it.each([
    ["every other day", 2],
    ["隔一天就失眠一次", 2],
    ["rarely", 1],
    ["很少", 1],
    ["not even one day", 0],
  ])("every other day (half the days), rarely, not even one day: %j → %d", (reply, value) => {
    expect(extractOption(reply, lang(reply))).toBe(value);
  });

  it.each([
    ["nearly every day. ok maybe more than half", 2],
    ["几乎每天……呃，周末还好，那就一半以上吧", 2],
    ["幾乎每天耶……欸不是，大概一半多的天數吧", 2],
    ["Hardly ever? I'd say not at all. I'm actually ok on that one, sorry", 0],
    ["Nah, not at all, I watch the telly fine. OK, several days then.", 1],
    ["我有時候會想太多啦，不過一半以上應該沒有，就幾天吧", 1],
    ["天天倒不至于，一半多吧", 2],
  ])("a self-correction or conclusion settles, a phrase turned down after it yields: %j → %d", (reply, score) => {
    expect(extractOption(reply, lang(reply))).toBe(score);
  });

  it.each([
    ["冇喎，食得好多", 0],
    ["都沒有，我吃飯很正常，一天三餐準時", 0],
    ["几乎没有，沾枕头就着", 0],
    ["哪天不担心？担心房贷担心孩子担心我妈", 3],
    ["like ten of the fourteen days", 2],
    ["every time I talk with my father on phone... so maybe 4 5 days", 1],
    ["every single time, yeah", 3],
  ])("none, almost none, which day not, days of the fourteen in words, every time as whenever: %j → %d", (reply, score) => {
    expect(extractOption(reply, lang(reply))).toBe(score);
  });
});

describe("Cantonese and northern colloquial frequencies", () => {
  it.each([
    ["大部分日子都係，但唔至於日日", 2],
    ["多過一半，但未去到日日", 2],
    ["most days, but not every day", 2],
    ["成日都擔心 個孫仔喺外國讀書", 3],
    ["冇特別，同平時一樣", 0],
    ["没什么特别的，跟平时一样", 0],
    ["两三回吧", 1],
    ["有那么两回，看电视剧看串了", 1],
    ["一礼拜总有那么四五天吧", 2],
    ["礼拜一到礼拜五都不好，周末孙子来了就好了", 2],
    ["刚开始是有几天，后来越来越多，现在差不多天天了", 3],
    ["吃了药的晚上还行，没吃的那几天不行，大概一半吧", 2],
  ])("%s", (reply, value) => {
    expect(extractOption(reply, /\p{Script=Han}/u.test(reply) ? "zh" : "en")).toBe(value);
  });

  it("still reads a few days, and every day, as said", () => {
    expect(extractOption("有几天吧", "zh")).toBe(1);
    expect(extractOption("日日都係咁", "zh")).toBe(3);
    expect(extractOption("天天都这样，现在也是", "zh")).toBe(3);
  });
});
