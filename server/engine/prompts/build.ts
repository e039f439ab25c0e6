import type { ChatMessage, JsonValue, Prompt } from "../llm/port";
import { formatValue, renderTemplate } from "../script";
import type { Language, MemoryEntry } from "../runtime/types";
import type { PromptKey, PromptScheme } from "./default-scheme";

export interface PromptContext {
  scheme: PromptScheme;
  language: Language;
  tone: string;
  /** Goals and strategy of the session/phase/topic/action, in order from broad to narrow. */
  context: string[];
  variables: Record<string, JsonValue>;
  memory: { recent: readonly MemoryEntry[]; summary: string };
}

const MAX_VARIABLE_CHARS = 300;

function describeVariables(variables: Record<string, JsonValue>): string {
  const lines = Object.entries(variables)
    .filter(([, value]) => value !== null && value !== "")
    .map(([name, value]) => `- ${name}: ${formatValue(value).slice(0, MAX_VARIABLE_CHARS)}`);
  return lines.length ? lines.join("\n") : "(nothing yet)";
}

/** Client text is wrapped as data so instructions inside it are not followed. */
export function delimitClientText(text: string): string {
  return `<client_message>${text.replaceAll("</client_message>", "")}</client_message>`;
}

function toMessages(recent: readonly MemoryEntry[]): ChatMessage[] {
  return recent.map((entry) =>
    entry.role === "client" ? { role: "user", content: delimitClientText(entry.text) } : { role: "assistant", content: entry.text },
  );
}

export function buildPrompt(ctx: PromptContext, task: Exclude<PromptKey, "system" | "language_en" | "language_zh">, values: Record<string, string>): Prompt {
  const { scheme } = ctx;
  const taskText = renderTemplate(scheme[task], (name) => values[name]);
  const system = renderTemplate(scheme.system, (name) => {
    switch (name) {
      case "tone":
        return ctx.tone;
      case "language_rule":
        return ctx.language === "zh" ? scheme.language_zh : scheme.language_en;
      case "context":
        return ctx.context.filter(Boolean).map((line) => `- ${line}`).join("\n") || "(none)";
      case "summary":
        return ctx.memory.summary ? `Summary of earlier conversation: ${ctx.memory.summary}` : "";
      case "variables":
        return describeVariables(ctx.variables);
      case "task":
        return taskText;
      default:
        return undefined;
    }
  });
  return { system, messages: toMessages(ctx.memory.recent) };
}
