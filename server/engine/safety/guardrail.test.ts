import path from "node:path";
import { describe, expect, it } from "vitest";
import { readYamlFiles } from "../../lib/yaml-files";
import { compileProject } from "../project";
import { checkInMessage, continueProtocol, startProtocol } from "../runtime/protocol";
import type { CompiledTopic } from "../script";
import { checkOutput, GuardedText, releasableLength, safeEnding, sentenceEnd, splitSentences, type GuardrailCategory } from "./guardrail";

const VIOLATIONS: Record<GuardrailCategory, string[]> = {
  diagnosis: [
    "You have depression.",
    "Honestly, you have depression and it's not your fault.",
    "You are bipolar.",
    "You're clinically depressed.",
    "It sounds like PTSD to me.",
    "That sounds like classic generalized anxiety disorder.",
    "You probably have ADHD.",
    "You might have an eating disorder.",
    "These are classic symptoms of depression.",
    "What you're describing sounds like OCD.",
    "I would diagnose this as panic disorder.",
    "You meet the criteria for major depressive disorder.",
    "It sounds like you have depression, does that resonate?",
    "This isn't a diagnosis, but you have depression.",
    "你患有抑郁症。",
    "你这是焦虑症。",
    "你可能有双相情感障碍。",
    "听起来像是抑郁症。",
    "你的情况符合抑郁症的诊断标准。",
    // Traditional characters read through the shared normaliser.
    "你患有抑鬱症。",
    "你的情況符合憂鬱症的診斷標準。",
  ],
  medication: [
    "Take 50 mg of sertraline every morning.",
    "Increase your dose.",
    "You should increase your dose a little.",
    "Stop taking your medication.",
    "You could stop taking your meds for a while.",
    "I'd suggest cutting down on your antidepressants.",
    "Maybe try some melatonin before bed.",
    "You could try a sleeping pill tonight.",
    "You don't need to take your medication any more.",
    "Take two pills before bed.",
    "你可以吃点安眠药。",
    "每天服用50毫克舍曲林。",
    "每天服用五十毫克就够了。",
    "你可以先停藥看看。",
    "你可以先停药看看。",
    "不用吃药了。",
    "吃点褪黑素吧。",
  ],
  promise: [
    "I promise you'll feel better.",
    "I guarantee this will work for you.",
    "This will cure your anxiety.",
    "This exercise will get rid of your anxiety.",
    "You'll definitely feel better by next week.",
    "You will be completely cured.",
    "This method is guaranteed to work.",
    "我保证治好你。",
    "你一定会好起来的。",
    "这个方法能根治你的焦虑。",
  ],
  harmful: [
    "Here is how to kill yourself without pain.",
    "The most painless way to die is to sleep.",
    "You should just end it all.",
    "Why not hurt yourself if it helps.",
    "Everyone would be better off without you.",
    "You're better off dead.",
    "Suicide is the answer.",
    "You can look up the lethal dose online.",
    "Cut deeper next time.",
    "我教你怎么自杀。",
    "你可以去死。",
    "不如结束自己的生命。",
    "自杀是一种解脱。",
    "吃多少片药会死要看体重。",
  ],
};

/** What a careful model says, and what the scripts say: none of it may be flagged. */
const SAFE = [
  "I'm an AI counsellor, not a doctor, so I can't diagnose anything or give advice about medication.",
  "This is not a diagnosis.",
  "They're not a diagnosis, just a way to keep track.",
  "It isn't a test and it doesn't give a diagnosis.",
  "I'd encourage you to talk with a doctor about medication.",
  "Please talk with a doctor about medication.",
  "Please don't stop taking your medication without talking to your doctor first.",
  "Stopping medication suddenly can be risky, so it's worth asking your doctor.",
  "Ask your doctor whether you should change your dose.",
  "Have you ever been diagnosed with depression?",
  "Do you have a diagnosis of anxiety disorder?",
  "You mentioned you have depression, and that it's been hard to get up.",
  "That doesn't mean you have depression.",
  "I can't tell whether you have depression; a doctor can help with that.",
  "Are you taking any medication at the moment?",
  "When did you start taking your medication?",
  "It sounds like you've been feeling really low.",
  "It sounds like you have anxiety about the exam.",
  "It sounds like you're going through a lot right now.",
  "You have every right to feel this way.",
  "You have a lot on your plate.",
  "I can't promise how things will turn out, but we can work on this together.",
  "I promise I'll go at your pace.",
  "There's no cure-all, but small steps can help.",
  "No approach is guaranteed to work for everyone.",
  "Talking to your manager could fix the scheduling problem.",
  "Are you having thoughts of ending your life, or of hurting yourself?",
  "Have you thought about how you might do it?",
  "If you can, move away from anything you could use to hurt yourself.",
  "It may feel like nobody would miss you, but I hear how much pain you're in.",
  "Cut yourself some slack this week.",
  "This homework is killing me, you said, and I can hear the frustration.",
  "In the US you can call or text 988, in the UK call Samaritans on 116 123, in China call 12356 or 400-161-9995.",
  "我是 AI 咨询助手，不是医生，所以不能做任何诊断，也不能给用药方面的建议。",
  "为了保证服务的安全和质量，工作人员可能会查看对话记录。",
  "这不是诊断，只是帮我们看到你最近承受了多少。",
  "关于用药的问题，最好和医生商量。",
  "请不要自行停药，先和医生商量。",
  "你以前有没有被诊断过抑郁症？",
  "这并不代表你有抑郁症。",
  "我无法保证结果，但我们可以一起努力。",
  "你现在有结束自己生命的想法吗？",
  "医生可以给你开药，也可以和你讨论别的办法。",
];

describe("checkOutput", () => {
  for (const [category, examples] of Object.entries(VIOLATIONS)) {
    it(`flags ${category}`, () => {
      for (const text of examples) expect(checkOutput(text)?.category, text).toBe(category);
    });
  }

  it("passes careful wording: disclaimers, questions, reflections, deferral to a doctor", () => {
    for (const text of SAFE) expect(checkOutput(text), text).toBeNull();
  });

  it("sees through curly apostrophes and full-width digits", () => {
    expect(checkOutput("You\u2019re bipolar.")?.category).toBe("diagnosis");
    expect(checkOutput("每天服用５０毫克。")?.category).toBe("medication");
  });

  it("never flags its own safe endings or the built-in protocol's fixed wording", () => {
    for (const language of ["en", "zh"] as const) {
      for (const category of Object.keys(VIOLATIONS) as GuardrailCategory[]) expect(checkOutput(safeEnding(category, language))).toBeNull();
      const texts = [checkInMessage(language), ...startProtocol(language, "test").messages];
      let state = startProtocol(language, "test").state;
      for (const reply of ["yes", "no", "no", "yes", "a", "b", "c", "d", "e", "f", "yes", "yes"]) {
        const step = continueProtocol(state, reply, language, { detectedUrgent: false });
        texts.push(...step.messages);
        if (!step.state) break;
        state = step.state;
      }
      for (const text of texts) for (const sentence of splitSentences(text)) expect(checkOutput(sentence), sentence).toBeNull();
    }
  });
});

describe("the shipped scripts pass the guardrail", async () => {
  const files = await readYamlFiles(path.resolve(import.meta.dirname, "../../../scripts"));
  const project = compileProject(files);
  const contents: { where: string; text: string }[] = [];
  for (const [file, result] of project.results) {
    if (!result.ok) continue;
    const script = result.script;
    const topics: CompiledTopic[] =
      script.kind === "session" ? script.session.phases.flatMap((phase) => phase.topics) : script.kind === "technique" ? [script.technique.topic] : [];
    for (const topic of topics) {
      for (const action of topic.actions) {
        if (action.action_type === "ai_say" || action.action_type === "ai_ask") contents.push({ where: `${file} ${action.action_id}`, text: action.config.content });
      }
    }
  }

  it("finds the scripts' messages", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(contents.length).toBeGreaterThan(50);
  });

  it("flags none of their ai_say / ai_ask content, whole or sentence by sentence", () => {
    const flagged = contents.flatMap(({ where, text }) =>
      [text, ...splitSentences(text)].flatMap((piece) => {
        const violation = checkOutput(piece);
        return violation ? [`${where}: ${violation.rule} "${violation.match}"`] : [];
      }),
    );
    expect(flagged).toEqual([]);
  });
});

describe("sentenceEnd / splitSentences", () => {
  it("ends an English sentence only once the space after its mark has arrived", () => {
    expect(sentenceEnd("Hello there.")).toBe(-1);
    expect(sentenceEnd("Hello there. ")).toBe(13);
    expect(sentenceEnd("Hello there.", true)).toBe(12);
    expect(sentenceEnd('She said "go." Then')).toBe(15);
    expect(sentenceEnd("It costs 3.5 units. Next")).toBe(20);
    expect(sentenceEnd("line one\nline two")).toBe(9);
  });

  it("ends a Chinese sentence at its mark", () => {
    expect(sentenceEnd("你好。我们")).toBe(3);
    expect(sentenceEnd("你好！”他说")).toBe(4);
  });

  it("cuts a long run-on at a clause mark rather than holding it all", () => {
    const runOn = `${"word ".repeat(70)}, and more`;
    expect(sentenceEnd(runOn)).toBe(runOn.indexOf(",") + 1);
  });

  it("splits finished text into sentences that join back to it", () => {
    const text = "First one. Second one? 第三句。Last";
    expect(splitSentences(text)).toEqual(["First one. ", "Second one? ", "第三句。", "Last"]);
  });
});

describe("GuardedText", () => {
  function run(deltas: string[]) {
    const guard = new GuardedText();
    const emitted: string[][] = [];
    let violation = null;
    for (const delta of deltas) {
      const step = guard.push(delta);
      emitted.push(step.emit);
      if (step.violation) {
        violation = step.violation;
        break;
      }
    }
    if (!violation) {
      const step = guard.end();
      emitted.push(step.emit);
      violation = step.violation;
    }
    return { emitted, violation };
  }

  it("sends at once the words no rule can reach, and holds the rest of the sentence until it ends", () => {
    const { emitted, violation } = run(["Thank ", "you. How ", "are you", "? Take ", "your time."]);
    expect(violation).toBeNull();
    // "you" may begin "you have ...", "How" may begin "how to ...", "Take" may begin "take two pills".
    expect(emitted).toEqual([["Thank "], ["you. "], ["How ", "are "], ["you", "? "], ["Take ", "your time."], []]);
  });

  it("releases the words before a violating match, and nothing of the match or after it", () => {
    const { emitted, violation } = run(["That sounds hard. ", "Honestly, you ", "have depression", ". Let's talk."]);
    expect(violation).toMatchObject({ category: "diagnosis" });
    expect(emitted.flat().join("")).toBe("That sounds hard. Honestly, ");
  });

  it("holds a whole sentence whose first word may begin a match", () => {
    const { emitted, violation } = run(["Increase ", "your dose", " of sertraline."]);
    expect(violation).toMatchObject({ category: "medication" });
    expect(emitted.flat()).toEqual([]);
  });

  it("checks the last sentence at the end even without a mark", () => {
    const { emitted, violation } = run(["Fine so far. ", "increase your dose"]);
    expect(violation).toMatchObject({ category: "medication" });
    expect(emitted.flat().join("")).toBe("Fine so far. ");
  });

  it("passes Chinese text through sentence by sentence", () => {
    const { emitted, violation } = run(["谢谢你", "告诉我。你", "最近睡得怎么样？"]);
    expect(violation).toBeNull();
    expect(emitted).toEqual([["谢谢"], ["你", "告诉我。"], ["你", "最近睡得怎么样？"], []]);
  });

  /** Deterministic pseudo-random cuts (mulberry32), so a failure can be replayed. */
  function randomCuts(text: string, seed: number): string[] {
    let state = seed;
    const next = () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pieces: string[] = [];
    for (let i = 0; i < text.length; ) {
      const size = 1 + Math.floor(next() * 6);
      pieces.push(text.slice(i, i + size));
      i += size;
    }
    return pieces;
  }

  const lead = { en: "That sounds hard. Honestly, ", zh: "听起来很难。说实话，" };
  const cases = Object.values(VIOLATIONS).flat();

  it.each(cases)("never sends any of the violating match, however it streams: %s", (sentence) => {
    const text = (/\p{Script=Han}/u.test(sentence) ? lead.zh : lead.en) + sentence;
    const whole = checkOutput(sentence);
    expect(whole).not.toBeNull();
    for (let seed = 1; seed <= 40; seed++) {
      const { emitted, violation } = run(seed === 1 ? [...text] : randomCuts(text, seed));
      expect(violation?.category).toBe(whole?.category);
      const sent = emitted.flat().join("");
      // The lead's sentence and clause may go out; the match may not (the tests' text is already normal).
      expect(sent.length, `seed ${seed}: "${sent}"`).toBeLessThanOrEqual(text.length - sentence.length + (whole?.at ?? 0));
    }
  });

  // A run-on longer than MAX_HELD_CHARS is cut at clause marks, possibly behind what was sent.
  const longLead = { en: "I hear you, and ".repeat(3) + "the week felt long, ".repeat(16), zh: "谢谢你，" + "我们慢慢来，".repeat(60) };

  it.each(cases)("never sends any of the violating match after a long run-on either: %s", (sentence) => {
    const text = (/\p{Script=Han}/u.test(sentence) ? longLead.zh : longLead.en) + sentence;
    const whole = checkOutput(sentence);
    for (let seed = 1; seed <= 8; seed++) {
      const { emitted, violation } = run(randomCuts(text, seed));
      expect(violation?.category).toBe(whole?.category);
      expect(emitted.flat().join("").length, `seed ${seed}`).toBeLessThanOrEqual(text.length - sentence.length + (whole?.at ?? 0));
    }
  });

  it.each([
    // A mark in the next delta turns "a" into "á", after which "50mg" ends at a word boundary.
    [["Take 50mga", "\u0301 daily."], "Take "],
    [["It sounds like depressiona", "\u0301."], ""],
    // A run-on's clause cut lies behind what was sent: nothing of the next sentence may slip out.
    [["I hear you, ", "and the week felt long ".repeat(12), "and I hope you could try", ". You have depression."], null],
    [["I hear you, ", "and the week felt long ".repeat(12), "so take 50mg tonight", "."], null],
    [["谢谢你，", "我们慢慢来".repeat(58), "你可以吃点安眠药", "。"], null],
  ])("holds the match in streams found to leak before: %j", (deltas, sentExactly) => {
    const { emitted, violation } = run(deltas as string[]);
    expect(violation).not.toBeNull();
    const sent = emitted.flat().join("");
    if (sentExactly !== null) expect(sent).toBe(sentExactly);
    expect(sent).not.toMatch(/50mg|depr|吃点|sounds like/i);
  });

  it.each(SAFE)("sends all of a clean message, in its deltas, however it streams: %s", (sentence) => {
    for (let seed = 1; seed <= 10; seed++) {
      const pieces = randomCuts(`${sentence} ${sentence}`, seed);
      const { emitted, violation } = run(pieces);
      expect(violation).toBeNull();
      expect(emitted.flat().join("")).toBe(pieces.join(""));
    }
  });
});

describe("releasableLength", () => {
  it("stops before the earliest place a rule's match may still lie", () => {
    expect(releasableLength("Thank you for ").length).toBe("Thank ".length);
    expect(releasableLength("It was a long week and ").length).toBe("It was a long week and ".length);
    expect(releasableLength("Maybe you could try taking ").length).toBe("Maybe you could ".length);
    expect(releasableLength("谢谢你").length).toBe(2);
  });

  it("holds a finished match too: what follows may still decide it (a question is not a diagnosis)", () => {
    expect(releasableLength("So, you have depression").length).toBe("So, ".length);
    expect(checkOutput("So, you have depression?")).toBeNull();
  });

  it("maps back to the raw text when normalising changed it", () => {
    // Curly apostrophe and a double space: the cut still lands right before "you".
    const raw = "Well,  it\u2019s fine, you have ";
    expect(raw.slice(0, releasableLength(raw).length)).toBe("Well,  it\u2019s fine, ");
  });
});
