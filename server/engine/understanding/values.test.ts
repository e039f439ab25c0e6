import { describe, expect, it } from "vitest";
import { readReply } from "./read-reply";

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
});
