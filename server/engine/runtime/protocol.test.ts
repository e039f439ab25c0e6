/** The built-in protocol listens: nothing already said is asked, no question twice, and "I'm fine" never closes it. */
import { describe, expect, it } from "vitest";
import { continueProtocol, holdProtocol, startProtocol, type KnownParts, type ProtocolOptions, type ProtocolState } from "./protocol";
import type { Language } from "./types";

const known = (parts: Partial<KnownParts>): KnownParts => ({ plan: false, means: false, timing: false, affirmed: false, ...parts });

/** Plays replies through the protocol; `context(i)` is what the gate would tell it for reply i. */
function play(language: Language, start: ProtocolOptions, replies: readonly string[], context: (i: number) => ProtocolOptions = () => ({})) {
  const started = startProtocol(language, "test", start);
  const turns: string[][] = [started.messages];
  let state: ProtocolState | null = started.state;
  let finished = false;
  for (const [i, reply] of replies.entries()) {
    if (!state) break;
    const step = continueProtocol(state, reply, language, { detectedUrgent: false, known: start.known ?? known({}), ...context(i) });
    turns.push(step.messages);
    state = step.state;
    finished = step.finished;
  }
  return { turns, state, finished };
}

const questions = (turns: string[][]) => turns.flat().flatMap((m) => m.split(/(?<=[.!?。！？])\s*/u)).filter((s) => /[?？]$/u.test(s.trim()));

describe("what the client already said is not asked again", () => {
  it("a crisis message with the means and a time: no question about thoughts, means or when, straight to help", () => {
    const started = startProtocol("en", "suicide_plan", { disclosed: true, known: known({ means: true, timing: true, affirmed: true }) });
    const text = started.messages.join("\n");
    expect(started.messages[0]).toContain("I'm taking what you've said seriously");
    expect(text).toContain("Please contact emergency services now");
    expect(text).toContain("safety plan");
    expect(text).not.toMatch(/when\?|what you would need|thoughts of ending your life/);
    expect(started.urgent).toBe(true);
    expect(started.state.step).toBe("offer_plan");
  });

  it("in Chinese too: 今晚 and 药 are not asked about", () => {
    const started = startProtocol("zh", "suicide_plan", { disclosed: true, known: known({ means: true, timing: true, affirmed: true }) });
    const text = started.messages.join("\n");
    expect(text).toContain("请马上联系紧急救助");
    expect(text).not.toMatch(/什么时候|准备了需要的东西|结束自己生命的想法吗/);
  });

  it("asks only what is missing: how and the means when a time was given, when once the means are known", () => {
    const timeOnly = startProtocol("en", "suicide_plan", { disclosed: true, known: known({ timing: true, affirmed: true }) });
    expect(timeOnly.messages).toHaveLength(1);
    expect(timeOnly.messages[0]).toContain("Have you thought about how you might do it, or do you have what you would need?");
    expect(timeOnly.messages[0]).not.toContain("when?");
    const meansOnly = startProtocol("zh", "means", { disclosed: true, known: known({ means: true, affirmed: true }) });
    expect(meansOnly.messages[0]).toContain("有没有想过在什么时候？");
    expect(meansOnly.messages[0]).not.toContain("怎么做");
    const planOnly = startProtocol("en", "suicide_plan", { disclosed: true, known: known({ plan: true, affirmed: true }) });
    expect(planOnly.messages[0]).toContain("Do you have what you would need to do it? Have you thought about when?");
  });

  it("a reply that tells the means and the time answers the plan question before it is asked", () => {
    const { turns } = play("en", {}, ["yes, I'll take pills tonight"], () => ({ disclosed: true, known: known({ means: true, timing: true, affirmed: true }) }));
    expect(turns[1]?.join("\n")).toContain("Please contact emergency services now");
    expect(turns[1]?.join("\n")).not.toContain("Have you thought about");
  });
});

describe("no question is asked twice", () => {
  it("an unclear answer gets the question rephrased once, then the protocol moves on", () => {
    const { turns } = play("en", {}, ["I don't know", "I don't know", "hmm", "hmm", "whatever", "whatever"]);
    expect(turns[1]).toEqual([expect.stringContaining("Is that something you've been thinking about?")]);
    expect(turns[2]?.[0]).toContain("Have you thought about how you might do it");
    expect(turns[3]?.[0]).toContain("I'm asking so I know how best to help you right now.");
    // Still unclear: in doubt, treated as a plan.
    expect(turns[4]?.join("\n")).toContain("Please contact emergency services now");
    expect(turns[5]).toEqual([expect.stringContaining("It only takes a few minutes")]);
    expect(turns[6]).toEqual(["Before we go on: are you safe right now?"]);
  });

  it.each(["en", "zh"] as const)("never asks the same question word for word, whatever the replies (%s)", (language) => {
    const replies = ["maybe", "maybe", "?", "?", "no", "ok", "I'm fine", "ok", "no", "no", "我没事", "ok", "yes", "ok", "ok", "no", "ok", "yes", "ok"];
    const { turns } = play(language, {}, replies);
    const asked = questions(turns);
    expect(asked.length).toBeGreaterThan(5);
    expect(new Set(asked).size).toBe(asked.length);
  });
});

describe("a bare 'I'm fine' never closes the check", () => {
  const toConfirm = ["no", "no"]; // no thoughts of suicide, no safety plan: straight to the check

  it.each([
    ["en", ["I'm fine.", "I'm fine.", "ok", "Fine", "okay", "I'm okay"]],
    ["zh", ["我没事", "我没事", "好的", "还好", "嗯", "没事了"]],
  ] as const)("vague replies (%s) never hand back, and no question repeats", (language, vague) => {
    const { turns, finished, state } = play(language, {}, [...toConfirm, ...vague]);
    expect(finished).toBe(false);
    expect(state?.step).toBe("confirm");
    const asked = questions(turns);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it("a clear yes is not enough alone: a second, clear confirmation is needed", () => {
    const once = play("en", {}, [...toConfirm, "Yes, I'm safe.", "ok"]);
    expect(once.finished).toBe(false);
    expect(once.turns.at(-1)?.[0]).toContain("I'd like to hear it in your own words");
    const twice = play("en", {}, [...toConfirm, "Yes, I'm safe.", "ok", "Yes, I will."]);
    expect(twice.finished).toBe(true);
    expect(twice.turns.at(-1)).toEqual([expect.stringContaining("go back to where we were")]);
  });

  it("in Chinese: 我现在是安全的, then 我会的", () => {
    const { finished } = play("zh", {}, [...toConfirm, "我没事", "我现在是安全的", "我会的"]);
    expect(finished).toBe(true);
  });

  it("not safe: emergency help and the lines, and the check stays open", () => {
    const { turns, finished } = play("en", {}, [...toConfirm, "no", "no"]);
    expect(finished).toBe(false);
    expect(turns[3]?.join("\n")).toContain("I'm worried about you");
    expect(turns[3]?.at(-1)).toBe("Right now, are you somewhere safe, away from anything you could use to hurt yourself?");
    expect(turns[4]?.at(-1)).toContain("I'm staying right here with you");
  });

  it("after a script's own check, holds without asking again until the client says they are safe", () => {
    const held = holdProtocol("en", "safety_not_confirmed");
    expect(held.messages).toEqual([expect.stringContaining("once you can tell me you're safe right now")]);
    const fine = continueProtocol(held.state, "I'm fine", "en", { detectedUrgent: false });
    expect(fine.finished).toBe(false);
    expect(fine.messages.join(" ")).not.toMatch(/\?/);
    const safe = continueProtocol(held.state, "I'm safe now", "en", { detectedUrgent: false });
    expect(safe.messages).toEqual([expect.stringContaining("will you reach out")]);
  });

  it("continues a protocol saved before questions were recorded", () => {
    const saved: ProtocolState = { step: "confirm", section: 0, plan: {}, reason: "suicidal_ideation" };
    const step = continueProtocol(saved, "yes", "en", { detectedUrgent: false });
    expect(step.state?.step).toBe("confirm_again");
  });
});
