import { describe, expect, it } from "vitest";
import { type CompiledScript, type CompiledTechniqueScript } from "../script";
import { compileOrThrow, fakeLlm, PLAIN_SESSION } from "./test-support";
import { templateLlm } from "../llm/template";
import { LlmError, type LlmPort } from "../llm/port";
import { collect, EngineError, start, turn, type EngineOptions, type SessionState } from "./index";

const compile = compileOrThrow;

/** Runs a whole conversation; returns every bot message (per turn) and the final state. */
async function converse(script: CompiledScript, replies: string[], options: EngineOptions) {
  const turns: string[][] = [];
  let run = await collect(start(script, options));
  turns.push(run.messages);
  for (const reply of replies) {
    run = await collect(turn(script, run.state, reply, options));
    turns.push(run.messages);
  }
  return { turns, state: run.state, lastEvents: run.events };
}

const heartRuleIntake = `
metadata:
  name: Old-style intake
  version: "0.9"
session:
  session_id: old_intake
  phases:
    - phase_id: opening
      topics:
        - topic_id: name
          actions:
            - action_type: ai_ask
              action_id: ask_name
              question_template: "What should I call you?"
              target_variable: user_name
              extraction_prompt: the client's preferred name
        - topic_id: feelings
          actions:
            - action_type: ai_ask
              action_id: ask_feeling
              config:
                question_template: "How have you been feeling, \${user_name}?"
                target_variable: feeling
                extraction_prompt: how the client feels
            - action_type: ai_think
              action_id: think_summary
              think_goal: summarise how \${user_name} feels
              output_variables: [summary]
            - action_type: ai_say
              action_id: closing
              content_template: "Thank you, \${user_name}. Take care."
              max_rounds: 2
`;

const opts = (extra: Partial<EngineOptions> = {}): EngineOptions => ({ llm: templateLlm, scriptVersion: "v1", ...extra });

describe("runtime in template mode", () => {
  it("runs a HeartRule-style intake to the end with the name rendered in later topics", async () => {
    const script = compile(heartRuleIntake);
    const { turns, state, lastEvents } = await converse(script, ["Sam", "Tired but okay", "thanks"], opts());
    expect(turns[0]).toEqual(["What should I call you?"]);
    expect(turns[1]).toEqual(["How have you been feeling, Sam?"]);
    // ai_think sends nothing; the multi-round ai_say waits for one reply in template mode.
    expect(turns[2]).toEqual(["Thank you, Sam. Take care."]);
    expect(turns[3]).toEqual([]);
    expect(state.status).toBe("complete");
    expect(lastEvents.at(-1)).toEqual({ type: "session-complete" });
    expect(state.variables.session.user_name).toMatchObject({ value: "Sam", source: "ask_name", turn: 1 });
    expect(state.variables.session.feeling).toMatchObject({ value: "Tired but okay", source: "ask_feeling", turn: 2 });
    expect(state.variables.session.summary).toBeUndefined();
  });

  it("emits a turn's events in order", async () => {
    const script = compile(heartRuleIntake);
    const started = await collect(start(script, opts()));
    const { events } = await collect(turn(script, started.state, "Sam", opts()));
    expect(events.map((e) => e.type)).toEqual([
      "variable-set",
      "action-complete",
      "position",
      "message-start",
      "text-delta",
      "message-end",
      "awaiting-input",
    ]);
    expect(events[0]).toEqual({ type: "variable-set", name: "user_name", value: "Sam", source: "ask_name", scope: "session" });
    expect(events[2]).toMatchObject({ type: "position", phaseId: "opening", topicId: "feelings", actionId: "ask_feeling", round: 1 });
  });

  it("gives the same transcript when the state is saved as JSON and reloaded after any turn", async () => {
    const script = compile(heartRuleIntake);
    const replies = ["Sam", "Tired but okay", "thanks"];
    const straight = await converse(script, replies, opts());
    for (let stopAfter = 0; stopAfter < replies.length; stopAfter++) {
      let run = await collect(start(script, opts()));
      const transcript = [run.messages];
      for (const [i, reply] of replies.entries()) {
        const state: SessionState = i === stopAfter ? JSON.parse(JSON.stringify(run.state)) : run.state;
        run = await collect(turn(script, state, reply, opts()));
        transcript.push(run.messages);
      }
      expect(transcript).toEqual(straight.turns);
      expect(run.state).toEqual(straight.state);
    }
  });

  it("never re-expands placeholders typed by the client", async () => {
    const script = compile(heartRuleIntake);
    const { turns, state } = await converse(script, ["Call me Sam", "${feeling} $& {{user_name}}"], opts());
    expect(turns[1]).toEqual(["How have you been feeling, Sam?"]);
    expect(state.variables.session.feeling?.value).toBe("${feeling} $& {{user_name}}");
    expect(turns[2]).toEqual(["Thank you, Sam. Take care."]);
  });

  it("skips actions, topics and phases whose conditions are false", async () => {
    const script = compile(`
session:
  session_id: branching
  declare:
    - { var: mood, type: number }
  phases:
    - phase_id: ask
      topics:
        - topic_id: mood
          actions:
            - action_type: ai_ask
              action_id: ask_mood
              config:
                content: "Mood 0-10?"
                output: [{ get: mood, type: number, extraction_method: direct }]
            - action_type: ai_say
              action_id: low
              condition: "mood < 4"
              config: { content: "That sounds hard." }
            - action_type: ai_say
              action_id: high
              condition: "mood >= 4"
              config: { content: "Glad to hear it." }
    - phase_id: support
      entry_condition: "mood < 4"
      topics:
        - topic_id: support_topic
          actions:
            - action_type: ai_say
              action_id: support_say
              config: { content: "Let's look at support." }
    - phase_id: close
      topics:
        - topic_id: bye
          entry_condition: "mood != 0"
          actions:
            - action_type: ai_say
              action_id: bye_say
              config: { content: "Bye." }
`);
    const good = await converse(script, ["about 8 today"], opts());
    expect(good.turns[1]).toEqual(["Glad to hear it.", "Bye."]);
    expect(good.state.status).toBe("complete");
    expect(good.lastEvents).toContainEqual({ type: "action-complete", actionId: "low", reason: "condition_false" });

    const low = await converse(script, ["two"], opts());
    expect(low.turns[1]).toEqual(["That sounds hard.", "Let's look at support.", "Bye."]);

    const zero = await converse(script, ["0"], opts());
    expect(zero.turns[1]).toEqual(["That sounds hard.", "Let's look at support."]);
  });

  it("keeps topic-declared variables in their topic and undeclared ones for the session", async () => {
    const script = compile(`
session:
  session_id: scopes
  phases:
    - phase_id: p
      topics:
        - topic_id: first
          declare: [{ var: scratch, type: text }]
          actions:
            - action_type: ai_ask
              action_id: ask_both
              config:
                content: "Say something"
                output:
                  - { get: scratch, extraction_method: direct }
                  - { get: kept, extraction_method: direct }
        - topic_id: second
          actions:
            - action_type: ai_say
              action_id: echo
              config: { content: "kept=[\${kept}] scratch=[\${scratch}]" }
`);
    const { turns } = await converse(script, ["hello"], opts());
    expect(turns[1]).toEqual(["kept=[hello] scratch=[]"]);
  });

  it("asks again once when the client is unsure, then leaves the answer unfilled", async () => {
    const script = compile(`
session:
  session_id: asking
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_ask
              action_id: ask_age
              config:
                content: "How old are you?"
                max_rounds: 2
                output: [{ get: age, type: number, extraction_method: direct }]
            - action_type: ai_say
              action_id: done
              config: { content: "Thanks." }
`);
    const { turns, lastEvents, state } = await converse(script, ["I'm not sure", "still not sure"], opts());
    expect(turns[1]).toHaveLength(1);
    expect(turns[1]?.[0]).toContain("How old are you?");
    expect(turns[2]).toEqual(["That's okay, we can leave that for now.", "Thanks."]);
    expect(lastEvents).toContainEqual({ type: "action-complete", actionId: "ask_age", reason: "max_rounds", unfilled: ["age"] });
    expect(state.status).toBe("complete");
  });

  it("rejects a state from another script version, and a finished session", async () => {
    const script = compile(heartRuleIntake);
    const started = await collect(start(script, opts()));
    await expect(collect(turn(script, started.state, "Sam", opts({ scriptVersion: "v2" })))).rejects.toMatchObject({
      code: "script_version",
    });
    const stale = { ...started.state, stateVersion: 0 } as unknown as SessionState;
    await expect(collect(turn(script, stale, "Sam", opts()))).rejects.toBeInstanceOf(EngineError);
    const done = await converse(script, ["Sam", "fine", "bye"], opts());
    await expect(collect(turn(script, done.state, "hello?", opts()))).rejects.toMatchObject({ code: "session_complete" });
  });
});

const technique = `
technique_id: reframe
input_parameters: [{ name: thought, required: true }]
output_variables: [balanced]
topic:
  topic_id: reframe_topic
  actions:
    - action_type: ai_say
      action_id: reframe_intro
      config: { content: "Let's look at '\${thought}'. Caller's secret: [\${secret}]" }
    - action_type: ai_ask
      action_id: reframe_ask
      config:
        content: "What is a kinder way to see it?"
        output: [{ get: balanced, extraction_method: direct }]
`;

const caller = `
session:
  session_id: caller
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_ask
              action_id: ask_thought
              config:
                content: "What thought bothers you?"
                output:
                  - { get: worry, extraction_method: direct }
            - action_type: ai_think
              action_id: set_secret
              config:
                content: keep a note
                output: [{ get: secret, value: "hidden" }]
            - action_type: use_skill
              action_id: run_reframe
              config:
                skill: reframe
                input: [{ set: thought, value: "\${worry}" }]
                output: [{ get: new_view, from: balanced }]
            - action_type: ai_say
              action_id: after
              config: { content: "You said: \${new_view}" }
`;

describe("use_skill", () => {
  it("runs the technique in its own scope and copies its outputs back", async () => {
    const tech = compile(technique) as CompiledTechniqueScript;
    const script = compile(caller, ["reframe"]);
    const { turns, state } = await converse(script, ["I always fail", "I sometimes struggle"], opts({ techniques: { reframe: tech } }));
    expect(turns[1]).toEqual(["Let's look at 'I always fail'. Caller's secret: []", "What is a kinder way to see it?"]);
    expect(turns[2]).toEqual(["You said: I sometimes struggle"]);
    expect(state.variables.session.new_view).toMatchObject({ value: "I sometimes struggle", source: "run_reframe" });
    expect(state.variables.session.balanced).toBeUndefined();
    expect(state.stack).toHaveLength(1);
    expect(state.status).toBe("complete");
  });

  it("moves on, saying why, when the technique is missing or would recurse", async () => {
    const script = compile(caller, ["reframe"]);
    const missing = await converse(script, ["I always fail"], opts());
    expect(missing.turns[1]).toEqual(["You said: "]);
    expect(missing.lastEvents).toContainEqual({ type: "action-complete", actionId: "run_reframe", reason: "skill_missing" });

    const selfCalling = compile(
      technique.replace(
        "    - action_type: ai_ask",
        "    - action_type: use_skill\n      action_id: again\n      config: { skill: reframe }\n    - action_type: ai_ask",
      ),
      ["reframe"],
    ) as CompiledTechniqueScript;
    const recursive = await converse(script, ["I always fail", "ok"], opts({ techniques: { reframe: selfCalling } }));
    expect(recursive.state.status).toBe("complete");
  });
});

/** A model that answers from a script of replies, for model-mode behaviour. */
function fakeModel(overrides: Partial<LlmPort>): LlmPort {
  return fakeLlm({
    async *compose(request) {
      yield `[${request.purpose}] `;
      yield request.fallbackText;
    },
    judge: async () => ({ done: false }),
    summarise: async (r) => `${r.previous}+`,
    ...overrides,
  });
}

describe("runtime in model mode", () => {
  it("streams the model's deltas, explains again until the exit judgment holds", async () => {
    const script = compile(`
session:
  session_id: explain
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_say
              action_id: explain
              config:
                content: "How CBT works"
                max_rounds: 4
                exit: the client understands
            - action_type: ai_say
              action_id: next
              config: { content: "Next." }
`);
    let judged = 0;
    const llm = fakeModel({ judge: async () => ({ done: ++judged >= 2 }) });
    const first = await collect(start(script, opts({ llm })));
    // The guardrail keeps the last letter until the stream ends (a combining mark could still follow).
    expect(first.events.filter((e) => e.type === "text-delta").map((e) => (e as { delta: string }).delta)).toEqual(["[say] ", "How CBT work", "s"]);
    const second = await collect(turn(script, first.state, "what do you mean?", opts({ llm })));
    expect(second.messages).toEqual(["[explain_round] How CBT works"]);
    const third = await collect(turn(script, second.state, "got it", opts({ llm })));
    expect(third.messages).toEqual(["[say] Next."]);
    expect(third.events).toContainEqual({ type: "action-complete", actionId: "explain", reason: "exit" });
  });

  it("leaves the caller's state untouched when the model fails, so the turn can be retried", async () => {
    const script = compile(heartRuleIntake);
    const failing = fakeModel({
      async *compose() {
        throw new LlmError("the model timed out", "say", true);
      },
    });
    const started = await collect(start(script, opts()));
    const before = JSON.stringify(started.state);
    await expect(collect(turn(script, started.state, "Sam", opts({ llm: failing })))).rejects.toBeInstanceOf(LlmError);
    expect(JSON.stringify(started.state)).toBe(before);
    const retried = await collect(turn(script, started.state, "Sam", opts()));
    expect(retried.messages).toEqual(["How have you been feeling, Sam?"]);
  });

  it("keeps the state of a 200-turn session under 64 KB by summarising older turns", async () => {
    // 20 questions of up to 10 rounds each, never answered: about 200 client turns (a reply the
    // reader takes as off topic three times over leaves its question a little earlier).
    const actions = Array.from(
      { length: 20 },
      (_, i) => `
            - action_type: ai_ask
              action_id: chat_${i}
              config:
                content: "Tell me more (${i})."
                max_rounds: 10
                output: [{ get: never_given_${i}, type: number, extraction_method: direct }]`,
    ).join("");
    const script = compile(`
session:
  session_id: long
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:${actions}
`);
    const llm = fakeModel({});
    // Bounded: a session that never completes (say, a reply read as a crisis, which opens the
    // safety protocol) fails here instead of looping.
    let run = await collect(start(script, opts({ llm })));
    let turns = 0;
    while (run.state.status !== "complete" && turns < 400) {
      run = await collect(turn(script, run.state, `${"x".repeat(400)} ${"y".repeat(turns % 7)}`, opts({ llm })));
      turns++;
    }
    expect(run.state.status).toBe("complete");
    expect(turns).toBeGreaterThanOrEqual(180);
    expect(Buffer.byteLength(JSON.stringify(run.state))).toBeLessThanOrEqual(64 * 1024);
    expect(run.state.memory.recent.length).toBeLessThanOrEqual(24);
    expect(run.state.memory.summary).not.toBe("");
  });
});

describe("template-mode extraction keeps answers where they belong", () => {
  const ratings = compile(`
session:
  session_id: ratings
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_ask
              action_id: ask_name
              config:
                content: "What should I call you?"
                output: [{ get: user_name, define: the name the client wants to be called }]
            - action_type: ai_ask
              action_id: rerate
              config:
                content: "How much do you believe it now, and how strong is the feeling, 0-100?"
                output:
                  - { get: belief_after, type: number }
                  - { get: emotion_after, type: number }
            - action_type: ai_say
              action_id: echo
              config: { content: "\${user_name}: \${belief_after}/\${emotion_after}" }
`);

  it("takes the name out of 'call me …' and gives each number to its own rating", async () => {
    const { turns, state } = await converse(ratings, ["Call me Sam.", "60, and the feeling is about 30 now"], opts());
    expect(turns[1]).toEqual(["How much do you believe it now, and how strong is the feeling, 0-100?"]);
    expect(turns[2]).toEqual(["Sam: 60/30"]);
    expect(state.status).toBe("complete");
  });

  it("asks again for the second rating when one number was given, unless it was meant for both", async () => {
    const one = await converse(ratings, ["我叫小林", "About 40", "and 20 for the feeling"], opts());
    expect(one.turns[2]).toEqual(["Sorry, I didn't quite catch that. How much do you believe it now, and how strong is the feeling, 0-100?"]);
    expect(one.turns[3]).toEqual(["小林: 40/20"]);
    const both = await converse(ratings, ["Sam", "both about 40"], opts());
    expect(both.turns[2]).toEqual(["Sam: 40/40"]);
  });
});

describe("safety interrupts", () => {
  const plain = PLAIN_SESSION;

  it("pauses the script for the built-in protocol and resumes it only after two confirmations", async () => {
    const script = compile(plain);
    const { turns, state, lastEvents } = await converse(
      script,
      ["honestly I want to kill myself", "yes", "no", "no thanks", "yes", "yes"],
      opts(),
    );
    expect(turns[1]).toEqual([expect.stringContaining("are you having thoughts of ending your life?")]);
    expect(turns[2]?.[0]).toContain("Have you thought about how you might do it");
    expect(turns[3]?.join("\n")).toContain("988");
    expect(turns[3]?.join("\n")).toContain("safety plan");
    expect(turns[4]).toEqual(["Before we go on: are you safe right now?"]);
    expect(turns[5]?.[0]).toContain("will you reach out");
    // The second yes hands back: the interrupted question is asked again, and its answer was not taken.
    expect(turns[6]).toEqual([expect.stringContaining("go back to where we were"), "How was your week?"]);
    expect(state.variables.session.week).toBeUndefined();
    expect(state.risk.level).toBe("high");
    expect(state.risk.protocol).toBeNull();
    expect(lastEvents.at(-1)).toEqual({ type: "awaiting-input" });
  });

  it("records the risk with evidence and the action taken", async () => {
    const script = compile(plain);
    const started = await collect(start(script, opts()));
    const { events } = await collect(turn(script, started.state, "I want to end my life", opts()));
    const safety = events.find((e) => e.type === "safety");
    expect(safety).toMatchObject({ type: "safety", level: "high", source: "lexicon", action: "protocol" });
    expect((safety as { evidence: { text: string }[] }).evidence[0]?.text.toLowerCase()).toContain("end my life");
  });

  it("builds a six-part safety plan and stores it as structured data", async () => {
    const script = compile(plain);
    const answers = ["I want to kill myself", "no", "yes", "feeling trapped", "music", "the park", "my sister, by phone", "my GP", "give my pills to my sister"];
    const { turns, state } = await converse(script, answers, opts());
    expect(turns.at(-1)?.join("\n")).toContain("Here is your safety plan");
    expect(state.variables.session.safety_plan?.value).toEqual({
      warning_signs: "feeling trapped",
      internal_coping: "music",
      social_distraction: "the park",
      help_contacts: "my sister, by phone",
      professional_contacts: "my GP",
      safe_environment: "give my pills to my sister",
    });
  });

  it("does not fire on idioms, and gives a gentle check-in at medium without stopping the script", async () => {
    const script = compile(plain);
    const idiom = await converse(script, ["this homework is killing me lol"], opts());
    expect(idiom.turns[1]).toEqual(["Thanks for sharing."]);
    expect(idiom.state.risk.level).toBe("none");

    const passive = await converse(script, ["I wish I could just disappear"], opts());
    expect(passive.turns[1]?.[0]).toContain("talk to someone any time");
    expect(passive.turns[1]?.at(-1)).toBe("Thanks for sharing.");
    expect(passive.state.risk.level).toBe("medium");
  });

  it("runs the script's own trigger instead, then asks the interrupted question again", async () => {
    const script = compile(`${plain}
        - topic_id: safety_check
          entry_condition: "false_flag == true"
          actions:
            - action_type: ai_ask
              action_id: ask_safe
              config:
                content: "I'm concerned. Are you safe right now?"
                output: [{ get: feels_safe, type: boolean, extraction_method: direct }]
triggers:
  - trigger_id: crisis
    on: risk_high
    run: { topic: safety_check }
    then: resume
    cooldown_turns: 3
`.replace("    - phase_id: p\n", "    - phase_id: p\n"));
    const { turns, state } = await converse(script, ["I want to end my life", "yes I am safe"], opts());
    expect(turns[1]).toEqual(["I'm concerned. Are you safe right now?"]);
    expect(turns[2]).toEqual(["How was your week?"]);
    expect(state.variables.session.feels_safe?.value).toBe(true);
    expect(state.risk.cooldowns).toEqual({ crisis: 1 });
  });

  it("ends the session when the trigger says so", async () => {
    const script = compile(`${plain}
        - topic_id: goodbye
          entry_condition: "false_flag == true"
          actions:
            - action_type: ai_say
              action_id: refer
              config: { content: "Please call 988 now. This conversation will end here." }
triggers:
  - trigger_id: end_on_plan
    on: keyword
    keywords: [tonight]
    run: { topic: goodbye }
    then: end_session
`);
    const { turns, state } = await converse(script, ["I'm doing it tonight"], opts());
    expect(turns[1]).toEqual(["Please call 988 now. This conversation will end here."]);
    expect(state.status).toBe("complete");
  });
});
