/**
 * Reads the labelled safety corpus from disk: every `data/safety/raw/*.jsonl` file, the rule
 * detector's first fixtures (`tests/fixtures/safety/*.jsonl`), the writer split
 * (`data/safety/split.json`) that decides which writers the model may learn from, and an ordinary
 * session from the reply corpus (its questions and replies).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseAnnotations, parseCorpus, withAnnotations, type CorpusMessage, type SomeoneElseAnnotation } from "../engine/safety/corpus";
import { ORDINARY_REPLY_KIND, type OrdinarySession } from "./train-risk-model";
import { loadReplyCorpus, loadReplySplit } from "../reply-training/corpus-files";
import { loadSplit as loadWriterSplit, readJsonlDir, REPO_ROOT, splitByWriter, type WriterSplit } from "../training/labelled-files";

export { REPO_ROOT, splitByWriter, type WriterSplit } from "../training/labelled-files";

const RAW_DIR = join(REPO_ROOT, "data/safety/raw");
const LEGACY_DIR = join(REPO_ROOT, "tests/fixtures/safety");
const SPLIT_FILE = join(REPO_ROOT, "data/safety/split.json");
const PENDING_DIR = join(REPO_ROOT, "data/safety/pending");
const ANNOTATIONS_DIR = join(REPO_ROOT, "data/safety/annotations");

const readRaw = (): CorpusMessage[] => [...readJsonlDir(LEGACY_DIR, parseCorpus), ...readJsonlDir(RAW_DIR, parseCorpus)];
const readPending = (): CorpusMessage[] => (existsSync(PENDING_DIR) ? readJsonlDir(PENDING_DIR, parseCorpus) : []);

/** Every annotator's labels of whether a line says someone else is in danger (data/safety/annotations/). */
export function loadAnnotations(): SomeoneElseAnnotation[] {
  return existsSync(ANNOTATIONS_DIR) ? readJsonlDir(ANNOTATIONS_DIR, parseAnnotations) : [];
}

/**
 * A second annotator's reading of some annotated lines (data/safety/annotations/agreement/): it
 * measures how far two annotators agree, and is never learnt.
 */
export function loadSecondReading(): SomeoneElseAnnotation[] {
  const dir = join(ANNOTATIONS_DIR, "agreement");
  return existsSync(dir) ? readJsonlDir(dir, parseAnnotations) : [];
}

/** The corpus, each annotated line with its `someoneElse` label. */
export function loadCorpus(): CorpusMessage[] {
  const raw = readRaw();
  return withAnnotations(raw, loadAnnotations(), [...raw, ...readPending()]);
}

/**
 * Lines written after the shipped model and not learnt yet (`data/safety/pending/`): writers it
 * never saw, read by the risk bench; training never reads them.
 */
export function loadPendingCorpus(): CorpusMessage[] {
  const pending = readPending();
  return withAnnotations(pending, loadAnnotations(), [...readRaw(), ...pending]);
}

export function loadSplit(): WriterSplit {
  return loadWriterSplit(SPLIT_FILE);
}

/**
 * An ordinary session, from the reply corpus's training writers (its held-out writers stay unread,
 * as they measure the detector in a session): every distinct question the bot asks, sorted, and
 * every reply to one, as a safety line labelled none after its question.
 */
export function loadOrdinarySession(): OrdinarySession {
  const { training } = splitByWriter(loadReplyCorpus(), loadReplySplit());
  const questions = [...new Set(training.map((reply) => reply.question.trim()))].filter((question) => question.length > 0).sort();
  const replies = training.map(
    (reply): CorpusMessage => ({
      text: reply.reply,
      lang: reply.lang,
      label: "none",
      category: "none",
      kind: ORDINARY_REPLY_KIND,
      writer: reply.writer,
      context: { bot: reply.question },
    }),
  );
  return { questions, replies };
}
