import { describe, expect, it } from "vitest";
import { readReply } from "./read-reply";
import { extractRating } from "./values";

const rate = (reply: string) => readReply({ kind: "rating", lang: /\p{Script=Han}/u.test(reply) ? "zh" : "en", text: "From 0 to 10, how would you rate your mood?" }, reply);

describe("a rating read from a natural reply", () => {
  it.each([
    ["honestly like 6-7 but it was a 9 this morning", 6.5],
    ["Better than last time. A six? Last time I said four.", 6],
    ["a 4 probably. 4.5 on a good day", 4],
    ["Maybe 1. Maybe 2 on Fridays", 1],
    ["七分吧，比上周那个三分强多了", 7],
    ["二，刚入职那会儿还有八", 2],
  ])("a number said of another time is not the answer: %j → %d", (reply, value) => {
    expect(rate(reply)).toMatchObject({ intent: "answer", value });
  });

  it.each([
    ["I'd say a 6 but my manager would say a 9, so who knows.", 6],
    ["不太好，大概3吧，沒有到0那麼慘啦", 3],
    ["五分不到一点，4.5吧", 4.5],
    ["Lol 1. The neighbours had a party till 3", 1],
  ])("nor one said by someone else, one it is not, or a time: %j → %d", (reply, value) => {
    expect(rate(reply)).toMatchObject({ intent: "answer", value });
  });

  it.each([
    ["呃 大概 4？也可能3", 3.5],
    ["so 8. Or 9", 8.5],
    ["叁分", 3],
  ])("ranges and formal numerals: %j → %d", (reply, value) => {
    expect(rate(reply).value).toBe(value);
  });

  it.each([
    ["Two point five. I'm being precise", 2.5],
    ["Six. Not bad for an old codger of eighty-two.", 6],
    ["一分，不是零分，因为礼拜三那天睡了个好觉", 1],
    ["俩分 没啥焦虑的 就是累", 2],
  ])("decimals in words, larger numbers' units, a score it is not, 俩: %j → %d", (reply, value) => {
    expect(rate(reply).value).toBe(value);
  });

  it.each([
    ["Four and half", 4.5],
    ["nine over ten", 9],
    ["7 over 10 today", 7],
    ["6 on 10", 6],
    ["seven outta ten", 7],
  ])("a half without its article, a score over ten: %j → %d", (reply, value) => {
    expect(extractRating(reply)).toBe(value);
  });

  it.each([
    ["5.5. That's the fair one.", 5.5],
    ["seven, though today isn't one of those days", 7],
    ["three. the second one was worse", 3],
  ])("\"one\" after a determiner, an adjective or a negated verb is a pronoun: %j → %d", (reply, value) => {
    expect(extractRating(reply)).toBe(value);
  });

  it.each([
    ["a 2 coffee morning, and I'm a 6", 6],
    ["4, I had 2 arguments with him today", 4],
    ["the 10 is minutes, my mood is a 4", 4],
    ["I'm a 6. My six is most people's four.", 6],
    ["a 12 hour shift, then a 2 meeting evening. mood 4", 4],
    ["开了三场会，两瓶水都没喝完，心情五分", 5],
    ["3 stars", 3],
    ["a 5, four school runs and three packed lunches later", 5],
    ["2 and honestly that's kind", 2],
  ])("a number counting something, or a scale point talked about, is not the rating: %j → %d", (reply, value) => {
    expect(extractRating(reply)).toBe(value);
  });

  it.each([
    ["I'd give it a 4. Could've been a 6 if the train had turned up", 4],
    ["about a 7, my sister'd say a 3 but she's not me", 7],
    ["五分吧，要不是周末加班，本来能有七分", 5],
    ["三分，不然早就来这里了", 3],
  ])("what the rating would have been, or someone else's, yields to the client's own: %j → %d", (reply, value) => {
    expect(extractRating(reply)).toBe(value);
  });

  it.each([
    ["6. my husband will say 9 though", 6],
    ["我觉得6分，我老婆说8分", 6],
    ["他觉得三分，那就按他说的三分吧", 3],
    ["Four. Before it was two.", 4],
    ["七分，不过上班的时候是三分", 7],
    ["Seven. Maybe eight if the weather holds.", 7],
    ["eight. no, seven. eight is for when things are great", 7],
  ])("another person's view, another time, a condition, what a scale point is for: %j → %d", (reply, value) => {
    expect(extractRating(reply)).toBe(value);
  });

  it.each([
    ["五，最多六", 5],
    ["a 3, at most a 4", 3],
    ["八分…开玩笑的，四分吧", 4],
    ["他说六分，我看最多四分。还是按四吧", 4],
    ["七分，扣掉的三分是因为睡不好", 7],
    ["9, minus 2 for the commute", 9],
    ["一分都没有", 0],
  ])("an upper bound, a joke retracted, points taken off, not one point: %j → %d", (reply, value) => {
    expect(extractRating(reply)).toBe(value);
  });

  it.each([
    ["4? 5? 4", 4],
    ["Six, maybe seven. Probably six.", 6],
  ])("a number after a whole range settles it: %j → %d", (reply, value) => {
    expect(extractRating(reply)).toBe(value);
  });

  it.each([
    ["七成吧，还行", 7],
    ["一", 1],
    ["心情满分！", 10],
    ["Between a 3 and a 4.", 3.5],
  ])("七成 (seven tenths), a numeral alone, 满分 (full marks), a range with its articles: %j → %d", (reply, value) => {
    expect(extractRating(reply)).toBe(value);
  });

  it.each(["离满分还远呢", "一直很累"])("no rating where full marks are far off or 一 is inside a word: %j", (reply) => {
    expect(extractRating(reply)).toBeUndefined();
  });

  it.each([
    ["八分……嗯，還是七分好了，八分太誇張", 7],
    ["六分……哦不，刚才跟我妈吵了一架，现在顶多四分", 4],
    ["8 分… 不对 应该 9, Q4 结账真的 crazy", 9],
    ["八分，算了，七分吧", 7],
    ["a 7. ok maybe a 6", 6],
    ["8 is too high, 7", 7],
    ["八分……不，七分", 7],
  ])("a self-correction's last committed value wins, not a number turned down: %j → %d", (reply, value) => {
    expect(extractRating(reply)).toBe(value);
  });

  it.each([
    ["um I'd say ate", 8],
    ["honestly about a won", 1],
    ["I'd say about a for", 4],
    ["to", 2],
    ["for or five", 4.5],
    ["to maybe three", 2.5],
    ["won maybe to", 1.5],
    ["for. maybe for and a half. no just put for", 4],
  ])("a dictated homophone where a number stands: %j → %d", (reply, value) => {
    expect(extractRating(reply)).toBe(value);
  });

  it.each(["I want to", "hard to say", "what is it for?", "I won", "me too", "I ate already", "not sure what to put for this"])(
    "homophones in ordinary words are no rating: %j",
    (reply) => {
      expect(extractRating(reply)).toBeUndefined();
    },
  );

  it.each([
    ["sevennn", 7],
    ["threeee", 3],
    ["seven eight depends on the day", 7.5],
    ["七八九吧，看哪天", 8],
    ["有点低… 三还是四吧", 3.5],
    ["能量？早被榨干了，最多给个一点五", 1.5],
    ["还行吧，不算差，也就刚刚及格", 6],
    ["十分是超級容易生氣，對嗎？那我大概……八吧", 8],
    ["没有十分，但也差不了多少，八吧", 8],
    ["I'd say 6 or 7, sorry I can't pick one", 6.5],
    ["no more than a 2 tbh i was up til 4", 2],
    ["eat until 7 I guess", 7],
    ["还行，不怎么烦，顶多三分。要不是我儿子天天打游戏，估计就一分", 3],
    ["if it weren't for work I'd say 8. as it is, 4", 4],
  ])("drawn-out words, runs of numerals, 及格, a scale's end explained, a pronoun one, a time: %j → %d", (reply, value) => {
    expect(extractRating(reply)).toBe(value);
  });

  it.each(["不及格都算好的了", "Q4 is brutal", "mp3 player died lol"])("no rating from a failed pass or a label: %j", (reply) => {
    expect(extractRating(reply)).toBeUndefined();
  });
});

describe("ratings said as northern, formal and companion replies", () => {
  it.each([
    ["一，完全放鬆唔到", 1],
    ["一。我有一个很好的家庭，孤独感几乎没有。", 1],
    ["也就半分，哈哈，基本没咋睡", 0.5],
    ["seven, eight", 7.5],
    ["六，七", 6.5],
    ["六。剛才想說七，仔細想了一下還是六比較準確。", 6],
    ["嚴格來說是五分。週一到週三大概三分，後面幾天好一些。", 5],
    ["我老伴说我天天发火，10分。——瞎说，最多5分", 5],
    ["我妈说她挺好，7分。——什么7分，我自己说，顶多4分", 4],
  ])("%s", (reply, value) => {
    expect(extractRating(reply)).toBe(value);
  });

  it("does not read a bare 一 inside words, half a minute, or numbers two apart as a range", () => {
    expect(extractRating("一直都不好")).toBeUndefined();
    expect(extractRating("半分钟都静不下来")).toBeUndefined();
    expect(extractRating("seven, nine")).toBe(9);
  });
});
