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
  /**
   * Writers about other people's danger, also never seen in training or tuning: they measure the
   * reading of someone else's emergency, and are reported on their own for the client's level.
   */
  heldOutSomeoneElse: string[];
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
  const { training, heldOut, heldOutConversations = [], heldOutSomeoneElse = [] } = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  if (!isWriterList(training) || !isWriterList(heldOut) || !isWriterList(heldOutConversations) || !isWriterList(heldOutSomeoneElse)) {
    throw new Error(`${file}: expected {"training": ["writer", …], "heldOut": ["writer", …], "heldOutConversations"?: ["writer", …], "heldOutSomeoneElse"?: ["writer", …]}`);
  }
  const lists = [heldOut, heldOutConversations, heldOutSomeoneElse];
  const held = lists.flat();
  const both = training.filter((writer) => held.includes(writer));
  if (both.length > 0) throw new Error(`${file}: ${both.join(", ")} both in training and held out`);
  const twice = [...new Set(held.filter((writer) => lists.filter((list) => list.includes(writer)).length > 1))];
  if (twice.length > 0) throw new Error(`${file}: ${twice.join(", ")} in more than one held-out list`);
  return { training, heldOut, heldOutConversations, heldOutSomeoneElse };
}

export function splitByWriter<T extends { writer: string }>(
  corpus: readonly T[],
  split: WriterSplit,
): { training: T[]; heldOut: T[]; heldOutConversations: T[]; heldOutSomeoneElse: T[] } {
  const of = (writers: readonly string[]): T[] => {
    const listed = new Set(writers);
    return corpus.filter((line) => listed.has(line.writer));
  };
  return { training: of(split.training), heldOut: of(split.heldOut), heldOutConversations: of(split.heldOutConversations), heldOutSomeoneElse: of(split.heldOutSomeoneElse) };
}
