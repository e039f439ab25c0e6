import { createOpenAI } from "@ai-sdk/openai";
import type { LlmPort, LlmUsage } from "../engine/llm/port";
import { templateLlm } from "../engine/llm/template";
import { createAiSdkLlm, type ProviderModel } from "./ai-sdk-llm";
import { modelFetch } from "./model-fetch";

export interface LlmConfig {
  mode: "model" | "template";
  apiKey?: string;
  /** An OpenAI-compatible server (DeepSeek, Ollama, vLLM, a test fake); default OpenAI's own. */
  baseURL?: string;
  /** The model name; default gpt-4o-mini. */
  model?: string;
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseDelayMs?: number;
  onUsage?: (usage: LlmUsage) => void;
}

export const DEFAULT_MODEL = "gpt-4o-mini";
const OPENAI_BASE_URL = "https://api.openai.com/v1";
/** Local OpenAI-compatible servers often need no key, but the provider always sends one. */
const PLACEHOLDER_API_KEY = "not-needed";

/** Blank settings count as unset (a blank OPENAI_BASE_URL would otherwise break the provider). */
function setting(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The provider's model holds only its settings, so one serves every turn (a port is made per turn). */
const chatModels = new Map<string, ProviderModel>();

function chatModel(apiKey: string, baseURL: string, modelName: string): ProviderModel {
  const key = JSON.stringify([apiKey, baseURL, modelName]);
  let model = chatModels.get(key);
  if (!model) {
    model = createOpenAI({ apiKey, baseURL, fetch: modelFetch }).chat(modelName);
    // Settings come from the environment, so there are few; a bound keeps a misuse from growing it.
    if (chatModels.size >= 16) chatModels.clear();
    chatModels.set(key, model);
  }
  return model;
}

/**
 * The LLM port for the app: template mode needs nothing; model mode talks Chat Completions to
 * OpenAI or any compatible server. Every provider setting is passed explicitly, so the provider
 * never falls back to reading process.env itself.
 */
export function createLlm(config: LlmConfig): LlmPort {
  if (config.mode === "template") return templateLlm;

  const apiKey = setting(config.apiKey);
  const baseURL = setting(config.baseURL);
  if (!apiKey && !baseURL) {
    throw new Error("LLM model mode needs an API key or an OpenAI-compatible base URL");
  }
  const modelName = setting(config.model) ?? DEFAULT_MODEL;

  return createAiSdkLlm({
    model: chatModel(apiKey ?? PLACEHOLDER_API_KEY, baseURL ?? OPENAI_BASE_URL, modelName),
    modelName,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    retryBaseDelayMs: config.retryBaseDelayMs,
    onUsage: config.onUsage,
  });
}
