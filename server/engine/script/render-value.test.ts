import { describe, expect, it } from "vitest";
import { inlinePhrase, isQuestion, NEUTRAL_PHRASE, placementOf, renderReadable } from "./render-value";

const SUMMARY_EN =
  "So you came in because of ${main_concern}, it's been going on for ${concern_duration}, and you'd like ${client_goals}. Have I understood that right?";
const SUMMARY_ZH = "我理解一下：你这次来，主要是因为${main_concern}，大概持续了${concern_duration}，你希望${client_goals}。我这样理解对吗？";

function render(text: string, values: Record<string, unknown>, language: "en" | "zh" = "en"): string {
  return renderReadable(text, (name) => values[name], language);
}

function placement(text: string): string {
  const start = text.indexOf("${");
  return placementOf(text, start, text.indexOf("}", start) + 1);
}

describe("placementOf", () => {
  it("tells inline, standalone and quoted placeholders apart", () => {
    expect(placement("So you came in because of ${x}, and more.")).toBe("inline");
    expect(placement("${x} clearly matters to you.")).toBe("inline");
    expect(placement("Thank you, ${x}.")).toBe("inline");
    expect(placement("Here is what you wrote.\n${x}\nThank you.")).toBe("standalone");
    expect(placement("Your step for this week: ${x}. Whether or not it goes to plan")).toBe("standalone");
    expect(placement('How much do you believe the thought "${x}"?')).toBe("quoted");
    expect(placement("最困扰的是「${x}」。")).toBe("quoted");
    expect(placement("你这次来，主要是因为${x}，大概持续了三个月。")).toBe("inline");
  });
});

describe("renderReadable", () => {
  it("never pastes a long, multi-sentence answer or a question into the summary (the reported case)", () => {
    const text = render(SUMMARY_EN, {
      main_concern: "Honestly I'm not sure. I've been feeling flat…",
      concern_duration: "about three months",
      client_goals: "What do you mean by different?",
    });
    expect(text).toBe(
      "So you came in because of feeling flat, it's been going on for about three months, and you'd like what you've described. Have I understood that right?",
    );
    expect(text).not.toContain("Honestly");
    expect(text).not.toContain("What do you mean");
  });

  it("keeps short answers as they are", () => {
    expect(
      render(SUMMARY_EN, {
        main_concern: "feeling stuck and low since changing jobs",
        concern_duration: "about three months",
        client_goals: "to feel less on edge at work",
      }),
    ).toBe(
      "So you came in because of feeling stuck and low since changing jobs, it's been going on for about three months, and you'd like to feel less on edge at work. Have I understood that right?",
    );
  });

  it("takes a short phrase from a long answer, in the second person", () => {
    expect(
      render("So you came in because of ${c}, and you'd like ${g}.", {
        c: "Well it's complicated, there's a lot going on at home and at work and I can't switch off. I've been struggling to sleep since my dad got ill.",
        g: "I guess I'd like to sleep properly again, and maybe not snap at my kids so much",
      }),
    ).toBe("So you came in because of struggling to sleep since your dad got ill, and you'd like to sleep properly again.");
    expect(render("You came in because of ${c}.", { c: "Mostly because of the constant arguments with my partner about money and chores at home" })).toBe(
      "You came in because of the constant arguments with your partner about money.",
    );
  });

  it("uses the placeholder's fallback, then the neutral phrase of the session's language", () => {
    const long = { g: "Can you explain what you mean? I don't really get the question, sorry, it's been a long day." };
    expect(render("and you'd like ${g|things to feel different}.", long)).toBe("and you'd like things to feel different.");
    expect(render("and you'd like ${g}.", long)).toBe(`and you'd like ${NEUTRAL_PHRASE.en}.`);
    expect(render("你希望${g}。", long, "zh")).toBe(`你希望${NEUTRAL_PHRASE.zh}。`);
  });

  it("renders the fallback for unset, null and empty values, with every placeholder form and Chinese names", () => {
    for (const value of [undefined, null, "", "   ", []]) {
      expect(render("You came in because of ${main_concern|what you've described}.", { main_concern: value })).toBe(
        "You came in because of what you've described.",
      );
      expect(render("你这次来，主要是因为${主要困扰|你刚才说的}。", { 主要困扰: value }, "zh")).toBe("你这次来，主要是因为你刚才说的。");
      expect(render("{{主要困扰 | 你刚才说的}}和{主要困扰|这些}", { 主要困扰: value }, "zh")).toBe("你刚才说的和这些");
    }
    expect(render("Hi ${name}.", {})).toBe("Hi .");
  });

  it("keeps a value that stands alone or is quoted whole", () => {
    const long = "Honestly I'm not sure. I've been feeling flat and I don't know why, what do you think?";
    expect(render("Here is what you said:\n${x}\nThank you.", { x: long })).toBe(`Here is what you said:\n${long}\nThank you.`);
    expect(render('We looked at the thought "${x}".', { x: long })).toBe(`We looked at the thought "${long}".`);
    expect(render("Signs to watch for: ${a}. Things you can do: ${b}.", { a: "not sleeping, skipping meals, staying in bed all day, not answering texts", b: "walk." })).toBe(
      "Signs to watch for: not sleeping, skipping meals, staying in bed all day, not answering texts. Things you can do: walk.",
    );
  });

  it("shows numbers, booleans and lists as before", () => {
    expect(render("You rated your mood ${m} out of 10 (${ok}; ${l}).", { m: 3, ok: true, l: ["a", "b"] })).toBe("You rated your mood 3 out of 10 (true; a, b).");
  });

  it("reads Chinese answers the same way", () => {
    expect(
      render(SUMMARY_ZH, { main_concern: "工作压力很大，晚上睡不好", concern_duration: "三个月左右", client_goals: "晚上能睡个好觉" }, "zh"),
    ).toBe("我理解一下：你这次来，主要是因为工作压力很大，晚上睡不好，大概持续了三个月左右，你希望晚上能睡个好觉。我这样理解对吗？");
    expect(
      render(
        SUMMARY_ZH,
        {
          main_concern: "说不太清楚。就是最近一直提不起劲，工作也做不下去，我想知道是不是我哪里出了问题？",
          concern_duration: "好几个月了吧",
          client_goals: "你说的不一样是什么意思？",
        },
        "zh",
      ),
    ).toBe("我理解一下：你这次来，主要是因为提不起劲，大概持续了好几个月了吧，你希望你刚才说的。我这样理解对吗？");
    expect(render("你希望${g|情况能有些不同}。", { g: "其实我也说不好。我想晚上能睡个好觉，白天不那么累。" }, "zh")).toBe("你希望晚上能睡个好觉。");
    expect(render("你这次来是因为${c}。", { c: "因为我和男朋友总吵架" }, "zh")).toBe("你这次来是因为你和男朋友总吵架。");
  });
});

describe("inlinePhrase", () => {
  it("refuses not-an-answer replies and questions", () => {
    for (const value of ["not sure", "I don't know", "不知道", "What do you mean by different?", "你说的是什么意思", "Do you think that's normal"]) {
      expect(inlinePhrase(value), value).toBeNull();
    }
  });

  it("takes the object of a wish", () => {
    expect(inlinePhrase("I'd like to feel less on edge at work")).toBe("to feel less on edge at work");
    expect(inlinePhrase("I just want to stop worrying all the time")).toBe("to stop worrying all the time");
    expect(inlinePhrase("I'd love more energy")).toBe("more energy");
    expect(inlinePhrase("我希望能跟家里人好好说话")).toBe("跟家里人好好说话");
  });
});

describe("isQuestion", () => {
  it("recognises questions with and without a question mark", () => {
    expect(isQuestion("What do you mean by different")).toBe(true);
    expect(isQuestion("这是什么意思")).toBe(true);
    expect(isQuestion("你能帮我吗")).toBe(true);
    expect(isQuestion("feeling low")).toBe(false);
    expect(isQuestion("how things are at home")).toBe(false);
  });
});

describe("an absent value takes its comma along", () => {
  it.each([
    ["Thank you, ${user_name}. What brings you here?", "Thank you. What brings you here?"],
    ["We're nearly at the end, ${user_name}, so let me sum up.", "We're nearly at the end, so let me sum up."],
    ["谢谢你，${user_name}。是什么让你来的？", "谢谢你。是什么让你来的？"],
    ["Hi ${user_name|there}!", "Hi there!"],
  ])("%j", (text, expected) => {
    expect(renderReadable(text, () => undefined, "en")).toBe(expected);
  });
});
