import { describe, expect, it } from "vitest";
import { detectRiskByRules } from "./rule-detector";
import type { RiskCategory, RiskLevel } from "./risk-types";

const assess = (text: string, lang?: "en" | "zh") => detectRiskByRules(text, lang ? { lang } : {});
const level = (text: string): RiskLevel => assess(text).level;
const expectRisk = (text: string, expected: RiskLevel, category?: RiskCategory) => {
  const result = assess(text);
  expect(result.level, text).toBe(expected);
  if (category) expect(result.category, text).toBe(category);
};

type RiskCase = readonly [text: string, level: RiskLevel, category?: RiskCategory];

/** One test per entry: each message gets the level given (and the category, where one is given). */
function itReadsLevels(table: Record<string, readonly RiskCase[]>) {
  it.each(Object.entries(table))("%s", (_name, cases) => {
    for (const [text, expected, category] of cases) expectRisk(text, expected, category);
  });
}

describe("detectRiskByRules: evidence", () => {
  it("returns spans as UTF-16 offsets into the original text, with the rule id", () => {
    const text = "Honestly… I want to kill myself tonight";
    const result = assess(text);
    expect(result.level).toBe("imminent");
    for (const item of result.evidence) expect(text.slice(item.start, item.end)).toBe(item.text);
    expect(result.evidence.map((item) => [item.text, item.rule])).toEqual([
      ["kill myself", "en.kill-myself"],
      ["tonight", "en.when.soon"],
    ]);
  });

  it("keeps offsets right after emoji (surrogate pairs), fullwidth punctuation and Traditional characters", () => {
    const text = "😭😭我已經想好怎麼死了！";
    const item = assess(text).evidence.find((candidate) => candidate.rule === "zh.plan");
    expect(item?.text).toBe("想好怎麼死");
    expect(item?.start).toBe(text.indexOf("想好"));
  });

  it("gives none with no evidence for ordinary text and for empty text", () => {
    expect(assess("Can we talk about my week?")).toEqual({ level: "none", category: "none", evidence: [], discounted: false });
    expect(assess("")).toEqual({ level: "none", category: "none", evidence: [], discounted: false });
  });
});

describe("detectRiskByRules: levels by category", () => {
  itReadsLevels({
    "suicidal ideation: passive → medium, active → high": [
      ["I wish I could disappear", "medium", "suicidal_ideation"],
      ["I don't want to wake up anymore", "medium", "suicidal_ideation"],
      ["I want to kill myself", "high", "suicidal_ideation"],
      ["I want to end my life", "high", "suicidal_ideation"],
      ["我想死", "medium", "suicidal_ideation"],
      ["不想活了", "medium", "suicidal_ideation"],
      ["活着没意思", "medium", "suicidal_ideation"],
      ["我想自杀", "high", "suicidal_ideation"],
    ],
    "plans, timing and notes → imminent": [
      ["I've decided to do it tonight", "imminent", "suicide_plan"],
      ["I wrote a note", "imminent", "suicide_plan"],
      ["I'm going to kill myself tonight", "imminent", "suicide_plan"],
      ["我已经想好怎么死了", "imminent", "suicide_plan"],
    ],
    "means: alone → high; with any suicidal wish → imminent": [
      ["I've been stockpiling my pills", "high", "means"],
      ["I want to die and I've been stockpiling my pills", "imminent", "means"],
      ["我攒了很多安眠药", "high", "means"],
      ["我攒了很多安眠药，不想活了", "imminent", "means"],
      ["我想跳楼", "high"],
      ["我想烧炭", "high"],
    ],
    "self-harm: current → high, past → low": [
      ["I cut myself last night", "high", "self_harm"],
      ["我又割腕了", "high"],
      ["我一直在自残", "high", "self_harm"],
      ["I used to cut myself in high school", "low", "self_harm"],
      ["我初中的时候自残过，现在已经好了", "low", "self_harm"],
    ],
    "medical emergency: an overdose taken → imminent": [
      ["I took a whole bottle of pills", "imminent", "medical_emergency"],
      ["I think I overdosed", "imminent", "medical_emergency"],
      ["chest pain and I can't breathe", "imminent", "medical_emergency"],
      ["I think I'm having a heart attack, my left arm is numb", "imminent", "medical_emergency"],
      ["我吃了一整瓶药", "imminent", "medical_emergency"],
    ],
    "harm to others with intent → high": [
      ["I'm going to hurt him", "high", "harm_to_others"],
      ["I'm going to kill him", "high", "harm_to_others"],
      ["我要杀了他", "high", "harm_to_others"],
    ],
    "abuse → medium, high with ongoing danger": [
      ["he hits me", "medium", "abuse"],
      ["他打我", "medium", "abuse"],
      ["他把我打得好痛", "medium", "abuse"],
      ["he touches me when nobody's around", "high", "abuse"],
      ["he threatened to kill me", "high", "abuse"],
      ["he's hitting me right now", "high", "abuse"],
      ["他说要杀了我", "high", "abuse"],
    ],
  });

  it("the highest level wins and the category is that one's", () => {
    const result = assess("my mum hits me and I took a whole bottle of pills");
    expect(result.level).toBe("imminent");
    expect(result.category).toBe("medical_emergency");
    expect(result.evidence.map((item) => item.rule)).toEqual(["en.hits-me", "en.took-pills"]);
  });
});

describe("detectRiskByRules: context that must not fire", () => {
  it("negation", () => {
    for (const text of ["I would never kill myself", "I'm not suicidal", "I'm not going to hurt anyone", "i dont want to die", "I have no intention of hurting myself", "我不想死", "我从来没想过自杀", "放心，我不会做傻事的"]) {
      expect(level(text), text).toBe("none");
    }
  });

  itReadsLevels({
    "negation is scoped to its clause: a later disclosure still counts": [
      ["I'm not okay. I want to die", "medium"],
      ["I don't know why but I want to kill myself", "high"],
      ["I can't stop thinking about killing myself", "high"],
      ["I'm not suicidal but I keep thinking about killing myself", "high"],
    ],
    "past and recovered → low": [
      ["I used to want to die, not any more", "low"],
      ["years ago I tried to kill myself but I'm doing much better now", "low"],
      ["以前想过死，现在好多了", "low"],
      // ...but a recent time keeps it current.
      ["I tried to kill myself last week and I still want to", "high"],
    ],
    "someone else's words → low, with the category of what was said": [
      ["my friend said she wanted to die", "low", "suicidal_ideation"],
      ["my brother is cutting himself", "low", "self_harm"],
      ["我朋友说她想死", "low", "suicidal_ideation"],
      ["she told me \"I want to kill myself\"", "low"],
      // The client quoting themself is still the client.
      ["I told my therapist I want to kill myself", "high"],
    ],
    "fiction and media → none": [
      ["in the movie he kills himself", "none"],
      ["the song goes 'I want to die in your arms tonight'", "none"],
      ["电影里男主最后跳楼了", "none"],
      // A film that stirred the client's own wish is not fiction.
      ["that movie made me want to kill myself", "high"],
    ],
    "general questions about the topic → low at most": [
      ["how do I help a friend who is suicidal?", "low"],
      ["what are the warning signs of suicide", "low"],
      ["青少年自杀率为什么这么高", "low"],
      // A method question is not a general question.
      ["how many pills does it take to die", "high", "means"],
    ],
    "a heart attack, stroke or seizure is an emergency while it is happening, not when it was had, nearly had or wished for": [
      ["I nearly had a heart attack when he got down on one knee", "none"],
      ["our coach had a heart attack in the gym last year", "none"],
      ["I thought I was having a heart attack but the doctor said it was panic", "none"],
      ["honestly it would be easier if I had a heart attack at my desk", "none"],
      ["I might be having a stroke, my face feels numb", "imminent", "medical_emergency"],
    ],
    "a joke marker turns a threat into banter, but not a suicidal statement": [
      ["I'm going to kill my brother lol", "low"],
      ["i want to kill myself lol", "high"],
    ],
  });

  it("idioms and hyperbole → none", () => {
    for (const text of [
      "this homework is killing me",
      "I could kill for a coffee",
      "dying to see it",
      "I'm dead tired",
      "you're killing it",
      "I want to die of embarrassment",
      "my mom is going to kill me when she sees this",
      "he hit me up yesterday",
      "my brother beat me at chess",
      "kill -9 the process",
      "笑死我了",
      "累死了",
      "饿死了",
      "热死了",
      "气死我了",
      "困死了",
      "烦死了",
      "想死你了！",
      "他打我电话了",
      "我买了一个紫砂壶",
    ]) {
      expect(level(text), text).toBe("none");
    }
  });
});

describe("detectRiskByRules: languages", () => {
  it("checks every script present, whatever the lang hint", () => {
    expectRisk("我真的 want to kill myself", "high");
    expect(detectRiskByRules("我想自杀", { lang: "en" }).level).toBe("high");
    expect(detectRiskByRules("I want to kill myself", { lang: "zh" }).level).toBe("high");
  });

  itReadsLevels({
    "handles common Traditional characters": [
      ["我想自殺", "high"],
      ["我吃了一整瓶安眠藥", "imminent"],
      ["我從來沒想過自殺", "none"],
    ],
    "handles lowercase, missing apostrophes and common typos": [
      ["im gonna kil myself", "high"],
      ["i wanna kms", "high"],
      ["feel so suicidle", "high"],
    ],
  });
});

describe("detectRiskByRules: extra keywords", () => {
  it("adds a script's crisis keywords at high, under the same context rules", () => {
    expect(level("I feel like giving up on everything")).toBe("none");
    const options = { extraKeywords: ["giving up on everything", "寻短见"] };
    expect(detectRiskByRules("I feel like giving up on everything", options)).toMatchObject({ level: "high", evidence: [{ rule: "extra:giving up on everything" }] });
    expect(detectRiskByRules("我想寻短见", options).level).toBe("high");
    expect(detectRiskByRules("I'm not giving up on everything", options).level).toBe("none");
  });

  it("treats keywords literally (no regex injection)", () => {
    expect(detectRiskByRules("a.b", { extraKeywords: ["a.b"] }).level).toBe("high");
    expect(detectRiskByRules("axb", { extraKeywords: ["a.b"] }).level).toBe("none");
    expect(detectRiskByRules("anything", { extraKeywords: ["(", "  ", ".*"] }).level).toBe("none");
  });
});

describe("detectRiskByRules: robustness", () => {
  // How long a message of this size takes is printed by bench/hostile-input.bench.ts.
  it("finds the risk at the end of a 110 KB message", () => {
    const long = "I had a long day at work and the traffic was terrible. ".repeat(2000) + "I want to kill myself";
    expect(detectRiskByRules(long).level).toBe("high");
  });
});
