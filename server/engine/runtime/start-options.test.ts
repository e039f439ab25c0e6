/** `start` options for trying drafts: begin at a chosen topic, with chosen variable values. */
import { describe, expect, it } from "vitest";
import { compileOrThrow } from "./test-support";
import { templateLlm } from "../llm/template";
import { collect, EngineError, start, turn, type EngineEvent, type EngineOptions } from "./index";

const compile = compileOrThrow;

const script = compile(`
session:
  session_id: options_demo
  declare:
    - { var: user_name, type: text, value: friend }
    - { var: skip_work, type: boolean, value: false }
  phases:
    - phase_id: opening
      topics:
        - topic_id: welcome
          actions:
            - action_type: ai_say
              action_id: hello
              config: { content: "Hello \${user_name}." }
        - topic_id: name
          actions:
            - action_type: ai_ask
              action_id: ask_name
              config:
                content: What should I call you?
                output: [{ get: user_name, extraction_method: direct }]
    - phase_id: work
      entry_condition: "user_name != 'skip' and skip_work != true"
      declare:
        - { var: focus, type: text, value: sleep }
      topics:
        - topic_id: mood
          entry_condition: "user_name == 'never'"
          declare:
            - { var: mood_word, type: text, value: calm }
          actions:
            - action_type: ai_ask
              action_id: ask_mood
              config:
                content: "How is your \${focus}, \${user_name}? Still \${mood_word}?"
                output: [{ get: mood, extraction_method: direct }]
        - topic_id: close
          actions:
            - action_type: ai_say
              action_id: bye
              config: { content: "Goodbye \${user_name}, you said \${mood}." }
`);

const opts = (extra: Partial<EngineOptions> = {}): EngineOptions => ({ llm: templateLlm, scriptVersion: "draft", ...extra });

const variableSets = (events: EngineEvent[]) => events.filter((e): e is Extract<EngineEvent, { type: "variable-set" }> => e.type === "variable-set");

describe("startTopicId", () => {
  it("starts at the first action of the topic, with its phase's and its own declarations, ignoring their entry conditions", async () => {
    const run = await collect(start(script, opts({ startTopicId: "mood" })));
    expect(run.messages).toEqual(["How is your sleep, friend? Still calm?"]);
    expect(run.events.find((e) => e.type === "position")).toMatchObject({ phaseId: "work", topicId: "mood", actionId: "ask_mood" });
    expect(run.state.stack).toEqual([
      expect.objectContaining({ kind: "session", phaseId: "work", topicId: "mood", actionId: "ask_mood" }),
    ]);
    expect(run.state.variables.phase.focus).toEqual({ value: "sleep", source: "declare", turn: 0 });
    expect(run.state.variables.topic.mood_word).toEqual({ value: "calm", source: "declare", turn: 0 });
  });

  it("continues from there through the rest of the phase and the script", async () => {
    const started = await collect(start(script, opts({ startTopicId: "mood" })));
    const next = await collect(turn(script, started.state, "tired", opts()));
    expect(next.messages).toEqual(["Goodbye friend, you said tired."]);
    expect(next.state.status).toBe("complete");
  });

  it("starts in the first phase too", async () => {
    const run = await collect(start(script, opts({ startTopicId: "name" })));
    expect(run.messages).toEqual(["What should I call you?"]);
    expect(run.state.stack[0]).toMatchObject({ phaseId: "opening", topicId: "name" });
  });

  it("refuses a topic the script does not have, naming it and the topics there are", async () => {
    const error = await collect(start(script, opts({ startTopicId: "nowhere" }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe("unknown_topic");
    expect((error as EngineError).message).toContain('"nowhere"');
    expect((error as EngineError).message).toContain("welcome, name, mood, close");
  });

  it("does not change a start without options", async () => {
    const plain = await collect(start(script, opts()));
    expect(plain.messages).toEqual(["Hello friend.", "What should I call you?"]);
    expect(variableSets(plain.events)).toEqual([]);
  });
});

describe("initialVariables", () => {
  it("sets values before the first action, over the declarations' values, with source initial", async () => {
    const run = await collect(start(script, opts({ initialVariables: { user_name: "Sam", extra: { a: [1, 2] } } })));
    expect(run.messages[0]).toBe("Hello Sam.");
    const firstMessage = run.events.findIndex((e) => e.type === "message-start");
    const sets = variableSets(run.events);
    expect(sets).toEqual([
      { type: "variable-set", name: "user_name", value: "Sam", source: "initial", scope: "session" },
      { type: "variable-set", name: "extra", value: { a: [1, 2] }, source: "initial", scope: "session" },
    ]);
    expect(run.events.indexOf(sets[1]!)).toBeLessThan(firstMessage);
    expect(run.state.variables.session.user_name).toEqual({ value: "Sam", source: "initial", turn: 0 });
  });

  it("lands in the scope a write of the name would at the start topic", async () => {
    const run = await collect(start(script, opts({ startTopicId: "mood", initialVariables: { mood_word: "restless", focus: "work", user_name: "Ana" } })));
    expect(run.messages).toEqual(["How is your work, Ana? Still restless?"]);
    expect(variableSets(run.events).map((e) => [e.name, e.scope])).toEqual([
      ["mood_word", "topic"],
      ["focus", "phase"],
      ["user_name", "session"],
    ]);
    expect(run.state.variables.topic.mood_word).toMatchObject({ value: "restless", source: "initial" });
  });

  it("is seen by entry conditions", async () => {
    const skipping = await collect(start(script, opts({ initialVariables: { skip_work: true } })));
    const skipped = await collect(turn(script, skipping.state, "Ana", opts()));
    expect(skipped.messages).toEqual([]);
    expect(skipped.state.status).toBe("complete");
    const plain = await collect(start(script, opts()));
    const worked = await collect(turn(script, plain.state, "Ana", opts()));
    expect(worked.messages).toEqual(["Goodbye Ana, you said ."]);
  });

  it("copies the values: changing the caller's object later leaves the state alone", async () => {
    const value = { tags: ["a"] };
    const run = await collect(start(script, opts({ initialVariables: { extra: value } })));
    value.tags.push("b");
    expect(run.state.variables.session.extra?.value).toEqual({ tags: ["a"] });
  });
});
