/**
 * Golden conversations in model mode: the shipped scripts run through the real
 * provider (`createLlm` → @ai-sdk/openai → HTTP/SSE) against the fake OpenAI-compatible server,
 * which answers each request by its purpose (the structured-output schema name, or a stream for
 * composed text). What the model says, extracts, judges and thinks is what the session shows and
 * stores; instrument items stay verbatim; a model outage fails the turn without touching the state.
 */
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { LlmError, type LlmPort, type LlmUsage } from "@/server/engine/llm/port";
import { renderItemQuestion } from "@/server/engine/instruments";
import { compileProject } from "@/server/engine/project";
import { collect, start, turn, type EngineEvent, type EngineOptions, type SessionState } from "@/server/engine/runtime";
import type { CompiledSessionScript } from "@/server/engine/script";
import { readYamlFiles } from "@/server/lib/yaml-files";
import { createLlm } from "@/server/llm";
import { purposeOf, requestedFields, startFakeOpenAiServer, type FakeOpenAiServer, type FakeReply, type RecordedRequest } from "@/tests/support/fake-openai-server";

const project = compileProject(await readYamlFiles(path.resolve(import.meta.dirname, "../../scripts")));

function sessionScript(file: string): CompiledSessionScript {
  const result = project.results.get(file);
  if (!result?.ok || result.script.kind !== "session") throw new Error(`${file} is not a compiled session script`);
  return result.script;
}

// --- the scripted model --------------------------------------------------------------------------

/** What the model answers during one client turn, by purpose. */
interface ModelTurn {
  extract?: Record<string, unknown>;
  think?: Record<string, unknown>;
  /** Judgments in call order; the last one repeats. Default: done. */
  judge?: { done: boolean; understanding: number; hasQuestions: boolean }[];
  interpret?: number | null;
  risk?: { level: string; category: string; rationale: string };
}

const DONE = { done: true, understanding: 90, hasQuestions: false };
const NO_RISK = { level: "none", category: "none", rationale: "ordinary conversation" };

function systemText(request: RecordedRequest): string {
  const system = request.messages.find((m) => m.role === "system");
  return typeof system?.content === "string" ? system.content : "";
}

const TASKS: [RegExp, string][] = [
  [/Convey the following to the client, in your own words, keeping every fact in it: ([\s\S]*)$/, "say"],
  [/Ask the client the following, in your own words, one question only: ([\s\S]*)$/, "ask"],
  [/You asked: ([\s\S]*?)\. The client's answer did not yet give/, "follow_up"],
  [/You explained: ([\s\S]*?)\. Respond to the client's latest message/, "explain_round"],
];

/** The model's wording: recognisably not the script's, but built from the task's content. */
function composeText(request: RecordedRequest): string {
  const task = systemText(request).split("Your task now:\n")[1] ?? "";
  for (const [pattern, kind] of TASKS) {
    const content = pattern.exec(task)?.[1];
    if (content) return `In my words (${kind}): ${content.split(/(?<=[.?!])\s/)[0] ?? content}`;
  }
  return "In my words: let's carry on.";
}

class ScriptedModel {
  turn: ModelTurn = {};
  outage = false;
  /** Every composed reply the model streamed, in order. */
  readonly composed: string[] = [];
  private judged = 0;

  next(turn: ModelTurn): void {
    this.turn = turn;
    this.judged = 0;
  }

  reply(request: RecordedRequest): FakeReply {
    if (this.outage) return { type: "error", status: 500, message: "model overloaded" };
    const pick = (values: Record<string, unknown> | undefined) =>
      Object.fromEntries(requestedFields(request).flatMap((name) => (values && name in values ? [[name, values[name]]] : [])));
    switch (purposeOf(request)) {
      case "compose": {
        const text = composeText(request);
        this.composed.push(text);
        return { type: "text", text };
      }
      case "extract":
        return { type: "json", value: pick(this.turn.extract) };
      case "think":
        return { type: "json", value: pick(this.turn.think) };
      case "judge": {
        const judgments = this.turn.judge ?? [DONE];
        return { type: "json", value: judgments[Math.min(this.judged++, judgments.length - 1)] ?? DONE };
      }
      case "interpret":
        return { type: "json", value: { score: this.turn.interpret ?? null } };
      case "classify_risk":
        return { type: "json", value: this.turn.risk ?? NO_RISK };
      case "summarise":
        return { type: "text", text: "Earlier, the client introduced themselves and described their week." };
      default:
        return { type: "error", status: 400, message: `unexpected purpose ${purposeOf(request)}` };
    }
  }
}

// --- harness -------------------------------------------------------------------------------------

let server: FakeOpenAiServer;
let model: ScriptedModel;
let usage: LlmUsage[];

beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(() => {
  server.reset();
});
afterAll(async () => {
  await server.close();
});

function setup(): { llm: LlmPort; options: EngineOptions } {
  model = new ScriptedModel();
  usage = [];
  server.setScript((request) => model.reply(request));
  const llm = createLlm({
    mode: "model",
    baseURL: server.baseURL,
    model: "fake",
    timeoutMs: 5_000,
    maxRetries: 2,
    retryBaseDelayMs: 1,
    onUsage: (record) => usage.push(record),
  });
  return { llm, options: { llm, scriptVersion: "model-golden", techniques: project.techniques, ...project.safety } };
}

interface Step {
  client: string;
  model?: ModelTurn;
}

interface Transcript {
  /** Every bot message with the purpose it was sent for. */
  bot: { actionId: string; purpose: string; text: string }[];
  events: EngineEvent[][];
  state: SessionState;
}

function botMessages(events: EngineEvent[]): Transcript["bot"] {
  const out: Transcript["bot"] = [];
  let purpose = "";
  for (const event of events) {
    if (event.type === "message-start") purpose = event.purpose;
    if (event.type === "message-end") out.push({ actionId: event.actionId, purpose, text: event.text });
  }
  return out;
}

/** Plays the client's steps on from `from`, each with its own scripted model answers. */
async function play(script: CompiledSessionScript, options: EngineOptions, from: Transcript, steps: readonly Step[]): Promise<Transcript> {
  const transcript: Transcript = { bot: [...from.bot], events: [...from.events], state: from.state };
  for (const step of steps) {
    model.next(step.model ?? {});
    const run = await collect(turn(script, transcript.state, step.client, options));
    transcript.bot.push(...botMessages(run.events));
    transcript.events.push(run.events);
    transcript.state = run.state;
  }
  return transcript;
}

async function converse(script: CompiledSessionScript, options: EngineOptions, steps: readonly Step[]): Promise<Transcript> {
  const run = await collect(start(script, options));
  return play(script, options, { bot: botMessages(run.events), events: [run.events], state: run.state }, steps);
}

function variable(state: SessionState, name: string): unknown {
  return (state.variables.topic[name] ?? state.variables.phase[name] ?? state.variables.session[name])?.value;
}

const COMPOSED = new Set(["say", "ask", "follow_up", "explain_round", "closing"]);

/** Composed messages are exactly the model's streams (after the guardrail, which passes them all). */
function expectModelWording(transcript: Transcript) {
  const composed = transcript.bot.filter((m) => COMPOSED.has(m.purpose)).map((m) => m.text);
  expect(composed).toEqual(model.composed);
  for (const text of composed) expect(text).toMatch(/^In my words/);
}

/** Client text reaches the model only inside <client_message> tags, as user messages. */
function expectClientTextDelimited(clientTexts: readonly string[]) {
  for (const request of server.requests) {
    for (const message of request.messages) {
      if (message.role === "user") expect(message.content).toMatch(/^<client_message>[\s\S]*<\/client_message>$/);
    }
  }
  for (const text of clientTexts) {
    const wrapped = `<client_message>${text}</client_message>`;
    expect(server.requests.some((r) => r.messages.some((m) => m.role === "user" && m.content === wrapped)), text).toBe(true);
  }
}

function deltaCounts(events: EngineEvent[]): number[] {
  const counts = new Map<string, number>();
  for (const event of events) if (event.type === "text-delta") counts.set(event.actionId, (counts.get(event.actionId) ?? 0) + 1);
  return [...counts.values()];
}

// --- conversations -------------------------------------------------------------------------------

describe("model mode through the real provider (fake OpenAI server)", () => {
  it("weekly check-in: the model's wording, extraction, interpretation and ai_think; screens verbatim", async () => {
    const { options } = setup();
    const script = sessionScript("sessions/check-in.en.yaml");
    const steps: Step[] = [
      { client: "Pretty good actually, I'd say a 7", model: { extract: { mood_score: 7, reply_intent: "answer" } } },
      { client: "calm but busy", model: { extract: { reply_intent: "answer" } } },
      {
        client: "I went for a run on Saturday; the hardest part was a deadline at work",
        model: { extract: { week_highlight: "a run on Saturday", week_difficulty: "a deadline at work", reply_intent: "answer" } },
      },
      { client: "Yes, I tried the breathing exercise most evenings", model: { extract: { practice_done: "tried", reply_intent: "answer" } } },
      { client: "Not at all" },
      { client: "hmm, it comes and goes I guess", model: { interpret: 1 } },
      { client: "several days" },
      {
        client: "no",
        model: { think: { check_in_summary: "A steady week with a run and a work deadline. Screens negative.", needs_fuller_check: false, suggested_focus: "keep_going" } },
      },
      {
        client: "Walk at lunchtime twice this week, and I'm about 8 out of 10 sure",
        model: { extract: { small_step: "walk at lunchtime twice this week", step_confidence: 8, reply_intent: "answer" } },
      },
    ];
    const t = await converse(script, options, steps);

    expect(t.state.status).toBe("complete");
    expect(t.events.at(-1)?.at(-1)).toEqual({ type: "session-complete" });
    expectModelWording(t);
    expect(t.bot[0]).toEqual({ actionId: "welcome_back_message", purpose: "say", text: "In my words (say): Welcome back, it's good to see you." });
    // Streamed: each composed message arrived in more than one delta.
    expect(Math.min(...deltaCounts(t.events[0] ?? []))).toBeGreaterThan(1);

    // Screens: fixed wording, never composed.
    const items = t.bot.filter((m) => m.purpose === "assess_item").map((m) => m.text);
    expect(items).toEqual([
      renderItemQuestion("phq2", 0, "en", { includeStem: true }),
      renderItemQuestion("phq2", 1, "en", { includeStem: false }),
      renderItemQuestion("gad2", 0, "en", { includeStem: true }),
      renderItemQuestion("gad2", 1, "en", { includeStem: false }),
    ]);
    // The free-text answer was interpreted by the model (1), the rest by rule.
    expect(variable(t.state, "phq2_items")).toEqual([0, 1]);
    expect(server.requests.filter((r) => purposeOf(r) === "interpret")).toHaveLength(1);

    // Variables: rule-based where the script says so, the model's JSON where it asks the model.
    expect(t.state.variables.session.mood_score).toMatchObject({ value: 7, source: "ask_mood_score" });
    expect(variable(t.state, "mood_words")).toBe("calm but busy");
    expect(variable(t.state, "week_highlight")).toBe("a run on Saturday");
    expect(variable(t.state, "practice_done")).toBe("tried");
    expect(variable(t.state, "small_step")).toBe("walk at lunchtime twice this week");
    expect(variable(t.state, "step_confidence")).toBe(8);
    expect(t.state.variables.session.check_in_summary).toMatchObject({ value: "A steady week with a run and a work deadline. Screens negative.", source: "think_check_in" });
    expect(variable(t.state, "suggested_focus")).toBe("keep_going");
    // The negative-screens reflection, then the step, then the closing with the step in its prompt.
    expect(t.bot.slice(-3).map((m) => m.actionId)).toEqual(["reflect_screens_negative", "ask_small_step", "closing"]);
    expect(t.bot.at(-1)?.text).toBe("In my words (say): Thanks for checking in.");
    const closingPrompt = server.requests.filter((r) => purposeOf(r) === "compose").at(-1);
    expect(closingPrompt && systemText(closingPrompt)).toContain("Your step for this week: walk at lunchtime twice this week.");

    expectClientTextDelimited(steps.map((s) => s.client));
    // Every client message was classified; every call was recorded.
    expect(server.requests.filter((r) => purposeOf(r) === "classify_risk")).toHaveLength(steps.length);
    expect(usage.filter((u) => u.purpose === "classify_risk")).toHaveLength(steps.length);
    expect(usage.every((u) => u.model === "fake" && u.error === undefined)).toBe(true);
    expect(t.state.risk.level).toBe("none");
  });

  it("first-session intake: early exit by judgment, the model's extraction and ai_think, PHQ-9 verbatim, recovery from an outage", async () => {
    const { options } = setup();
    const script = sessionScript("sessions/first-session-intake.en.yaml");
    const before: Step[] = [
      { client: "Who reads these conversations?", model: { judge: [{ done: false, understanding: 40, hasQuestions: true }] } },
      { client: "Okay, that makes sense, no more questions" },
      { client: "Yes, happy to carry on", model: { extract: { consent_to_continue: true, reply_intent: "yes" } } },
      { client: "you can call me Sam, I guess", model: { extract: { user_name: "Sam", reply_intent: "answer" } } },
    ];
    const first = await converse(script, options, before);
    const concern: Step = {
      client: "I've felt stuck and low since I changed jobs in the spring",
      model: { extract: { main_concern: "feeling stuck and low since changing jobs", concern_area: "work_or_study", reply_intent: "answer" } },
    };

    // The model goes down: 500s until the retries run out. The turn fails; the state is untouched.
    const saved = JSON.stringify(first.state);
    model.next(concern.model ?? {});
    model.outage = true;
    const requestsBefore = server.requests.length;
    const error: unknown = await collect(turn(script, first.state, concern.client, options)).then(
      () => new Error("expected the turn to fail"),
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ purpose: "extract", retryable: true });
    expect(JSON.stringify(first.state)).toBe(saved);
    // The classifier (running beside the script) failed without blocking, and extraction failed:
    // 3 attempts each. Both retry with random delays, so either may be recorded first.
    expect(server.requests.length - requestsBefore).toBe(6);
    expect(usage.slice(-2)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: "classify_risk", error: "server_error" }),
        expect.objectContaining({ purpose: "extract", error: "server_error" }),
      ]),
    );

    // The model is back: the same turn, on the same state, succeeds.
    model.outage = false;
    const phq9 = [
      { client: "several days" },
      { client: "more than half the days" },
      { client: "honestly it comes and goes", model: { interpret: 2 } },
      { client: "nearly every day" },
      { client: "not at all" },
      { client: "several days" },
      { client: "more than half the days" },
      { client: "not at all" },
      { client: "not at all" },
    ];
    const after: Step[] = [
      concern,
      {
        client: "About three months, and it's affecting my sleep a lot",
        model: { extract: { concern_duration: "about three months", daily_impact: "a_lot", reply_intent: "answer" } },
      },
      { client: "I'd like to enjoy things again", model: { extract: { client_goals: "to enjoy things again", reply_intent: "answer" } } },
      { client: "No, never", model: { extract: { had_support_before: false, reply_intent: "no" } } },
      { client: "Yes, that's right", model: { extract: { summary_confirmed: true, reply_intent: "yes" } } },
      { client: "Sure, let's do it", model: { extract: { ready_for_questionnaire: true, reply_intent: "yes" } } },
      ...phq9,
      {
        client: "Yes, I think I'll book a GP appointment",
        model: { think: { concern_summary: "Sam has felt stuck and low for about three months since a job change.", suitable_for_thought_work: false } },
      },
      {
        client: "It felt good, and yes I'd like to meet again",
        model: { extract: { session_feedback: "It felt good", wants_follow_up: true, reply_intent: "answer" } },
      },
    ];
    const t = await play(script, options, first, after);
    expect(t.bot[first.bot.length]?.actionId).toBe("ask_duration_and_impact");

    expect(t.state.status).toBe("complete");
    expect(t.events.at(-1)?.at(-1)).toEqual({ type: "session-complete" });
    expectModelWording(t);

    // The question about who reads this got the project's own answer (fixed text, never composed),
    // then the three-round explanation ended after its second round, by the model's judgment.
    expect(t.bot.filter((m) => m.actionId === "explain_confidentiality").map((m) => m.purpose)).toEqual(["say", "answer_question", "explain_round"]);
    expect(t.bot.find((m) => m.purpose === "answer_question")?.text).not.toMatch(/^In my words/);
    expect(t.events[2]).toContainEqual({ type: "action-complete", actionId: "explain_confidentiality", reason: "exit" });

    // The name is the model's extraction, and later prompts use it.
    expect(t.state.variables.session.user_name).toMatchObject({ value: "Sam", source: "ask_name" });
    expect(t.bot.find((m) => m.actionId === "ask_main_concern")?.text).toBe("In my words (ask): Thank you, Sam.");
    expect(variable(t.state, "main_concern")).toBe("feeling stuck and low since changing jobs");
    expect(variable(t.state, "concern_area")).toBe("work_or_study");
    expect(variable(t.state, "daily_impact")).toBe("a_lot");

    // PHQ-9: nine fixed items, never composed; one free-text answer interpreted by the model.
    const items = t.bot.filter((m) => m.actionId === "phq9_assessment");
    expect(items.map((m) => m.purpose)).toEqual(Array(9).fill("assess_item"));
    expect(items.map((m) => m.text)).toEqual(Array.from({ length: 9 }, (_, i) => renderItemQuestion("phq9", i, "en", { includeStem: i === 0 })));
    expect(variable(t.state, "phq9_items")).toEqual([1, 2, 2, 3, 0, 1, 2, 0, 0]);
    expect(variable(t.state, "phq9_total")).toBe(11);
    expect(variable(t.state, "phq9_band")).toBe("moderate");

    // ai_think: the model's judgment (template mode would have offered the exercise).
    expect(t.state.variables.session.suitable_for_thought_work).toMatchObject({ value: false, source: "judge_thought_work" });
    expect(variable(t.state, "concern_summary")).toBe("Sam has felt stuck and low for about three months since a job change.");
    expect(t.bot.map((m) => m.actionId)).not.toContain("ask_try_thought_work");
    expect(t.bot.slice(-5).map((m) => m.actionId)).toEqual(["reflect_phq9_higher", "summarise_session", "next_steps", "ask_feedback", "goodbye_follow_up"]);
    expect(variable(t.state, "wants_follow_up")).toBe(true);

    expectClientTextDelimited([...before, ...after].map((s) => s.client));
    // Older turns were folded into a summary by the model once the recent memory filled up.
    expect(t.state.memory.summary).toBe("Earlier, the client introduced themselves and described their week.");
    expect(t.state.risk.level).toBe("none");
  });

  it("the risk classifier raises the lexicon's level over the wire, and its outage blocks nothing", async () => {
    const { options } = setup();
    const script = sessionScript("sessions/check-in.en.yaml");
    const started = await collect(start(script, options));

    model.next({ risk: { level: "medium", category: "suicidal_ideation", rationale: "hopeless, passive wish" }, extract: { mood_score: 2, reply_intent: "answer" } });
    const raised = await collect(turn(script, started.state, "Honestly I'm so tired of everything, a 2 I guess", options));
    expect(raised.events.filter((e) => e.type === "safety")).toEqual([
      { type: "safety", level: "medium", reason: "suicidal_ideation", source: "llm", evidence: [], action: "check_in" },
    ]);
    expect(botMessages(raised.events)[0]).toMatchObject({ actionId: "safety_protocol", purpose: "safety_check_in" });
    expect(variable(raised.state, "mood_score")).toBe(2);

    const request = server.requests.find((r) => purposeOf(r) === "classify_risk");
    expect(request?.stream).toBe(false);
    expect(request?.responseFormat).toMatchObject({
      type: "json_schema",
      json_schema: {
        name: "classify_risk",
        strict: true,
        schema: {
          required: ["level", "category", "rationale"],
          properties: {
            level: { enum: ["none", "low", "medium", "high", "imminent"] },
            category: { enum: ["suicidal_ideation", "suicide_plan", "means", "self_harm", "harm_to_others", "abuse", "medical_emergency", "none"] },
          },
        },
      },
    });
    expect(request?.messages.at(-1)).toEqual({ role: "user", content: "<client_message>Honestly I'm so tired of everything, a 2 I guess</client_message>" });
    expect(usage.find((u) => u.purpose === "classify_risk")).toMatchObject({ model: "fake", promptTokens: 11, completionTokens: 7 });

    // An answer outside the schema is an LlmError from the port, which the gate absorbs.
    server.setScript((r) => (purposeOf(r) === "classify_risk" ? { type: "json", value: { level: "extreme", category: "none", rationale: "" } } : model.reply(r)));
    const usedBefore = usage.length;
    const odd = await collect(turn(script, raised.state, "calm but busy", options));
    expect(odd.events.filter((e) => e.type === "safety")).toEqual([]);
    // The turn's other calls (the extraction's reading of the reply, the next question) succeed.
    const turnUsage = usage.slice(usedBefore);
    expect(turnUsage.filter((u) => u.purpose === "classify_risk")).toEqual([expect.objectContaining({ error: "invalid_output" })]);
    expect(turnUsage.filter((u) => u.purpose !== "classify_risk").every((u) => u.error === undefined)).toBe(true);
    expect(variable(odd.state, "mood_words")).toBe("calm but busy");
  });

  it("classifyRisk on the port: a typed result, and an LlmError when the service fails", async () => {
    const { llm } = setup();
    if (!llm.classifyRisk) throw new Error("model mode must classify risk");
    const prompt = { system: "Assess the risk.", messages: [] };
    model.next({ risk: { level: "high", category: "self_harm", rationale: "active thoughts of cutting" } });
    expect(await llm.classifyRisk({ prompt, text: "I keep wanting to cut again" })).toEqual({ level: "high", category: "self_harm", rationale: "active thoughts of cutting" });
    // The text to classify is always the last message, delimited, even when the prompt lacks it.
    expect(server.requests[0]?.messages).toEqual([
      { role: "system", content: "Assess the risk." },
      { role: "user", content: "<client_message>I keep wanting to cut again</client_message>" },
    ]);

    model.outage = true;
    const error: unknown = await llm.classifyRisk({ prompt, text: "x" }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ purpose: "classify_risk", retryable: true });
    expect(usage.at(-1)).toMatchObject({ purpose: "classify_risk", error: "server_error" });
  });
});
