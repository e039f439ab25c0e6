/**
 * What a question to the bot is about (who reads this, is this a person, what happens to my data,
 * what the question means, anything else): a second small linear classifier over the reply's
 * hashed pieces and cues, trained on the corpus's questions (`npm run replies:train`). The first
 * three topics have answers from the project's settings, so a question must not fall to "other"
 * for being worded in a way no phrase list foresaw.
 */
import { hashFeature, textPieces } from "../classifier/features";
import { probabilities, type LinearModel } from "../classifier/linear";
import { shippedReplyModels } from "./shipped-models";
import { foldText } from "../text/normalise";
import type { Cue } from "./cues";
import type { QuestionTopic } from "./types";

export const QUESTION_TOPICS: readonly QuestionTopic[] = ["who_reads", "real_person", "data", "meaning", "other"];

export function topicFeatures(reply: string, question: string, cues: readonly Cue[]): Uint32Array {
  const indices = new Set<number>([hashFeature("bias")]);
  for (const piece of textPieces(foldText(reply), true)) indices.add(hashFeature(`T${piece}`));
  for (const cue of cues) indices.add(hashFeature(`TC:${cue}`));
  // Words the reply shares with the question ("what counts as on edge?") point to its meaning.
  const asked = new Set(textPieces(foldText(question), false).filter((piece) => piece.startsWith("w:") || piece.startsWith("z:")));
  let shared = 0;
  for (const piece of textPieces(foldText(reply), false)) if (asked.has(piece) && piece.length > 4) shared++;
  indices.add(hashFeature(`TO:${Math.min(shared, 3)}`));
  return Uint32Array.from(indices).sort();
}

export function classifyTopic(model: LinearModel, reply: string, question: string, cues: readonly Cue[]): QuestionTopic {
  const p = probabilities(model, topicFeatures(reply, question, cues));
  return QUESTION_TOPICS[p.indexOf(Math.max(...p))] ?? "other";
}

/** The shipped model, decoded on first use. */
export const topicModel = (): LinearModel => shippedReplyModels().topic;
