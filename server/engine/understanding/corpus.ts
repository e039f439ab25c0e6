/**
 * The labelled reply corpus (data/replies/): one JSON object per line,
 * `{writer, lang, kind, question, reply, intent, value, options?, topic?, script?}` (see
 * data/replies/briefs/common-brief.md for what each means). Pure: the caller reads the files.
 */
import { parseJsonLines, parseJsonObject } from "../text/jsonl";
import { QUESTION_KINDS, REPLY_INTENTS, type Duration, type QuestionKind, type QuestionTopic, type ReplyIntent, type ReplyLanguage, type SummaryPart } from "./types";

export interface LabelledReply {
  writer: string;
  lang: ReplyLanguage;
  kind: QuestionKind;
  question: string;
  reply: string;
  intent: ReplyIntent;
  /** The value the reply gives (null: none). For a correction of a summary, the part corrected. */
  value: number | string | Duration | null;
  options?: string[];
  topic?: QuestionTopic;
  script?: "traditional";
}

const TOPICS: readonly QuestionTopic[] = ["who_reads", "real_person", "data", "meaning", "other"];
const UNITS = ["day", "week", "month", "year"];
const PARTS: readonly SummaryPart[] = ["concern", "goal"];

const isDuration = (value: unknown): value is Duration =>
  typeof value === "object" && value !== null && typeof (value as Duration).amount === "number" && UNITS.includes((value as Duration).unit);

function checkValue(kind: QuestionKind, intent: ReplyIntent, value: unknown, options: string[] | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (intent === "correction" && kind === "confirm_summary") return PARTS.includes(value as SummaryPart) ? undefined : `a summary correction's "value" is "concern", "goal" or null`;
  switch (kind) {
    case "rating":
      return typeof value === "number" && value >= 0 && value <= 10 ? undefined : `a rating's "value" is a number 0-10`;
    case "option":
      return typeof value === "number" && [0, 1, 2, 3].includes(value) ? undefined : `an option's "value" is 0, 1, 2 or 3`;
    case "name":
      return typeof value === "string" && value.trim() !== "" ? undefined : `a name's "value" is a non-empty string`;
    case "duration":
      return isDuration(value) ? undefined : `a duration's "value" is {"amount": N, "unit": "day|week|month|year"}`;
    case "choice":
      return typeof value === "string" && (options ?? []).includes(value) ? undefined : `a choice's "value" is one of "options"`;
    default:
      return `a ${kind} question's "value" is null`;
  }
}

/** Parses one line; returns the labelled reply or what is wrong with it. */
export function parseReplyLine(line: string): LabelledReply | string {
  const row = parseJsonObject(line);
  if (typeof row === "string") return row;
  if (typeof row.writer !== "string" || row.writer.trim() === "") return `"writer" must be a non-empty string`;
  if (row.lang !== "en" && row.lang !== "zh") return `"lang" must be "en" or "zh"`;
  if (!QUESTION_KINDS.includes(row.kind as QuestionKind)) return `"kind" must be one of ${QUESTION_KINDS.join(", ")}`;
  if (!REPLY_INTENTS.includes(row.intent as ReplyIntent)) return `"intent" must be one of ${REPLY_INTENTS.join(", ")}`;
  if (typeof row.question !== "string") return `"question" must be a string`;
  if (typeof row.reply !== "string" || row.reply.trim() === "") return `"reply" must be a non-empty string`;
  const options = Array.isArray(row.options) && row.options.every((o) => typeof o === "string") ? (row.options as string[]) : undefined;
  if (row.kind === "choice" && !options) return `a choice question needs "options": ["id", …]`;
  const kind = row.kind as QuestionKind;
  const intent = row.intent as ReplyIntent;
  const problem = checkValue(kind, intent, row.value, options);
  if (problem) return problem;
  const topic = TOPICS.includes(row.topic as QuestionTopic) ? (row.topic as QuestionTopic) : undefined;
  return {
    writer: row.writer,
    lang: row.lang,
    kind,
    question: row.question,
    reply: row.reply,
    intent,
    value: (row.value ?? null) as LabelledReply["value"],
    ...(options ? { options } : {}),
    ...(intent === "question" ? { topic: topic ?? "other" } : {}),
    ...(row.script === "traditional" ? { script: "traditional" as const } : {}),
  };
}

/** Parses a JSONL file; throws `<source> line N: …` on the first bad line. */
export function parseReplyCorpus(jsonl: string, source = "corpus"): LabelledReply[] {
  return parseJsonLines(jsonl, source, parseReplyLine);
}
