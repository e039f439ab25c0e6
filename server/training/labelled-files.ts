/**
 * What every labelled corpus on disk shares: JSON Lines files in one folder, and a writer split
 * (`split.json`) that decides which writers a model may learn from and which are held out to
 * report on. A writer in neither list (a batch still being written) is left out of both, so a
 * half-written set never changes a model or a score.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const REPO_ROOT = new URL("../../", import.meta.url).pathname;

export interface WriterSplit {
  /** Writers a model learns from (and whose out-of-fold predictions tune it). */
  training: string[];
  /** Writers whose lines a model never sees in training, nor in tuning. */
  heldOut: string[];
  /**
   * Writers of whole conversations, also never seen in training or tuning, reported on their own:
   * turn by turn and as a session would meet them (see `evaluateConversations`).
   */
  heldOutConversations: string[];
}

/** Every `*.jsonl` file of a folder, in name order, parsed by `parse` (which names the file in its errors). */
export function readJsonlDir<T>(dir: string, parse: (jsonl: string, source: string) => T[]): T[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".jsonl"))
    .sort()
    .flatMap((name) => parse(readFileSync(join(dir, name), "utf8"), name));
}

const isWriterList = (value: unknown): value is string[] => Array.isArray(value) && value.every((writer) => typeof writer === "string");

export function loadSplit(file: string): WriterSplit {
  const value: unknown = JSON.parse(readFileSync(file, "utf8"));
  const { training, heldOut, heldOutConversations = [] } = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  if (!isWriterList(training) || !isWriterList(heldOut) || !isWriterList(heldOutConversations)) {
    throw new Error(`${file}: expected {"training": ["writer", …], "heldOut": ["writer", …], "heldOutConversations"?: ["writer", …]}`);
  }
  const held = [...heldOut, ...heldOutConversations];
  const both = training.filter((writer) => held.includes(writer));
  if (both.length > 0) throw new Error(`${file}: ${both.join(", ")} both in training and held out`);
  const twice = heldOut.filter((writer) => heldOutConversations.includes(writer));
  if (twice.length > 0) throw new Error(`${file}: ${twice.join(", ")} in both held-out lists`);
  return { training, heldOut, heldOutConversations };
}

export function splitByWriter<T extends { writer: string }>(corpus: readonly T[], split: WriterSplit): { training: T[]; heldOut: T[]; heldOutConversations: T[] } {
  const training = new Set(split.training);
  const held = new Set(split.heldOut);
  const conversations = new Set(split.heldOutConversations);
  return {
    training: corpus.filter((line) => training.has(line.writer)),
    heldOut: corpus.filter((line) => held.has(line.writer)),
    heldOutConversations: corpus.filter((line) => conversations.has(line.writer)),
  };
}
