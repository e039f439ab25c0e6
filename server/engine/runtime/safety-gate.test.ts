/** The safety gate with a model-mode risk classifier: it may raise the lexicon's level, never lower it, and its outage blocks nothing. */
import { describe, expect, it } from "vitest";
import { compileOrThrow } from "./test-support";
import { templateLlm } from "../llm/template";
import { LlmError, type ClassifyRiskRequest, type ClassifyRiskResult, type LlmPort } from "../llm/port";
import { collect, start, turn, type EngineEvent, type EngineOptions } from "./index";

const compile = compileOrThrow;

const script = compile(`
session:
  session_id: plain
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_ask
              action_id: ask_week
              config:
                content: "How was your week?"
                output: [{ get: week, extraction_method: direct }]
            - action_type: ai_say
              action_id: bye
              config: { content: "Thanks for sharing." }
`);

/** A model that says the script's own text and classifies with `classify`. */
function model(classify: (request: ClassifyRiskRequest) => Promise<ClassifyRiskResult>): LlmPort & { classified: ClassifyRiskRequest[] } {
  const classified: ClassifyRiskRequest[] = [];
  return {
    mode: "model",
    model: "fake",
    classified,
    async *compose(request) {
      yield request.fallbackText;
    },
    extract: templateLlm.extract,
    judge: async () => ({ done: true }),
    think: async () => ({}),
    interpret: async () => null,
    summarise: async (r) => r.previous,
    classifyRisk: (request) => {
      classified.push(request);
      return classify(request);
    },
  };
}

const opts = (llm: LlmPort): EngineOptions => ({ llm, scriptVersion: "v1" });

async function reply(llm: LlmPort, text: string) {
  const started = await collect(start(script, opts(llm)));
  return collect(turn(script, started.state, text, opts(llm)));
}

const safetyEvents = (events: EngineEvent[]) => events.filter((e) => e.type === "safety");

describe("safety gate with a risk classifier", () => {
  it("asks the classifier about the client's latest message, delimited as data", async () => {
    const llm = model(async () => ({ level: "none", category: "none", rationale: "ordinary" }));
    await reply(llm, "It was fine, thanks");
    expect(llm.classified).toHaveLength(1);
    expect(llm.classified[0]?.text).toBe("It was fine, thanks");
    expect(llm.classified[0]?.prompt.messages.at(-1)).toEqual({ role: "user", content: "<client_message>It was fine, thanks</client_message>" });
    expect(llm.classified[0]?.prompt.system).toContain("Assess the risk in the client's latest message only");
  });

  it("raises the level above the lexicon's: medium gets the check-in, high starts the protocol", async () => {
    const medium = await reply(model(async () => ({ level: "medium", category: "suicidal_ideation", rationale: "passive wish" })), "I'm so tired of everything");
    expect(safetyEvents(medium.events)).toEqual([expect.objectContaining({ level: "medium", reason: "suicidal_ideation", source: "llm", action: "check_in" })]);
    expect(medium.messages[0]).toContain("talk to someone any time");
    expect(medium.messages.at(-1)).toBe("Thanks for sharing.");

    const high = await reply(model(async () => ({ level: "high", category: "suicidal_ideation", rationale: "veiled intent" })), "I wrote letters to everyone I love yesterday");
    expect(safetyEvents(high.events)).toEqual([expect.objectContaining({ level: "high", source: "llm", action: "protocol" })]);
    expect(high.messages[0]).toContain("are you having thoughts of ending your life?");
    expect(high.state.risk.level).toBe("high");
  });

  it("never lowers a lexicon high", async () => {
    const run = await reply(model(async () => ({ level: "none", category: "none", rationale: "sounds fine" })), "I want to kill myself");
    expect(safetyEvents(run.events)).toEqual([expect.objectContaining({ level: "high", source: "lexicon", action: "protocol" })]);
  });

  it("keeps the lexicon's category when the classifier answers with one it does not know", async () => {
    const run = await reply(model(async () => ({ level: "medium", category: "despair", rationale: "?" })), "whatever");
    expect(safetyEvents(run.events)).toEqual([expect.objectContaining({ level: "medium", reason: "none", source: "llm" })]);
  });

  it("falls back to the lexicon alone when the classifier fails, and emits nothing extra", async () => {
    const failing = model(async () => {
      throw new LlmError("The model service failed (HTTP 500)", "classify_risk", true);
    });
    const quiet = await reply(failing, "It was fine, thanks");
    const baseline = await reply(model(async () => ({ level: "none", category: "none", rationale: "" })), "It was fine, thanks");
    expect(quiet.events).toEqual(baseline.events);
    expect(quiet.state).toEqual(baseline.state);
    expect(quiet.messages).toEqual(["Thanks for sharing."]);

    // The lexicon still catches what it catches on its own.
    const crisis = await reply(failing, "I want to kill myself");
    expect(safetyEvents(crisis.events)).toEqual([expect.objectContaining({ level: "high", source: "lexicon", action: "protocol" })]);
  });
});
