import { describe, expect, it } from "vitest";
import { LlmError, type LlmPort } from "../engine/llm/port";
import { fakeLlm } from "../engine/runtime/test-support";
import { CircuitBreaker, resilientLlm } from "./resilient";

const prompt = { system: "s", messages: [] };

function failingModel(counter: { calls: number }, error = new LlmError("down", "x", true)): LlmPort {
  return fakeLlm({
    async *compose() {
      counter.calls++;
      throw error;
    },
    async extract() {
      counter.calls++;
      throw error;
    },
  });
}

async function text(port: LlmPort): Promise<string> {
  let out = "";
  for await (const delta of port.compose({ purpose: "say", prompt, fallbackText: "The script's own words." })) out += delta;
  return out;
}

describe("resilient model port", () => {
  it("answers in template mode for the step when the model fails", async () => {
    const counter = { calls: 0 };
    const port = resilientLlm(failingModel(counter), new CircuitBreaker(), { fallback: true });
    expect(await text(port)).toBe("The script's own words.");
    expect(await port.extract({ prompt, reply: "7", fields: [{ name: "mood", type: "number" }] })).toEqual({ mood: 7 });
  });

  it("stops calling a failing model once the circuit opens, and tries again later", async () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 1_000, now: () => now });
    const counter = { calls: 0 };
    const port = resilientLlm(failingModel(counter), breaker, { fallback: true });
    for (let i = 0; i < 5; i++) await text(port);
    expect(counter.calls).toBe(3);
    expect(breaker.state).toBe("open");
    now = 1_500;
    expect(breaker.state).toBe("half-open");
    await text(port);
    expect(counter.calls).toBe(4);
    expect(breaker.state).toBe("open");
  });

  it("fails fast without a fallback when the circuit is open, and never hides a non-retryable error", async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 60_000 });
    const counter = { calls: 0 };
    const strict = resilientLlm(failingModel(counter), breaker, { fallback: false });
    await expect(text(strict)).rejects.toBeInstanceOf(LlmError);
    await expect(text(strict)).rejects.toThrow(/not available/);
    expect(counter.calls).toBe(1);

    const auth = resilientLlm(failingModel({ calls: 0 }, new LlmError("bad key", "x", false)), new CircuitBreaker(), { fallback: true });
    await expect(text(auth)).rejects.toThrow(/bad key/);
  });
});
