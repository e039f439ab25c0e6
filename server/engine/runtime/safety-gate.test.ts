/** The safety gate with a model-mode risk classifier: it may raise the lexicon's level, never lower it, and its outage blocks nothing. */
import { describe, expect, it } from "vitest";
import { compileOrThrow, fakeLlm, PLAIN_SESSION } from "./test-support";
import { templateLlm } from "../llm/template";
import { LlmError, type ClassifyRiskRequest, type ClassifyRiskResult, type LlmPort } from "../llm/port";
import { collect, initialState, start, turn, type EngineEvent, type EngineOptions } from "./index";
import { conversationContext } from "./safety-gate";
import type { CompiledSessionScript } from "../script";

const compile = compileOrThrow;

const script = compile(PLAIN_SESSION);

/** A model that says the script's own text and classifies with `classify`. */
function model(classify: (request: ClassifyRiskRequest) => Promise<ClassifyRiskResult>): LlmPort & { classified: ClassifyRiskRequest[] } {
  const classified: ClassifyRiskRequest[] = [];
  const llm = fakeLlm({
    classifyRisk: (request) => {
      classified.push(request);
      return classify(request);
    },
  });
  return Object.assign(llm, { classified });
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

    const high = await reply(model(async () => ({ level: "high", category: "suicidal_ideation", rationale: "veiled intent" })), "Things have been a lot lately");
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

describe("risk classifier running beside the script", () => {
  /** A classifier that answers only when the test says so, and a log of what the model was asked when. */
  function gated(result: ClassifyRiskResult | Error) {
    const log: string[] = [];
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const base = model(async () => {
      log.push("classify asked");
      await answered;
      log.push("classify answered");
      if (result instanceof Error) throw result;
      return result;
    });
    const llm: LlmPort = {
      ...base,
      extract: async (request) => {
        log.push("extract");
        return templateLlm.extract(request);
      },
      async *compose(request) {
        log.push(`compose ${request.purpose}`);
        // The script may not get past its first words until the classifier has answered.
        setTimeout(answer, 5);
        yield request.fallbackText;
      },
    };
    return { llm, log };
  }

  const sequential = async (level: ClassifyRiskResult["level"], text: string) => {
    const llm = model(async () => ({ level, category: level === "none" ? "none" : "suicidal_ideation", rationale: "" }));
    return reply(llm, text);
  };

  /** The session starts on a plain model; only the turn meets the slow classifier. */
  async function replyGated(llm: LlmPort, text: string) {
    const plain = model(async () => ({ level: "none", category: "none", rationale: "" }));
    const started = await collect(start(script, opts(plain)));
    return collect(turn(script, started.state, text, opts(llm)));
  }

  it("starts the script while the classifier is still answering, and the turn is the same as waiting for it", async () => {
    const { llm, log } = gated({ level: "none", category: "none", rationale: "ordinary" });
    const result = await replyGated(llm, "It was fine, thanks");
    // The closing message was being written before the classifier answered.
    expect(log.indexOf("compose say")).toBeLessThan(log.indexOf("classify answered"));
    const expected = await sequential("none", "It was fine, thanks");
    expect(result.events).toEqual(expected.events);
    expect(result.state).toEqual(expected.state);
  });

  it("drops the script's run when the classifier raises the level: the client sees the protocol only", async () => {
    // The lexicon sees nothing here; only the classifier does.
    const { llm, log } = gated({ level: "high", category: "suicidal_ideation", rationale: "veiled" });
    const result = await replyGated(llm, "It was fine, thanks");
    expect(log.indexOf("compose say")).toBeLessThan(log.indexOf("classify answered"));
    const texts = result.events.flatMap((e) => (e.type === "message-end" ? [e.text] : []));
    expect(texts.join(" ")).not.toContain("Thanks for sharing.");
    expect(safetyEvents(result.events)).toEqual([expect.objectContaining({ level: "high", source: "llm", action: "protocol" })]);
    const expected = await sequential("high", "It was fine, thanks");
    expect(result.events).toEqual(expected.events);
    expect(result.state).toEqual(expected.state);
    expect(result.state.variables.session.week).toBeUndefined();
  });

  it("keeps the run on the lexicon's verdict when the classifier fails meanwhile", async () => {
    const { llm } = gated(new LlmError("The model timed out", "classify_risk", true));
    const result = await replyGated(llm, "It was fine, thanks");
    expect(result.events.some((e) => e.type === "message-end" && e.text === "Thanks for sharing.")).toBe(true);
    expect(safetyEvents(result.events)).toEqual([]);
  });
});

describe("what the detector reads a reply with", () => {
  const stateWith = (recent: { role: "client" | "bot"; text: string }[]) => {
    const state = initialState(script as CompiledSessionScript, { llm: templateLlm, scriptVersion: "v1" });
    state.memory.recent = recent.map((entry, index) => ({ ...entry, turn: index }));
    return state;
  };

  it("is the bot's last message and the client's turn before it, never the reply being assessed", () => {
    const state = stateWith([
      { role: "bot", text: "How was your week?" },
      { role: "client", text: "I've been putting a few pills aside" },
      { role: "bot", text: "Thanks for telling me. How are you feeling right now?" },
      { role: "client", text: "I think I'm ready now" },
    ]);
    expect(conversationContext(state)).toEqual({ bot: "Thanks for telling me. How are you feeling right now?", client: "I've been putting a few pills aside" });
  });

  it("is nothing right after emergency guidance for someone else: the reply is read alone", () => {
    const state = stateWith([
      { role: "client", text: "my friend took a bottle of pills and we can't wake him up" },
      { role: "bot", text: "It sounds like someone may be in danger right now. Please call emergency services for them straight away" },
      { role: "client", text: "ok I called them" },
    ]);
    state.risk.someoneElse = { turn: 1 };
    expect(conversationContext(state)).toEqual({});
  });

  it("has no previous client turn for the first reply", () => {
    expect(conversationContext(stateWith([{ role: "bot", text: "What brings you here today?" }, { role: "client", text: "work" }]))).toEqual({ bot: "What brings you here today?" });
  });
});
