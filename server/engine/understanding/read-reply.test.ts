import { describe, expect, it } from "vitest";
import { readReply } from "./read-reply";
import type { PendingQuestion, QuestionKind } from "./types";

const ask = (kind: QuestionKind, lang: "en" | "zh" = "en", text = "", options?: string[]): PendingQuestion => ({ kind, lang, text, ...(options ? { options } : {}) });

describe("reading a reply against the pending question", () => {
  it.each([
    ["about a six", 6],
    ["maybe 7 out of 10", 7],
    ["六分左右", 6],
    ["大概七分吧", 7],
    ["6 or 7", 6.5],
    ["六七分吧", 6.5],
    ["five. no wait, more like a 4", 4],
    ["I'm 34 with two kids and I'd give it a 3", 3],
    ["7分到8分之间", 7.5],
    ["五、六分吧", 5.5],
    ["like a 3/4 tbh", 3.5],
    ["九点五分", 9.5],
    ["八啦", 8],
    ["零蛋", 0],
    ["零，一分钟都没放松过", 0],
    ["somewhere in the middle", 5],
    ["two. maybe two and a half", 2.5],
    ["10 out of 10 for trying, 4 for how I feel. so 4", 4],
    ["better, a 7 instead of 5", 7],
  ])("a rating in words or digits: %j → %d", (reply, value) => {
    expect(readReply(ask("rating", /\p{Script=Han}/u.test(reply) ? "zh" : "en", "How would you rate your mood from 0 to 10?"), reply)).toMatchObject({ intent: "answer", value });
  });

  it.each([
    ["I'm Sam. Well, most people call me Sammy actually.", "Sammy"],
    ["call me Sam", "Sam"],
    ["my name is Priya", "Priya"],
    ["叫我小林就好", "小林"],
    ["我姓林，叫我小林就行", "小林"],
    ["大家都叫我阿乐", "阿乐"],
    ["我叫王思远，叫我思远就好", "思远"],
    ["Rosalind's fine", "Rosalind"],
    ["Theo's grand, thanks", "Theo"],
    ["My name's Katherine but please, Kit", "Kit"],
    ["Bobby! no wait, that's my dad's name for me. Robert please", "Robert"],
    ["call me Rex haha. no actually just Tom", "Tom"],
    ["Auntie Wen is what the kids call me", "Auntie Wen"],
    ["Call me 阿杰 啦", "阿杰"],
    ["叫全名就好，陈嘉明", "陈嘉明"],
    ["叫我阿峰 朋友都这么叫 虽然我不姓峰", "阿峰"],
    ["我英文名 Ivy，大家都这样叫", "Ivy"],
  ])("a name from a sentence: %j → %j", (reply, value) => {
    expect(readReply(ask("name", /\p{Script=Han}/u.test(reply) ? "zh" : "en", "What would you like me to call you?"), reply)).toMatchObject({ intent: "answer", value });
  });

  it.each(["I'm not really comfortable with that", "why do you need it?", "不太想说这个"])("no name when none is given: %j", (reply) => {
    const reading = readReply(ask("name", /\p{Script=Han}/u.test(reply) ? "zh" : "en", "What should I call you?"), reply);
    expect(reading.intent).not.toBe("answer");
    expect(reading.value).toBeUndefined();
  });

  it.each([
    ["a couple of weeks", { amount: 2, unit: "week" }],
    ["半年了", { amount: 6, unit: "month" }],
    ["两三个月吧", { amount: 2, unit: "month" }],
    ["a year and a half", { amount: 18, unit: "month" }],
    ["about a fortnight", { amount: 2, unit: "week" }],
    ["a decade, easily", { amount: 10, unit: "year" }],
    ["four, five months", { amount: 4, unit: "month" }],
    ["五、六年了", { amount: 5, unit: "year" }],
    ["去年九月到现在，差不多三个月", { amount: 3, unit: "month" }],
    ["一个来月吧", { amount: 1, unit: "month" }],
  ])("a duration: %j", (reply, value) => {
    expect(readReply(ask("duration", /\p{Script=Han}/u.test(reply) ? "zh" : "en", "How long has this been going on?"), reply)).toMatchObject({ intent: "answer", value });
  });

  it.each([
    ["yes_no", "I guess so, sure", "yes"],
    ["yes_no", "说不太清楚", "unsure"],
    ["open", "I'd rather not say", "skip"],
    ["open", "skip", "skip"],
    ["open", "跳过", "skip"],
    ["open", "不太想说这个", "skip"],
    ["open", "Can I talk to a real person instead?", "handoff"],
    ["open", "who reads this?", "question"],
    ["rating", "about a six", "answer"],
    ["yes_no", "no, I'd rather not", "no"],
    ["yes_no", "I'd rather not get into that", "skip"],
    ["yes_no", "这个我不太想答", "skip"],
  ] as const)("%s question, %j → %s", (kind, reply, intent) => {
    expect(readReply(ask(kind, /\p{Script=Han}/u.test(reply) ? "zh" : "en", "Would you like to start?"), reply).intent).toBe(intent);
  });

  it("asks who reads this, and whether this is a person, as questions with their topic", () => {
    expect(readReply(ask("open", "en", "What brings you here today?"), "who reads this?")).toMatchObject({ intent: "question", topic: "who_reads" });
    expect(readReply(ask("open", "en", "What brings you here today?"), "wait, are you a bot?")).toMatchObject({ intent: "question", topic: "real_person" });
  });

  it("picks a listed choice by its word, by position, or by its label in a Chinese question", () => {
    const options = ["sleep", "stress", "relationships"];
    expect(readReply(ask("choice", "en", "What would you like to focus on: sleep, stress or relationships?", options), "probably stress tbh").value).toBe("stress");
    expect(readReply(ask("choice", "en", "What would you like to focus on: sleep, stress or relationships?", options), "the second one").value).toBe("stress");
    expect(readReply(ask("choice", "zh", "你今天最想聊哪方面：睡眠、压力，还是人际关系？", options), "压力吧").value).toBe("stress");
  });

  it("reads a hedged questionnaire answer or a count of days as its option", () => {
    expect(readReply(ask("option", "en", "Over the last two weeks, how often have you had trouble sleeping?"), "most nights tbh").value).toBe(2);
    expect(readReply(ask("option", "zh", "过去两周，你有多少天睡不好？"), "也就一两天").value).toBe(1);
  });

  it("a rating given first and then asked about is an answer", () => {
    expect(readReply(ask("rating", "en", "On a scale of 0 to 10, how has your mood been?"), "7 — is that bad?")).toMatchObject({ intent: "answer", value: 7 });
    expect(readReply(ask("rating", "en", "On a scale of 0 to 10, how tense do you feel?"), "3/10. why, is that low?")).toMatchObject({ intent: "answer", value: 3 });
  });

  it("a name to be called by, after declining the real one, is an answer", () => {
    expect(readReply(ask("name", "en", "What's a name you'd be comfortable with me using?"), "I'd rather not give my real name. Call me Blue.")).toMatchObject({ intent: "answer", value: "Blue" });
  });

  it("a number with a unit is not a rating given out of range", () => {
    expect(readReply(ask("rating", "zh", "用0到10分，你的睡眠品质？"), "今天好冷喔，台中才12度").intent).not.toBe("answer");
    expect(readReply(ask("rating", "en", "From 0 to 10, how is your mood?"), "12").intent).toBe("answer");
  });

  it.each([
    ["sevennn", 7],
    ["um I'd say ate", 8],
    ["won maybe to", 1.5],
    ["七八九吧", 8],
  ])("a few words giving a rating answer it: %j → %d", (reply, value) => {
    expect(readReply(ask("rating", /\p{Script=Han}/u.test(reply) ? "zh" : "en", "From 0 to 10, how has your mood been?"), reply)).toMatchObject({ intent: "answer", value });
  });

  it.each([
    ["name", "jojo i guess", "Jojo"],
    ["name", "Wei Ling lor", "Wei Ling"],
    ["choice", "fam ig", "family"],
    ["option", "冇喎，食得好多", 0],
  ] as const)("as do a few words giving a %s: %j", (kind, reply, value) => {
    const question = ask(kind, /\p{Script=Han}/u.test(reply) ? "zh" : "en", kind === "choice" ? "What would you like to focus on: school, family or friends?" : "", kind === "choice" ? ["school", "family", "friends"] : undefined);
    expect(readReply(question, reply)).toMatchObject({ intent: "answer", value });
  });

  it.each(["idk", "hard to say", "不知道"])("a few words with no rating do not: %j", (reply) => {
    expect(readReply(ask("rating", /\p{Script=Han}/u.test(reply) ? "zh" : "en", "From 0 to 10, how has your mood been?"), reply).intent).not.toBe("answer");
  });

  it.each([
    ["你有试过什么让自己好受一点的方法吗？", "试过……不对，那是去年的事了，最近啥也没试"],
    ["你还记得第一次失眠是什么时候吗？", "记得……欸不对，其实记不太清了"],
  ])("an echoed verb taken back is not read as yes: %j %j", (question, reply) => {
    expect(readReply(ask("yes_no", "zh", question), reply).intent).not.toBe("yes");
  });

  it("an echoed verb not taken back still answers", () => {
    expect(readReply(ask("yes_no", "zh", "你有试过什么让自己好受一点的方法吗？"), "试过，跑步").intent).toBe("yes");
  });
});
