/**
 * Reads the labelled safety corpus from disk: every `data/safety/raw/*.jsonl` file, the rule
 * detector's first fixtures (`tests/fixtures/safety/*.jsonl`), and the writer split
 * (`data/safety/split.json`) that decides which writers the model may learn from.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCorpus, type CorpusMessage } from "../engine/safety/corpus";

export const REPO_ROOT = new URL("../../", import.meta.url).pathname;
const RAW_DIR = join(REPO_ROOT, "data/safety/raw");
const LEGACY_DIR = join(REPO_ROOT, "tests/fixtures/safety");
const SPLIT_FILE = join(REPO_ROOT, "data/safety/split.json");

export interface WriterSplit {
  /** Writers the model learns from (and whose out-of-fold predictions choose its thresholds). */
  training: string[];
  /** Writers whose lines the model never sees in training, nor in choosing its thresholds. */
  heldOut: string[];
}

function readJsonlDir(dir: string): CorpusMessage[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".jsonl"))
    .sort()
    .flatMap((name) => parseCorpus(readFileSync(join(dir, name), "utf8"), name));
}

export function loadCorpus(): CorpusMessage[] {
  return [...readJsonlDir(LEGACY_DIR), ...readJsonlDir(RAW_DIR)];
}

const isWriterList = (value: unknown): value is string[] => Array.isArray(value) && value.every((writer) => typeof writer === "string");

export function loadSplit(): WriterSplit {
  const value: unknown = JSON.parse(readFileSync(SPLIT_FILE, "utf8"));
  const { training, heldOut } = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  if (!isWriterList(training) || !isWriterList(heldOut)) throw new Error(`${SPLIT_FILE}: expected {"training": ["writer", …], "heldOut": ["writer", …]}`);
  const both = training.filter((writer) => heldOut.includes(writer));
  if (both.length > 0) throw new Error(`${SPLIT_FILE}: ${both.join(", ")} both in training and held out`);
  return { training, heldOut };
}

/**
 * The corpus by role. A writer in neither list (a batch still being written) is left out of both,
 * so a half-written set never changes the model or the scores.
 */
export function splitByWriter(corpus: readonly CorpusMessage[], split: WriterSplit): { training: CorpusMessage[]; heldOut: CorpusMessage[] } {
  const training = new Set(split.training);
  const held = new Set(split.heldOut);
  return { training: corpus.filter((message) => training.has(message.writer)), heldOut: corpus.filter((message) => held.has(message.writer)) };
}
