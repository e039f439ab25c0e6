import { describe, expect, it } from "vitest";
import { readReply } from "./read-reply";

const askYesNo = (question: string, reply: string) => readReply({ kind: "yes_no", lang: "zh", text: question }, reply).intent;

describe("yes and no said without yes or no", () => {
  it.each([
    ["你還記得上次我們談過的睡眠小技巧嗎？", "記得 睡前不要滑手機對吧", "yes"],
    ["你平时睡前会玩手机吗？", "会 不玩睡不着 玩了更睡不着 哈哈", "yes"],
    ["你之前用过类似的心理支持app吗？", "用过一个 不过没坚持", "yes"],
    ["你周末会和家人一起吃饭吗？", "不会 我在外地 一年就回去两次", "no"],
    ["你有想过找家人帮忙吗？", "没想过 也不想找 他们自己都顾不过来", "no"],
  ])("a Chinese reply echoing the question's verb: %j → %j", (question, reply, intent) => {
    expect(askYesNo(question, reply)).toBe(intent);
  });

  it("a word asked back is not an echo", () => {
    expect(askYesNo("你有在吃早餐吗？", "早餐？？我七点就要到校 哪有时间")).not.toBe("yes");
  });

  it.each([
    ["晚上回家後有沒有屬於自己的時間？", "嗯…有時候有，有時候沒有"],
    ["听下来你是因为身体不好心情也差，想多出去走走。我说得对吗？", "也对也不对"],
    ["你有没有跟老师或者辅导员提过这件事？", "我不记得了 好像有又好像没有"],
  ])("a reply that goes both ways is unsure: %j", (question, reply) => {
    expect(askYesNo(question, reply)).toBe("unsure");
  });

  it("'yes but also no' to a summary is unsure", () => {
    expect(readReply({ kind: "confirm_summary", lang: "en", text: "So you came in because of stress at work. Have I got that right?" }, "yes but also no. I'm not sure").intent).toBe("unsure");
  });
});
