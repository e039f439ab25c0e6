/**
 * The engine's LLM port. The engine builds every prompt itself (prompt schemes) and hands the
 * port finished requests; the port only talks to a model. Template mode is an implementation of
 * this port that needs no model (./template.ts); the AI SDK one lives in server/llm.
 */
import type { RiskLevel } from "../safety/risk-types";
import type { QuestionKind } from "../understanding/types";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
}

/** A finished prompt: the system text and the conversation so far (client text delimited as data). */
export interface Prompt {
  system: string;
  messages: ChatMessage[];
}

export type ComposePurpose = "say" | "ask" | "follow_up" | "explain_round" | "closing";

export interface ComposeRequest {
  purpose: ComposePurpose;
  prompt: Prompt;
  /** The script's own rendered text: what template mode says, and the model's fallback. */
  fallbackText: string;
}

/** One field to extract; the port turns these into a structured-output schema. */
export interface FieldSpec {
  name: string;
  type: "text" | "number" | "boolean" | "list" | "enum" | "object";
  description?: string;
  values?: (string | number | boolean | null)[];
}

export interface ExtractRequest {
  prompt: Prompt;
  fields: FieldSpec[];
  /** The client's latest reply (template mode extracts from it directly). */
  reply: string;
  /**
   * Also read what the reply does with the pending question: the result then carries
   * `READING_KEYS.intent` (one of REPLY_INTENTS), and when they apply `READING_KEYS.topic` (a
   * question's QuestionTopic) and `READING_KEYS.corrects` (the SummaryPart a correction is about).
   */
  reading?: { kind: QuestionKind; question: string };
}

/** Where an extraction result carries its reading of the reply: names no variable can have. */
export const READING_KEYS = { intent: "$intent", topic: "$topic", corrects: "$corrects" } as const;

export interface JudgeRequest {
  prompt: Prompt;
  /** What must hold for the action to stop, in words. */
  criterion: string;
}

export interface JudgeResult {
  done: boolean;
  /** 0–100, how well the client seems to have understood (for exit_criteria). */
  understanding?: number;
  hasQuestions?: boolean;
}

export interface ThinkRequest {
  prompt: Prompt;
  fields: FieldSpec[];
}

export interface InterpretRequest {
  prompt: Prompt;
  /** Option labels by score, in the client's language. */
  options: { score: number; label: string }[];
  reply: string;
}

export interface SummariseRequest {
  prompt: Prompt;
  /** The previous summary, kept when the model is not available. */
  previous: string;
}

/** What the port reports about each model call, for the LlmCall records. */
export interface LlmUsage {
  purpose: string;
  model: string;
  promptTokens?: number;
  completionTokens?: number;
  latencyMs: number;
  error?: string;
}

export interface LlmPort {
  readonly mode: "template" | "model";
  /** The model name in model mode, else null. */
  readonly model: string | null;
  /** Client-visible text, streamed as deltas. */
  compose(request: ComposeRequest): AsyncIterable<string>;
  /** Values for the given fields (absent = not found in the reply). */
  extract(request: ExtractRequest): Promise<Record<string, JsonValue>>;
  judge(request: JudgeRequest): Promise<JudgeResult>;
  think(request: ThinkRequest): Promise<Record<string, JsonValue>>;
  /** An answer option's score for a free-text reply, or null when unclear. */
  interpret(request: InterpretRequest): Promise<number | null>;
  summarise(request: SummariseRequest): Promise<string>;
  /**
   * Model-mode risk classifier (optional). Its level can raise the lexicon's, never lower it.
   * `category` uses the lexicon's categories.
   */
  classifyRisk?(request: ClassifyRiskRequest): Promise<ClassifyRiskResult>;
}

export interface ClassifyRiskRequest {
  prompt: Prompt;
  text: string;
}

export interface ClassifyRiskResult {
  level: RiskLevel;
  category: string;
  rationale: string;
}

/** A model failure: the turn ends with this error and the caller's state is left unchanged. */
export class LlmError extends Error {
  constructor(
    message: string,
    readonly purpose: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "LlmError";
  }
}
