/**
 * The engine listens in a crisis: what the client said about a plan, means and timing is recorded
 * (state, `disclosed_*`, a safety event with the words), a script's own protocol can skip what it
 * knows, a medium message that tells a plan gets the protocol, and a safety trigger's run hands back
 * only once its `resume_when` holds.
 */
import { describe, expect, it } from "vitest";
import { compileOrThrow, fakeLlm, PLAIN_SESSION } from "./test-support";
import { templateLlm } from "../llm/template";
import { resolveScheme } from "../prompts/default-scheme";
import { RunContext } from "./context";
import { listen } from "./crisis-record";
import { collect, engineVariable, initialState, start, turn, type EngineEvent, type EngineOptions, type SessionState } from "./index";
import type { CompiledScript, CompiledSessionScript } from "../script";

const opts = (extra: Partial<EngineOptions> = {}): EngineOptions => ({ llm: templateLlm, scriptVersion: "v1", ...extra });

async function converse(script: CompiledScript, replies: string[], options: EngineOptions = opts()) {
  const turns: string[][] = [];
  const events: EngineEvent[][] = [];
  let run = await collect(start(script, options));
  turns.push(run.messages);
  for (const reply of replies) {
    run = await collect(turn(script, run.state, reply, options));
    turns.push(run.messages);
    events.push(run.events);
  }
  return { turns, events, state: run.state };
}

/** The plain session, with a safety check a high risk runs before it resumes. */
const WITH_TRIGGER = `${PLAIN_SESSION}        - topic_id: safety_check
          entry_condition: "risk_level == 'never'"
          actions:
            - action_type: ai_ask
              action_id: ask_how
              condition: "disclosed_means == null"
              config:
                content: "Have you thought about how?"
                output: [{ get: how, extraction_method: direct }]
            - action_type: ai_ask
              action_id: ask_when
              condition: "disclosed_timing == null"
              config:
                content: "Have you thought about when?"
                output: [{ get: when_said, extraction_method: direct }]
            - action_type: ai_ask
              action_id: ask_safe
              config:
                content: "Are you safe right now?"
                rephrase: "Let me ask it another way: are you somewhere safe?"
                output: [{ get: feels_safe, type: boolean, explicit: true }]
triggers:
  - trigger_id: crisis
    on: risk_high
    run: { topic: safety_check }
    then: resume
    resume_when: "feels_safe == true"
`;

describe("disclosures in a crisis", () => {
  it("are recorded with their words, skip a script protocol's questions, and keep a safety event", async () => {
    const script = compileOrThrow(WITH_TRIGGER);
    const { turns, events, state } = await converse(script, ["I want to kill myself tonight. I have a rope."]);
    expect(turns[1]).toEqual(["Are you safe right now?"]);
    expect(engineVariable(state, "disclosed_means")).toBe("rope");
    expect(engineVariable(state, "disclosed_timing")).toBe("tonight");
    expect(engineVariable(state, "disclosed_when")).toBe("today");
    expect(engineVariable(state, "disclosed_plan")).toBeUndefined();
    const recorded = events[0]?.find((e) => e.type === "safety" && e.action === "recorded");
    expect(recorded).toMatchObject({
      reason: "disclosure",
      evidence: [
        { text: "tonight", rule: "disclosure:timing:today", start: 22, end: 29 },
        { text: "rope", rule: "disclosure:means:rope", start: 40, end: 44 },
      ],
    });
  });

  it("a medium-risk message that tells a plan is a crisis message: the protocol, not a check-in and the next question", () => {
    const compiled = compileOrThrow(WITH_TRIGGER) as CompiledSessionScript;
    const state: SessionState = initialState(compiled, opts());
    state.turn = 1;
    const ctx = new RunContext(compiled, state, opts(), resolveScheme(undefined, undefined));
    const medium = { level: "medium" as const, category: "suicidal_ideation" as const, evidence: [], source: "lexicon" };
    const told = listen(ctx, "I've had enough. I've decided how, the pills are in my drawer", medium);
    expect(told.assessment).toMatchObject({ level: "high", source: "disclosure" });
    expect(told.assessment.evidence.map((e) => e.rule)).toEqual(["disclosure:plan", "disclosure:means:pills"]);
    const vague = listen(ctx, "I've had enough of my pills", medium);
    expect(vague.assessment.level).toBe("medium");
  });

  it("are not looked for in a message the safety layer does not act on", () => {
    const compiled = compileOrThrow(WITH_TRIGGER) as CompiledSessionScript;
    const state: SessionState = initialState(compiled, opts());
    const ctx = new RunContext(compiled, state, opts(), resolveScheme(undefined, undefined));
    const none = { level: "none" as const, category: "none" as const, evidence: [], source: "lexicon" };
    expect(listen(ctx, "Busy. I'm off to the bridge club tonight.", none)).toEqual({ assessment: none, event: null });
    expect(state.risk.disclosures).toBeUndefined();
  });
});

describe("a safety trigger's run hands back only once `resume_when` holds", () => {
  it("'I'm fine' twice: the question is rephrased once, then the engine's own check stays with the client", async () => {
    const script = compileOrThrow(WITH_TRIGGER);
    const { turns, state } = await converse(script, [
      "I want to kill myself tonight. I have a rope.",
      "I'm fine.",
      "I'm fine.",
      "ok",
      "I'm safe.",
      "Yes, I will.",
    ]);
    expect(turns[2]).toEqual(["Let me ask it another way: are you somewhere safe?"]);
    expect(turns[3]).toEqual([expect.stringContaining("once you can tell me you're safe right now")]);
    expect(turns[4]?.join(" ")).not.toContain("How was your week?");
    expect(turns[5]).toEqual([expect.stringContaining("will you reach out")]);
    expect(turns[6]).toEqual([expect.stringContaining("go back to where we were"), "How was your week?"]);
    expect(state.risk.protocol).toBeNull();
  });

  it("a clear yes satisfies it: the interrupted question comes back", async () => {
    const script = compileOrThrow(WITH_TRIGGER);
    const { turns, state } = await converse(script, ["I want to kill myself tonight. I have a rope.", "Yes, I'm safe right now."]);
    expect(turns[2]).toEqual(["How was your week?"]);
    expect(state.variables.session.feels_safe?.value).toBe(true);
    expect(state.risk.protocol).toBeUndefined();
  });
});

describe("ai_ask: rephrase and explicit answers", () => {
  const script = compileOrThrow(`
session:
  session_id: asks
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_ask
              action_id: ask_ready
              config:
                content: "Shall we start?"
                rephrase: "Would you like to begin now, or wait a little?"
                max_rounds: 4
                output: [{ get: ready, type: boolean, explicit: true }]
            - action_type: ai_say
              action_id: done
              config: { content: "ready=\${ready}" }
`);

  it("asks in other words once, then moves on: never the same question again", async () => {
    const { turns, state } = await converse(script, ["ok", "fine"]);
    expect(turns[1]).toEqual(["Would you like to begin now, or wait a little?"]);
    expect(turns[2]).toEqual(["ready="]);
    expect(state.status).toBe("complete");
  });

  it("takes a clear yes or no at once", async () => {
    expect((await converse(script, ["Yes."])).turns[1]).toEqual(["ready=true"]);
    expect((await converse(script, ["不是"])).turns[1]).toEqual(["ready=false"]);
  });

  it("in model mode, a model's yes to a bare 'I'm fine' does not count", async () => {
    const llm = fakeLlm({ extract: async () => ({ ready: true }) });
    expect((await converse(script, ["I'm fine"], opts({ llm }))).turns[1]).toEqual(["Would you like to begin now, or wait a little?"]);
    expect((await converse(script, ["Yes, let's start"], opts({ llm }))).turns[1]).toEqual(["ready=true"]);
  });
});
