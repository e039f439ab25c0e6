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

  it("passes over options only asked about or waved away, and takes the one settled on (那就, 选, 直接)", () => {
    expect(extractChoice("睡眠？我哪有得睡。压力吧", FOCUS, FOCUS_ZH)).toBe("stress");
    expect(extractChoice("聊啥睡眠，直接说压力", FOCUS, FOCUS_ZH)).toBe("stress");
    expect(extractChoice("睡眠就算了，压力也聊腻了，那就人际关系吧", FOCUS, FOCUS_ZH)).toBe("relationships");
    expect(extractChoice("Sleep? I wish. Relationships", FOCUS, FOCUS_EN)).toBe("relationships");
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

  it.each([
    ["after dinner works best", ["morning", "afternoon", "evening"], "When would you prefer your reminders: morning, afternoon or evening?", "evening"],
    ["every day would help keep me on track", ["daily", "weekly", "none"], "How often should I remind you: daily, weekly, or not at all?", "daily"],
    ["something with a pen and paper", ["breathing", "journaling", "walking"], "Shall we start with a breathing exercise, some journaling, or a walk?", "journaling"],
  ])("common words ('after', 'every', 'with') do not name an option: %j", (reply, options, question, value) => {
    expect(extractChoice(reply, options, question)).toBe(value);
  });

  it.each([
    ["Amma and Appa. They want me to get married", ["partner", "parents", "children", "friends"], "Who is it mostly about: your partner, your parents, your children or friends?", "parents"],
    ["arvo's best for me", ["morning", "afternoon", "evening"], "Morning, afternoon or evening?", "afternoon"],
    ["Got laid off in Feb", ["money", "job", "housing"], "Which is weighing on you most: money, your job, or housing?", "job"],
    ["Doesn't matter to me.", ["male", "female", "no_preference"], "Would you prefer a male or female counsellor, or no preference?", "no_preference"],
    ["嗯…先歇会儿", ["continue", "pause", "end"], "要继续、暂停，还是结束？", "pause"],
  ])("an option known by everyday words for it: %j", (reply, options, question, value) => {
    expect(extractChoice(reply, options, question)).toBe(value);
  });

  it.each([
    ["屋企嘅事多啲", ["work", "family", "relationships"], "你而家最困擾嘅係工作、家庭，定係感情？", "family"],
    ["晚上脑子停不下来，躺下就开始想事情", ["low_mood", "anxiety", "sleep"], "想先从哪一块开始？情绪低落、焦虑，或是睡眠？", "sleep"],
  ])("a question's opening and Cantonese particles are not an option's label: %j", (reply, options, question, value) => {
    expect(extractChoice(reply, options, question)).toBe(value);
  });

  it("passes over an option named only to be turned down, and knows 下晌 as the afternoon", () => {
    expect(extractChoice("Let's have a wee chat, I'm not one for breathing exercises.", ["talk", "breathing", "tips"], "Would you like a chat, a breathing exercise, or some tips?")).toBe("talk");
    expect(extractChoice("下晌吧 两三点那会儿", ["morning", "afternoon", "evening"], "你想早上、下午还是晚上收到提醒？")).toBe("afternoon");
  });

  it.each([
    ["rent went up again and the landlord wants us out by August", ["money", "job", "housing"], "Which practical problem is weighing on you most: money, your job, or housing?", "housing"],
    ["Well my health is fine for my age, and the family are good to me, so I suppose it must be the loneliness.", ["loneliness", "health", "family"], "Is it loneliness, your health, or family that weighs most?", "loneliness"],
    ["I'd rather you didn't send any, I'll come back when I need to", ["daily", "weekly", "none"], "How often should I check in: daily, weekly, or not at all?", "none"],
  ])("more of a topic's words, a conclusion ('so…'), or none asked for: %j", (reply, options, question, value) => {
    expect(extractChoice(reply, options, question)).toBe(value);
  });

  it.each([
    ["睡眠吧…其实人际也有点，但主要还是压力", "stress"],
    ["人际关系倒是其次，主要是睡不着", "sleep"],
    ["there's some sleep stuff but mainly the stress", "stress"],
    ["Relationships mainly. Sleep's fine now.", "relationships"],
    ["Stress. Sleep is fine, mostly, apart from the odd night.", "stress"],
  ])("what is marked as the main one (主要, mainly) decides: %j → %j", (reply, value) => {
    expect(extractChoice(reply, FOCUS, /\p{Script=Han}/u.test(reply) ? FOCUS_ZH : FOCUS_EN)).toBe(value);
  });

  it("a longer word of one option that holds another option's label is the first option's (男朋友, not 朋友)", () => {
    const question = "主要是跟谁：伴侣、父母、朋友还是同事？";
    expect(extractChoice("跟我男朋友", ["partner", "parents", "friends", "coworkers"], question)).toBe("partner");
    expect(extractChoice("跟朋友", ["partner", "parents", "friends", "coworkers"], question)).toBe("friends");
  });

  it.each([
    ["stress more than sleep, honestly", "stress"],
    ["压力大过睡眠", "stress"],
    ["人际关系比睡眠严重", "relationships"],
    ["both sleep and stress but stress more", "stress"],
    ["睡眠比较多吧", "sleep"],
  ])("the one ranked greater in a comparison: %j → %j", (reply, value) => {
    expect(extractChoice(reply, FOCUS, /\p{Script=Han}/u.test(reply) ? FOCUS_ZH : FOCUS_EN)).toBe(value);
  });

  it.each([
    ["睡眠……不，压力吧，睡不好也是压力闹的", "stress"],
    ["睡眠…唉 算啦 都係压力先", "stress"],
    ["between sleep and stress... stress", "stress"],
    ["sleep. well more stressed than tired actually", "stress"],
  ])("a self-correction, a choice narrowed down, 'more X than Y': %j", (reply, value) => {
    expect(extractChoice(reply, FOCUS, /\p{Script=Han}/u.test(reply) ? FOCUS_ZH : FOCUS_EN)).toBe(value);
  });

  it.each(["between sleep and stress, both really", "sleep and stress. relationships are fine"])("no pick when torn and never narrowed to one of them: %j", (reply) => {
    expect(extractChoice(reply, FOCUS, FOCUS_EN)).toBeUndefined();
  });

  it("everyday words for an option: fam, cash", () => {
    expect(extractChoice("fam ig", ["school", "family", "friends"], "What would you like to focus on today: school, family or friends?")).toBe("family");
    expect(extractChoice("Cash. It's always the cash.", ["family", "money", "health"], "Which feels heaviest: family, money or health?")).toBe("money");
  });

  it("a label named whole counts even when its characters are common ones", () => {
    const question = "你覺得最近最影響你睡眠的是：想事情、身體不舒服，還是環境太吵？";
    expect(extractChoice("應該是想事情吧。不過樓上也很吵…還是想事情啦", ["thoughts", "body", "noise"], question)).toBe("thoughts");
  });
});

describe("everyday words for listed choices, Cantonese and northern colloquial", () => {
  it.each([
    ["聽歌，陳奕迅", ["exercise", "music", "talking"], "music"],
    ["listening to songs mostly", ["exercise", "music", "talking"], "music"],
    ["其實係同老公嘅問題", ["sleep", "stress", "relationships"], "relationships"],
    ["拍拖嘅問題", ["family", "school", "relationships"], "relationships"],
    ["行下海旁囉", ["walking", "meditation", "music"], "walking"],
    ["给俺出点实在主意", ["company", "advice"], "advice"],
    ["眼下的事儿，过去的提它干啥", ["past", "present"], "present"],
  ])("%s", (reply, options, value) => {
    expect(extractChoice(reply, options)).toBe(value);
  });

  it("names none when the reply names no option", () => {
    expect(extractChoice("唔知喎", ["exercise", "music", "talking"])).toBeUndefined();
  });
});
