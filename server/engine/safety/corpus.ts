/**
 * The labelled safety corpus (data/safety/): one JSON object per line,
 * `{text, lang, label, category, kind, writer, context?, script?}`. The first fixtures of the rule
 * detector (`{text, lang, expected_level, category, note}`) read as writer `w00-rule-authors`.
 * Pure: the caller reads the files.
 */
import { parseJsonLines, parseJsonObject } from "../text/jsonl";
import type { MessageContext } from "./classifier/features";
import { RISK_CATEGORIES, RISK_LEVELS, type RiskCategory, type RiskLanguage, type RiskLevel } from "./risk-types";

export interface CorpusMessage {
  text: string;
  lang: RiskLanguage;
  label: RiskLevel;
  category: RiskCategory;
  /** What the line exercises: direct, oblique, preparation, idiom, negated, … (see the datasheet). */
  kind: string;
  /** Who wrote it: every writer had their own brief and persona and saw neither the rules nor the other writers. */
  writer: string;
  context?: MessageContext;
  script?: "traditional";
  /** Whether the line says another person is in danger, and how soon (annotated apart: see `SomeoneElseAnnotation`). */
  someoneElse?: SomeoneElse;
}

/**
 * Another person's danger, as an annotator read the line (data/safety/briefs/someone-else-annotation.md):
 * `urgent` now or within hours, `concern` at risk but not now, `none` no current risk to anyone else.
 */
export const SOMEONE_ELSE_LABELS = ["urgent", "concern", "none"] as const;
export type SomeoneElse = (typeof SOMEONE_ELSE_LABELS)[number];

/** One annotated line of data/safety/annotations/: the line (writer, text, context) and its label. */
export interface SomeoneElseAnnotation {
  writer: string;
  text: string;
  context?: MessageContext;
  someoneElse: SomeoneElse;
  /** Who annotated it (annotators saw the brief and the lines, nothing else). */
  annotator: string;
}

const LEGACY_WRITER = "w00-rule-authors";

const isLevel = (value: unknown): value is RiskLevel => typeof value === "string" && (RISK_LEVELS as readonly string[]).includes(value);
const isCategory = (value: unknown): value is RiskCategory => typeof value === "string" && (RISK_CATEGORIES as readonly string[]).includes(value);
const optionalString = (value: unknown): value is string | undefined => value === undefined || typeof value === "string";

function parseContext(value: unknown): MessageContext | undefined | string {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object") return `"context" must be an object {"bot", "client"}`;
  const { bot, client } = value as Record<string, unknown>;
  if (!optionalString(bot) || !optionalString(client)) return `"context.bot" and "context.client" must be strings`;
  return { ...(bot ? { bot } : {}), ...(client ? { client } : {}) };
}

/** Parses one line; returns the message or what is wrong with it. */
export function parseCorpusLine(line: string): CorpusMessage | string {
  const row = parseJsonObject(line);
  if (typeof row === "string") return row;
  const label = row.label ?? row.expected_level;
  if (typeof row.text !== "string" || row.text.trim() === "") return `"text" must be a non-empty string`;
  if (row.lang !== "en" && row.lang !== "zh") return `"lang" must be "en" or "zh"`;
  if (!isLevel(label)) return `"label" must be one of ${RISK_LEVELS.join(", ")}`;
  const category = row.category ?? (label === "none" ? "none" : undefined);
  if (!isCategory(category)) return `"category" must be one of ${RISK_CATEGORIES.join(", ")}`;
  const legacy = row.label === undefined;
  const kind = legacy ? "legacy" : row.kind;
  const writer = legacy ? LEGACY_WRITER : row.writer;
  if (typeof kind !== "string" || kind.trim() === "") return `"kind" must be a non-empty string`;
  if (typeof writer !== "string" || writer.trim() === "") return `"writer" must be a non-empty string`;
  const context = parseContext(row.context);
  if (typeof context === "string") return context;
  return {
    text: row.text,
    lang: row.lang,
    label,
    category,
    kind,
    writer,
    ...(context ? { context } : {}),
    ...(row.script === "traditional" ? { script: "traditional" as const } : {}),
  };
}

/** Parses a JSONL file; throws `<source> line N: …` on the first bad line. */
export function parseCorpus(jsonl: string, source = "corpus"): CorpusMessage[] {
  return parseJsonLines(jsonl, source, parseCorpusLine);
}

const isSomeoneElse = (value: unknown): value is SomeoneElse => typeof value === "string" && (SOMEONE_ELSE_LABELS as readonly string[]).includes(value);

/** Parses one annotation line; returns it or what is wrong with it. */
export function parseAnnotationLine(line: string): SomeoneElseAnnotation | string {
  const row = parseJsonObject(line);
  if (typeof row === "string") return row;
  if (typeof row.writer !== "string" || row.writer.trim() === "") return `"writer" must be a non-empty string`;
  if (typeof row.text !== "string" || row.text.trim() === "") return `"text" must be a non-empty string`;
  if (!isSomeoneElse(row.someoneElse)) return `"someoneElse" must be one of ${SOMEONE_ELSE_LABELS.join(", ")}`;
  if (typeof row.annotator !== "string" || row.annotator.trim() === "") return `"annotator" must be a non-empty string`;
  const context = parseContext(row.context);
  if (typeof context === "string") return context;
  return { writer: row.writer, text: row.text, ...(context ? { context } : {}), someoneElse: row.someoneElse, annotator: row.annotator };
}

export function parseAnnotations(jsonl: string, source = "annotations"): SomeoneElseAnnotation[] {
  return parseJsonLines(jsonl, source, parseAnnotationLine);
}

/** A line's identity across files: its writer, text and context. */
export const lineKey = (line: { writer: string; text: string; context?: MessageContext }): string =>
  JSON.stringify([line.writer, line.text, line.context?.bot ?? null, line.context?.client ?? null]);

/**
 * The corpus with each annotated line's `someoneElse`. An annotation whose line is not in the
 * corpus is an error (a line was edited or removed after it was annotated).
 */
export function withAnnotations(corpus: readonly CorpusMessage[], annotations: readonly SomeoneElseAnnotation[], known: readonly CorpusMessage[] = corpus): CorpusMessage[] {
  const labels = new Map(annotations.map((annotation) => [lineKey(annotation), annotation.someoneElse]));
  const present = new Set(known.map(lineKey));
  const orphan = annotations.find((annotation) => !present.has(lineKey(annotation)));
  if (orphan) throw new Error(`an annotation of ${orphan.writer} names a line that is not in the corpus: ${JSON.stringify(orphan.text.slice(0, 60))}`);
  return corpus.map((message) => {
    const someoneElse = labels.get(lineKey(message));
    return someoneElse ? { ...message, someoneElse } : message;
  });
}
