/**
 * Reply intents in model mode through the real provider (`createLlm` →
 * @ai-sdk/openai → HTTP) against the fake OpenAI-compatible server: a skip, a question to the bot
 * (who reads this) and a request for a person, given by the model's structured output (the
 * extraction's reply_intent / reply_topic), do what template mode does with the same reply: the
 * same texts after the reading (the engine's own, said verbatim), the same skip recorded, the same
 * action outcome. A model whose output carries no intent leaves skip, handoff and a question to
 * the deterministic reader.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { LlmPort } from "@/server/engine/llm/port";
import { templateLlm } from "@/server/engine/llm/template";
import { compileProject } from "@/server/engine/project";
import { collect, start, turn, type EngineEvent, type EngineOptions, type SessionState } from "@/server/engine/runtime";
import type { CompiledSessionScript } from "@/server/engine/script";
import { readYamlFiles } from "@/server/lib/yaml-files";
import { createLlm } from "@/server/llm";
import { purposeOf, requestedFields, startFakeOpenAiServer, type FakeOpenAiServer } from "@/tests/support/fake-openai-server";

const project = compileProject(await readYamlFiles(path.resolve(import.meta.dirname, "../../scripts")));

function sessionScript(file: string): CompiledSessionScript {
  const result = project.results.get(file);
  if (!result?.ok || result.script.kind !== "session") throw new Error(`${file} is not a compiled session script`);
  return result.script;
}

const checkIn = sessionScript("sessions/check-in.en.yaml");
const moodCheckZh = sessionScript("sessions/mood-check.zh.yaml");

let server: FakeOpenAiServer;
/** What the model's extraction answers on the next client turn. */
let extraction: Record<string, unknown> = {};

beforeAll(async () => {
  server = await startFakeOpenAiServer();
  server.setScript((request) => {
    switch (purposeOf(request)) {
      case "compose":
        return { type: "text", text: "In my words: a question for you." };
      case "extract":
        return { type: "json", value: extraction };
      case "judge":
        return {
          type: "json",
          value: { done: true, understanding: 90, hasQuestions: false },
        };
      case "think":
        return { type: "json", value: {} };
      case "interpret":
        return { type: "json", value: { score: null } };
      case "classify_risk":
        return {
          type: "json",
          value: {
            level: "none",
            category: "none",
            rationale: "ordinary conversation",
          },
        };
      default:
        return { type: "text", text: "Earlier, the client said hello." };
    }
  });
});
afterAll(async () => {
  await server.close();
});

function modelLlm(): LlmPort {
  return createLlm({
    mode: "model",
    baseURL: server.baseURL,
    model: "fake",
    timeoutMs: 5_000,
    maxRetries: 0,
    retryBaseDelayMs: 1,
  });
}

const optionsFor = (llm: LlmPort): EngineOptions => ({
  llm,
  scriptVersion: "intents",
  techniques: project.techniques,
  ...project.safety,
});

/** What a turn did after reading the reply: the engine's own texts, skips recorded, actions completed. */
interface Outcome {
  said: { purpose: string; text: string }[];
  skipped: string[];
  set: string[];
  completed: { actionId: string; reason: string }[];
  state: SessionState;
}

function outcomeOf(events: readonly EngineEvent[], state: SessionState): Outcome {
  const said: Outcome["said"] = [];
  let purpose = "";
  for (const event of events) {
    if (event.type === "message-start") purpose = event.purpose;
    if (event.type === "message-end") said.push({ purpose, text: event.text });
  }
  return {
    said,
    skipped: events.flatMap((e) => (e.type === "variable-set" && e.skipped ? [e.name] : [])),
    set: events.flatMap((e) => (e.type === "variable-set" && !e.skipped ? [e.name] : [])),
    completed: events.flatMap((e) => (e.type === "action-complete" ? [{ actionId: e.actionId, reason: e.reason }] : [])),
    state,
  };
}

/** Starts the script and answers its first question with `reply` (the model's extraction answers `model`). */
async function replyToFirstQuestion(script: CompiledSessionScript, llm: LlmPort, reply: string, model: Record<string, unknown> = {}): Promise<Outcome> {
  extraction = {};
  const options = optionsFor(llm);
  const started = await collect(start(script, options));
  extraction = model;
  const run = await collect(turn(script, started.state, reply, options));
  return outcomeOf(run.events, run.state);
}

/** Texts the engine says itself (not worded by the model): what must match between the modes. */
const COMPOSED = new Set(["say", "ask", "follow_up", "explain_round", "closing"]);
const ownTexts = (outcome: Outcome) => outcome.said.filter((m) => !COMPOSED.has(m.purpose));

function variable(state: SessionState, name: string): unknown {
  return (state.variables.topic[name] ?? state.variables.phase[name] ?? state.variables.session[name])?.value;
}

/** A reply whose meaning only the model's reading of the whole exchange can tell. */
const NEUTRAL = "Well, hmm.";

describe("reply intents in model mode, as in template mode", () => {
  const cases = [
    {
      name: "a skip",
      reply: "I'd rather not say",
      model: { reply_intent: "skip" },
      purpose: "skip_ack",
    },
    {
      name: "a question about who reads this",
      reply: "Who reads this?",
      model: { reply_intent: "question", reply_topic: "who_reads" },
      purpose: "answer_question",
    },
    {
      name: "a request for a person",
      reply: "Can I talk to a real person instead?",
      model: { reply_intent: "handoff" },
      purpose: "handoff",
    },
  ] as const;

  for (const c of cases) {
    it(`${c.name}: the model's reading gives the template's behaviour`, async () => {
      const template = await replyToFirstQuestion(checkIn, templateLlm, c.reply);
      expect(ownTexts(template).map((m) => m.purpose)).toEqual([c.purpose]);

      // The same reply, and one the deterministic reader takes for no such intent: there the model's reading decides.
      expect(ownTexts(await replyToFirstQuestion(checkIn, templateLlm, NEUTRAL)).map((m) => m.purpose)).not.toEqual([c.purpose]);
      for (const reply of [c.reply, NEUTRAL]) {
        const model = await replyToFirstQuestion(checkIn, modelLlm(), reply, c.model);
        expect(ownTexts(model), reply).toEqual(ownTexts(template));
        expect(model.skipped, reply).toEqual(template.skipped);
        expect(model.set, reply).toEqual(template.set);
        expect(model.completed, reply).toEqual(template.completed);
        expect(model.state.stack, reply).toEqual(template.state.stack);
        expect(variable(model.state, "mood_score"), reply).toBeUndefined();
      }
      // The extraction asked the model for its reading beside the field.
      const extract = server.requests.filter((r) => purposeOf(r) === "extract").at(-1);
      expect(extract && requestedFields(extract)).toEqual(expect.arrayContaining(["mood_score", "reply_intent", "reply_topic"]));
    });
  }

  it("a skip leaves the variable unset and is recorded, and the session goes on to the next question", async () => {
    const model = await replyToFirstQuestion(checkIn, modelLlm(), NEUTRAL, {
      reply_intent: "skip",
      mood_score: null,
    });
    expect(model.skipped).toEqual(["mood_score"]);
    expect(model.completed).toContainEqual({
      actionId: "ask_mood_score",
      reason: "skipped",
    });
    expect(ownTexts(model)).toEqual([{ purpose: "skip_ack", text: "That's fine, we can leave that." }]);
    // The next question is the model's wording, as every question in model mode.
    expect(model.said.at(-1)).toMatchObject({
      purpose: "ask",
      text: "In my words: a question for you.",
    });
  });

  it("in Chinese too (the name question): the model's skip and handoff give the template's texts", async () => {
    for (const [reply, model] of [
      ["跳过", { reply_intent: "skip" }],
      ["我想跟真人聊聊", { reply_intent: "handoff" }],
    ] as const) {
      const template = await replyToFirstQuestion(moodCheckZh, templateLlm, reply);
      const byModel = await replyToFirstQuestion(moodCheckZh, modelLlm(), reply, model);
      expect(ownTexts(template).length, reply).toBe(1);
      expect(ownTexts(byModel), reply).toEqual(ownTexts(template));
      expect(byModel.skipped, reply).toEqual(template.skipped);
    }
  });

  it("a model that gives no intent leaves skip, handoff and a question to the deterministic reader", async () => {
    for (const c of cases) {
      const template = await replyToFirstQuestion(checkIn, templateLlm, c.reply);
      // The model's output has no reading at all (only the field, left empty).
      const model = await replyToFirstQuestion(checkIn, modelLlm(), c.reply, {
        mood_score: null,
      });
      expect(ownTexts(model), c.reply).toEqual(ownTexts(template));
      expect(model.skipped, c.reply).toEqual(template.skipped);
      expect(model.completed, c.reply).toEqual(template.completed);
    }
    // An answer is still an answer: the model's value is stored.
    const answered = await replyToFirstQuestion(checkIn, modelLlm(), "About a six, I think", { mood_score: 6 });
    expect(answered.set).toContain("mood_score");
    expect(answered.skipped).toEqual([]);
    expect(variable(answered.state, "mood_score")).toBe(6);
  });
});
