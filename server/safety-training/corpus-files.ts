/**
 * Reads the labelled safety corpus from disk: every `data/safety/raw/*.jsonl` file, the rule
 * detector's first fixtures (`tests/fixtures/safety/*.jsonl`), and the writer split
 * (`data/safety/split.json`) that decides which writers the model may learn from.
 */
import { join } from "node:path";
import { parseCorpus, type CorpusMessage } from "../engine/safety/corpus";
import { loadSplit as loadWriterSplit, readJsonlDir, REPO_ROOT, type WriterSplit } from "../training/labelled-files";

export { REPO_ROOT, splitByWriter, type WriterSplit } from "../training/labelled-files";

const RAW_DIR = join(REPO_ROOT, "data/safety/raw");
const LEGACY_DIR = join(REPO_ROOT, "tests/fixtures/safety");
const SPLIT_FILE = join(REPO_ROOT, "data/safety/split.json");

export function loadCorpus(): CorpusMessage[] {
  return [...readJsonlDir(LEGACY_DIR, parseCorpus), ...readJsonlDir(RAW_DIR, parseCorpus)];
}

export function loadSplit(): WriterSplit {
  return loadWriterSplit(SPLIT_FILE);
}
