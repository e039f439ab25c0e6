import { describe, expect, it } from "vitest";
import { extractChoice } from "./choices";

const FOCUS = ["sleep", "stress", "relationships"];
const FOCUS_EN = "What shall we start with: sleep, stress or relationships?";
const FOCUS_ZH = "你想先聊哪个：睡眠、压力，还是人际关系？";

describe("picking one of a question's listed options", () => {
  it.each([
    ["Relationships. Sleep is okay these days", "relationships"],
    ["stress, mostly. the sleep follows from it", "stress"],
    ["压力吧 睡眠还凑合", "stress"],
    ["睡眠啦，压力我顶得住", "sleep"],
  ])("a short opening that names one option is the pick, the rest its reason: %j", (reply, value) => {
    expect(extractChoice(reply, FOCUS, /\p{Script=Han}/u.test(reply) ? FOCUS_ZH : FOCUS_EN)).toBe(value);
  });

  it("passes over an opening that turns an option down", () => {
    expect(extractChoice("不要聊睡眠，压力吧", FOCUS, FOCUS_ZH)).toBe("stress");
    expect(extractChoice("not sleep. stress", FOCUS, FOCUS_EN)).toBe("stress");
  });

  it("takes what the reply settles on after a correction or a 还是…吧", () => {
    expect(extractChoice("sleep. no actually stress, sleep is only the symptom", FOCUS, FOCUS_EN)).toBe("stress");
    expect(extractChoice("睡眠……算了，还是人际关系吧，睡眠是因为它", FOCUS, FOCUS_ZH)).toBe("relationships");
    expect(extractChoice("都差不多，硬要选的话，压力", FOCUS, FOCUS_ZH)).toBe("stress");
  });

  it("matches numbers in the option's label, in digits or Chinese numerals", () => {
    const lengths = ["short", "medium", "long"];
    expect(extractChoice("十五分钟吧", lengths, "你想练习多久：5分钟、15分钟，还是30分钟？")).toBe("medium");
    expect(extractChoice("30 minutes works", lengths, "How long: short (5 min), medium (15 min) or long (30 min)?")).toBe("long");
  });

  it("reads a letter with a particle, and 'number N', as a position", () => {
    expect(extractChoice("B吧", FOCUS, "今天想聊：A 睡眠 B 压力 C 人际关系")).toBe("stress");
    expect(extractChoice("number 3 please", FOCUS, FOCUS_EN)).toBe("relationships");
  });

  it("gives no choice when an opening names two options alike", () => {
    expect(extractChoice("sleep and stress, both equally, can't split them", FOCUS, FOCUS_EN)).toBeUndefined();
  });
});
