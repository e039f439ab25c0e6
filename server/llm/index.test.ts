import { describe, expect, it } from "vitest";
import { templateLlm } from "../engine/llm/template";
import { DEFAULT_MODEL, createLlm } from "./index";

describe("createLlm", () => {
  it("returns the engine's template LLM in template mode", () => {
    expect(createLlm({ mode: "template", apiKey: "sk-ignored" })).toBe(templateLlm);
  });

  it("builds a model-mode port with the given or default model name", () => {
    expect(createLlm({ mode: "model", apiKey: "sk-test", model: "gpt-x" })).toMatchObject({ mode: "model", model: "gpt-x" });
    expect(createLlm({ mode: "model", baseURL: "http://127.0.0.1:1/v1" }).model).toBe(DEFAULT_MODEL);
  });

  it("treats blank settings as unset", () => {
    expect(createLlm({ mode: "model", apiKey: "sk-test", baseURL: "", model: "  " }).model).toBe(DEFAULT_MODEL);
    expect(() => createLlm({ mode: "model", apiKey: "", baseURL: " " })).toThrow(/API key or an OpenAI-compatible base URL/);
  });
});
