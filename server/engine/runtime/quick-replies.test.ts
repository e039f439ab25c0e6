import { describe, expect, it } from "vitest";
import type { CompiledSessionScript, CompiledTechniqueScript } from "../script";
import { templateLlm } from "../llm/template";
import { interpretAnswer } from "../instruments";
import { compileOrThrow } from "./test-support";
import { coerceBoolean, coerceEnum, collect, pendingQuickReplies, start, turn, type EngineEvent, type EngineOptions, type QuickReply, type SessionState } from "./index";
import { readableValue } from "./quick-replies";

const opts = (extra: Partial<EngineOptions> = {}): EngineOptions => ({ llm: templateLlm, scriptVersion: "v1", ...extra });

function session(language: "en" | "zh", actions: string): CompiledSessionScript {
  const script = compileOrThrow(`
metadata: { name: Quick replies, language: ${language} }
session:
  session_id: quick
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
${actions}
            - action_type: ai_say
              action_id: bye
              config: { content: "Bye." }
`);
  if (script.kind !== "session") throw new Error("not a session");
  return script;
}

const YES_NO_ASK = `
            - action_type: ai_ask
              action_id: ask_ready
              config:
                content: "Shall we start?"
                output: [{ get: ready, type: boolean }]`;

const OPEN_ASK = `
            - action_type: ai_ask
              action_id: ask_open
              config:
                content: "What brings you here?"
                output: [{ get: concern, type: text }]`;

const ENUM_ASK = `
            - action_type: ai_ask
              action_id: ask_area
              config:
                content: "Which area fits best?"
                output: [{ get: area, type: enum, values: [mood, anxiety_or_worry, not_tried] }]`;

const PHQ2 = `
            - action_type: assess
              action_id: screen
              config: { instrument: phq2 }`;

function lastAwaiting(events: readonly EngineEvent[]): Extract<EngineEvent, { type: "awaiting-input" }> {
  const found = events.findLast((e) => e.type === "awaiting-input");
  if (!found || found.type !== "awaiting-input") throw new Error("no awaiting-input event");
  return found;
}

async function started(script: CompiledSessionScript, extra: Partial<EngineOptions> = {}) {
  return collect(start(script, opts(extra)));
}

describe("quick replies on awaiting-input", () => {
  it("offers Yes and No for a yes/no question, which the engine reads as yes and no", async () => {
    const script = session("en", YES_NO_ASK);
    const run = await started(script);
    const options = lastAwaiting(run.events).options;
    expect(options).toEqual([
      { label: "Yes", text: "Yes" },
      { label: "No", text: "No" },
    ]);
    expect(options?.map((o) => coerceBoolean(o.text))).toEqual([true, false]);

    const answered = await collect(turn(script, run.state, options?.[0]?.text ?? "", opts()));
    expect(answered.events).toContainEqual(expect.objectContaining({ type: "variable-set", name: "ready", value: true }));
  });

  it("offers Chinese yes and no in a Chinese session", async () => {
    const script = session("zh", YES_NO_ASK);
    const run = await started(script);
    const options = lastAwaiting(run.events).options;
    expect(options).toEqual([
      { label: "是的", text: "是的" },
      { label: "不是", text: "不是" },
    ]);
    expect(options?.map((o) => coerceBoolean(o.text))).toEqual([true, false]);
    const answered = await collect(turn(script, run.state, options?.[1]?.text ?? "", opts()));
    expect(answered.events).toContainEqual(expect.objectContaining({ type: "variable-set", name: "ready", value: false }));
  });

  it("follows the session's language over the script's", async () => {
    const run = await started(session("en", YES_NO_ASK), { language: "zh" });
    expect(lastAwaiting(run.events).options?.map((o) => o.label)).toEqual(["是的", "不是"]);
  });

  it("gives open questions no options", async () => {
    const run = await started(session("en", OPEN_ASK));
    expect(lastAwaiting(run.events)).toEqual({ type: "awaiting-input" });
    expect(pendingQuickReplies(session("en", OPEN_ASK), run.state)).toEqual([]);
  });

  it("gives no options when the question extracts more than one field, or an explicit yes/no", async () => {
    const two = session(
      "en",
      `
            - action_type: ai_ask
              action_id: ask_two
              config:
                content: "Are you ready, and what is on your mind?"
                output: [{ get: ready, type: boolean }, { get: concern, type: text }]`,
    );
    expect(lastAwaiting((await started(two)).events).options).toBeUndefined();
    const explicit = session(
      "en",
      `
            - action_type: ai_ask
              action_id: ask_safe
              config:
                content: "Are you somewhere safe right now?"
                output: [{ get: safe_now, type: boolean, explicit: true }]`,
    );
    expect(lastAwaiting((await started(explicit)).events).options).toBeUndefined();
  });

  it("counts only extracted fields: an assigned literal beside one yes/no field still gets Yes and No", async () => {
    const script = session(
      "en",
      `
            - action_type: ai_ask
              action_id: ask_ready
              config:
                content: "Shall we start?"
                output: [{ get: asked, mode: assign, value: true }, { get: ready, type: boolean }]`,
    );
    expect(lastAwaiting((await started(script)).events).options?.map((o) => o.text)).toEqual(["Yes", "No"]);
  });

  it("offers an enum's values made readable, each read back as that value", async () => {
    const script = session("en", ENUM_ASK);
    const run = await started(script);
    const options = lastAwaiting(run.events).options ?? [];
    expect(options).toEqual([
      { label: "Mood", text: "Mood" },
      { label: "Anxiety or worry", text: "Anxiety or worry" },
      { label: "Not tried", text: "Not tried" },
    ]);
    const values = ["mood", "anxiety_or_worry", "not_tried"];
    expect(options.map((o) => coerceEnum(o.text, values))).toEqual(values);
    const answered = await collect(turn(script, run.state, options[1]?.text ?? "", opts()));
    expect(answered.events).toContainEqual(expect.objectContaining({ type: "variable-set", name: "area", value: "anxiety_or_worry" }));
  });

  it("makes values readable", () => {
    expect(readableValue("practical_problems")).toBe("Practical problems");
    expect(readableValue("有点")).toBe("有点");
    expect(readableValue(3)).toBe("3");
  });

  it.each([
    ["en", ["Not at all", "Several days", "More than half the days", "Nearly every day"]],
    ["zh", ["完全不会", "好几天", "一半以上的天数", "几乎每天"]],
  ] as const)("offers a questionnaire item's four answers in %s, each read as that exact answer", async (language, labels) => {
    const script = session(language, PHQ2);
    const run = await started(script);
    const options = lastAwaiting(run.events).options ?? [];
    expect(options.map((o) => o.label)).toEqual(labels);
    expect(options.map((o) => interpretAnswer(o.text, language))).toEqual([0, 1, 2, 3].map((score) => ({ score })));

    // The second item offers them again; after the last the script moves on to a plain message.
    const second = await collect(turn(script, run.state, options[2]?.text ?? "", opts()));
    expect(lastAwaiting(second.events).options).toEqual(options);
    const done = await collect(turn(script, second.state, options[1]?.text ?? "", opts()));
    expect(done.state.variables.session.phq2_total?.value).toBe(3);
    expect(done.events.some((e) => e.type === "awaiting-input" && e.options)).toBe(false);
  });

  it("derives the same options from the stored state alone (a reloaded page)", async () => {
    for (const actions of [YES_NO_ASK, ENUM_ASK, PHQ2]) {
      const script = session("zh", actions);
      const run = await started(script);
      const stored = JSON.parse(JSON.stringify(run.state)) as SessionState;
      expect(pendingQuickReplies(script, stored)).toEqual(lastAwaiting(run.events).options);
    }
  });

  it("offers nothing while the safety protocol has the conversation, and nothing once the session is complete", async () => {
    const script = session("en", YES_NO_ASK);
    const run = await started(script);
    const crisis = await collect(turn(script, run.state, "I am going to kill myself tonight", opts()));
    expect(crisis.state.risk.protocol).toBeTruthy();
    expect(lastAwaiting(crisis.events).options).toBeUndefined();
    expect(pendingQuickReplies(script, crisis.state)).toEqual([]);

    const done = await collect(turn(script, run.state, "yes", opts()));
    expect(done.state.status).toBe("complete");
    expect(pendingQuickReplies(script, done.state)).toEqual([]);
  });

  it("finds a question asked inside a technique", async () => {
    const technique = compileOrThrow(`
technique_id: check
topic:
  topic_id: check_topic
  actions:
    - action_type: ai_ask
      action_id: ask_helpful
      config:
        content: "Was that helpful?"
        output: [{ get: helpful, type: boolean }]
`) as CompiledTechniqueScript;
    const script = compileOrThrow(
      `
metadata: { name: Caller, language: en }
session:
  session_id: caller
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: use_skill
              action_id: run_check
              config: { skill: check }
`,
      ["check"],
    ) as CompiledSessionScript;
    const run = await started(script, { techniques: { check: technique } });
    const expected: QuickReply[] = [
      { label: "Yes", text: "Yes" },
      { label: "No", text: "No" },
    ];
    expect(lastAwaiting(run.events).options).toEqual(expected);
    expect(pendingQuickReplies(script, run.state, { check: technique })).toEqual(expected);
    expect(pendingQuickReplies(script, run.state)).toEqual([]);
  });
});
