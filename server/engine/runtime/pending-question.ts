/**
 * The question the engine is waiting on, in the shape reply understanding reads replies against
 * (understanding/types.ts): its kind decides what a value is and which intents make sense.
 */
import type { CompiledAction, CompiledOutputField } from "../script";
import type { PendingQuestion, QuestionKind } from "../understanding";
import type { AskReplyProgress, Language } from "./types";

type AskAction = Extract<CompiledAction, { action_type: "ai_ask" }>;

/** A text field about a name ("what would you like me to call you?"). */
export const NAME_FIELD = /name|called|名字|称呼|叫|姓名|用户名|昵称/i;
/** What makes a text field a name question (stricter than NAME_FIELD, which only strips "call me"). */
const NAME_KIND_NAME = /name|称呼|名字|姓名|用户名|昵称/i;
const NAME_KIND_DEFINE = /\b(?:name|nickname)\b|\b(?:be|to be|me) called\b|名字|称呼|姓名|昵称/i;
/** A text field about how long something has lasted. */
const DURATION_FIELD = /how long|duration|since when|多久|多长时间|多長時間|持续|持續/i;
/** A number field on another scale than 0–10 ("0-100", "1 to 5"). */
const OTHER_SCALE = /\b(?:0|1)\s*(?:-|–|to|到|至)\s*(?!10\b)\d+\b/i;
/** A number field that is a rating (not an age or a count). */
const RATING = /\b(?:10|ten|rate|rating|scale|score|confiden\w*)\b|打分|评分|分数|几分|十分|0\s*(?:-|到|至)\s*10/i;

/** The extract fields an ai_ask reads from replies. */
export function extractFieldsOf(action: AskAction): CompiledOutputField[] {
  return action.config.output.filter((field) => field.mode === "extract");
}

/**
 * The one field a question is about: its only extract field, or its only required one when the
 * others are optional extras (a concern and, if it shows, its area). Undefined for compound questions.
 */
export function primaryField(action: AskAction): CompiledOutputField | undefined {
  const fields = extractFieldsOf(action);
  if (fields.length === 1) return fields[0];
  const required = fields.filter((field) => field.required);
  return required.length === 1 ? required[0] : undefined;
}

/** The kind of question a field makes. */
export function fieldKind(field: CompiledOutputField, questionText = ""): QuestionKind {
  const about = `${field.get} ${field.define ?? ""}`;
  switch (field.type) {
    case "boolean":
      return "yes_no";
    case "number": {
      const text = `${about} ${questionText}`;
      return RATING.test(text) && !OTHER_SCALE.test(text) ? "rating" : "open";
    }
    case "enum":
      return field.values?.length ? "choice" : "open";
    case "text":
      if (NAME_KIND_NAME.test(field.get) || NAME_KIND_DEFINE.test(field.define ?? "")) return "name";
      if (DURATION_FIELD.test(about)) return "duration";
      return "open";
    default:
      return "open";
  }
}

/** The question's own sentences: those that ask something (the paragraph around them is not repeated). */
export function questionOnly(text: string): string {
  const sentences = text
    .trim()
    .split(/(?<=[.!?。！？])\s*/u)
    .map((s) => s.trim())
    .filter(Boolean);
  // Every question the text asks, in order ("How long has it been going on? How much does it get
  // in the way?"), without the statements around them.
  const asking = sentences.filter((s) => /[?？]$/u.test(s));
  if (asking.length === 0) return sentences.at(-1) ?? text.trim();
  return asking.join(/\p{Script=Han}/u.test(text) ? "" : " ");
}

/** The ai_ask's pending question at its current stage. `content` is the rendered question. */
export function askQuestion(action: AskAction, content: string, language: Language, progress: AskReplyProgress = {}): PendingQuestion {
  const base = { text: content, lang: language } as const;
  if (progress.stage === "confirm_no") return { ...base, kind: "yes_no" };
  if (progress.stage === "which_part" || progress.stage === "correct") return { ...base, kind: "open" };
  if (action.config.confirms?.length) return { ...base, kind: "confirm_summary" };
  const field = primaryField(action);
  if (!field) return { ...base, kind: "open" };
  const kind = fieldKind(field, content);
  return kind === "choice" && field.values ? { ...base, kind, options: field.values } : { ...base, kind };
}

/** A questionnaire item's pending question: one of its four answer options. */
export function assessQuestion(itemText: string, language: Language): PendingQuestion {
  return { kind: "option", text: itemText, lang: language };
}
