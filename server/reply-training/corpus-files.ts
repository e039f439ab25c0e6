/**
 * Reads the labelled reply corpus from disk: every `data/replies/raw/*.jsonl` file and the writer
 * split (`data/replies/split.json`).
 */
import { join } from "node:path";
import { parseReplyCorpus, type LabelledReply } from "../engine/understanding/corpus";
import { loadSplit, readJsonlDir, REPO_ROOT, type WriterSplit } from "../training/labelled-files";

export { REPO_ROOT, splitByWriter } from "../training/labelled-files";

export function loadReplyCorpus(): LabelledReply[] {
  return readJsonlDir(join(REPO_ROOT, "data/replies/raw"), parseReplyCorpus);
}

export function loadReplySplit(): WriterSplit {
  return loadSplit(join(REPO_ROOT, "data/replies/split.json"));
}
