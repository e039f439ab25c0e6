import { describe, expect, it } from "vitest";
import { LlmError, type LlmPort, type Prompt } from "../engine/llm/port";
import { templateLlm } from "../engine/llm/template";
import { fakeLlm } from "../engine/runtime/test-support";
import { recordingLlm } from "./recording";

const prompt = (system: string): Prompt => ({ system, messages: [{ role: "user", content: "<client>hi</client>" }] });

const model = fakeLlm({
  async *compose() {
    yield "Hello ";
    yield "there. ";
    yield "How are you?";
  },
  extract: async () => ({ mood: "tired", score: 3 }),
  judge: async () => ({ done: false, understanding: 40, hasQuestions: undefined }),
  interpret: async () => 2,
  summarise: async () => "A summary.",
  classifyRisk: async () => ({ level: "low", category: "distress", rationale: "sad" }),
});

async function drain(port: LlmPort, stopAfter = Infinity): Promise<string> {
  let text = "";
  let n = 0;
  for await (const delta of port.compose({ purpose: "ask", prompt: prompt("compose"), fallbackText: "script" })) {
    text += delta;
    if (++n >= stopAfter) break;
  }
  return text;
}

describe("recordingLlm", () => {
  it("records each call's purpose, prompt and output in call order, passing results through", async () => {
    const { port, calls } = recordingLlm(model);
    expect(port.mode).toBe("model");
    expect(port.model).toBe("fake");
    expect(await drain(port)).toBe("Hello there. How are you?");
    expect(await port.extract({ prompt: prompt("extract"), fields: [{ name: "mood", type: "text" }], reply: "tired" })).toEqual({ mood: "tired", score: 3 });
    expect(await port.judge({ prompt: prompt("judge"), criterion: "understood" })).toEqual({ done: false, understanding: 40, hasQuestions: undefined });
    expect(await port.interpret({ prompt: prompt("interpret"), options: [], reply: "often" })).toBe(2);
    expect(await port.summarise({ prompt: prompt("summarise"), previous: "" })).toBe("A summary.");
    expect(await port.classifyRisk!({ prompt: prompt("risk"), text: "sad" })).toMatchObject({ level: "low" });

    expect(calls.map((c) => [c.purpose, c.prompt.system, c.output])).toEqual([
      ["compose:ask", "compose", "Hello there. How are you?"],
      ["extract", "extract", { mood: "tired", score: 3 }],
      ["judge", "judge", { done: false, understanding: 40 }],
      ["interpret", "interpret", 2],
      ["summarise", "summarise", "A summary."],
      ["classify_risk", "risk", { level: "low", category: "distress", rationale: "sad" }],
    ]);
    expect(calls[0]!.prompt.messages).toEqual([{ role: "user", content: "<client>hi</client>" }]);
    for (const call of calls) expect(call.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("keeps a copy of the prompt, not the caller's object", async () => {
    const { port, calls } = recordingLlm(model);
    const p = prompt("s");
    await port.think({ prompt: p, fields: [] });
    p.messages.push({ role: "assistant", content: "later" });
    expect(calls[0]!.prompt.messages).toHaveLength(1);
  });

  it("records what was streamed when the caller stops reading early", async () => {
    const { port, calls } = recordingLlm(model);
    expect(await drain(port, 2)).toBe("Hello there. ");
    expect(calls[0]!.output).toBe("Hello there. ");
  });

  it("records failures and rethrows them unchanged", async () => {
    const failure = new LlmError("model overloaded", "extract", true);
    const failing: LlmPort = {
      ...model,
      extract: () => Promise.reject(failure),
      async *compose() {
        throw new LlmError("stream cut", "compose", true);
      },
    };
    const { port, calls } = recordingLlm(failing);
    await expect(port.extract({ prompt: prompt("x"), fields: [], reply: "" })).rejects.toBe(failure);
    await expect(drain(port)).rejects.toThrow("stream cut");
    expect(calls).toEqual([
      expect.objectContaining({ purpose: "extract", output: null, error: "model overloaded" }),
      expect.objectContaining({ purpose: "compose:ask", output: "", error: "stream cut" }),
    ]);
  });

  it("offers classifyRisk only when the wrapped port has it", () => {
    expect(recordingLlm(templateLlm).port.classifyRisk).toBeUndefined();
    expect(recordingLlm(model).port.classifyRisk).toBeTypeOf("function");
  });
});
