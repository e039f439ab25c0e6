/**
 * What the reply-intent classifier sees: the shared hashed pieces of the folded reply
 * (../classifier/features.ts), the kind of question pending, each reply word crossed with that
 * kind (so "no" can be an answer to "how often?" and a refusal elsewhere), the cues the phrase lists
 * found, whether the kind's value extractor found a value, the reply's length, and the words of the
 * question itself.
 */
import { hashFeature, textPieces } from "../classifier/features";
import { readConfirmation } from "../runtime/confirmation";
import { coerceBoolean } from "../runtime/coerce";
import { foldText } from "../text/normalise";
import type { Cue } from "./cues";
import type { QuestionKind } from "./types";

export interface ReplyEvidence {
  kind: QuestionKind;
  question: string;
  reply: string;
  cues: readonly Cue[];
  /** The kind's extractor found a value in the reply. */
  valueFound: boolean;
}

function lengthBucket(length: number): string {
  if (length <= 4) return "xs";
  if (length <= 12) return "s";
  if (length <= 30) return "m";
  if (length <= 80) return "l";
  return "xl";
}

/** Sorted, de-duplicated feature indices (binary bag). */
export function replyFeatures(evidence: ReplyEvidence): Uint32Array {
  const folded = foldText(evidence.reply);
  const kind = evidence.kind;
  const indices = new Set<number>();
  const add = (feature: string): void => {
    indices.add(hashFeature(feature));
  };
  add("bias");
  add(`k:${kind}`);
  for (const piece of textPieces(folded, true)) {
    add(piece);
    if (!piece.startsWith("c:")) add(`K${kind}|${piece}`);
  }
  for (const cue of evidence.cues) {
    add(`C:${cue}`);
    add(`K${kind}|C:${cue}`);
  }
  const found = evidence.valueFound ? "found" : "none";
  add(`V:${found}`);
  add(`K${kind}|V:${found}`);
  // A value inside a question ("is 10 the good end?") is not an answer.
  add(`K${kind}|V:${found}|A:${/[?？]|吗|嗎|\b(?:what|how|does|is|do)\b/iu.test(folded) ? "q" : "-"}`);
  const bucket = lengthBucket(Array.from(folded).length);
  add(`L:${bucket}`);
  add(`K${kind}|L:${bucket}`);
  if (/[?？]\s*$/u.test(folded)) add(`K${kind}|E:?`);
  // Ends as a question ("…?", "…吗", "…还是最差啊"): a value inside it is asked about, not given.
  const endsAsking = /(?:[?？]|吗|嗎|么|麼|呢|[还還]是\p{Script=Han}{1,4}[啊呀]?|[不没沒]|\bor)\s*[.。!！~～]*\s*$/u.test(folded);
  add(`K${kind}|V:${found}|EA:${endsAsking ? "q" : "-"}`);
  // Opens with a question ("Does zero mean no mood at all…? It's not clear to me."): a value in it is asked about.
  const opensAsking = /^[^.!。！?？]{0,80}[?？]/u.test(folded) && /^\s*(?:is|does|do|did|can|could|will|would|am|are|what|whats|what's|which|how|why|who|if i|wdym)\b|^[^?？。！!]{0,30}(?:吗|嗎|么|啥|咋|什么|哪)/u.test(folded);
  add(`K${kind}|V:${found}|OA:${opensAsking ? "q" : "-"}`);
  if (/[?？]/u.test(folded)) add(`K${kind}|A:?`);
  // How the reply opens and ends ("why…", "can I…", "…吗", "…吧") says much of what it does.
  const words = folded.match(/[\p{Script=Latin}']+|\p{Script=Han}{1,2}/gu) ?? [];
  if (words.length > 0) {
    add(`F:${words[0]}`);
    add(`K${kind}|F:${words[0]}`);
    add(`Z:${words[words.length - 1]}`);
  }
  // Yes/no polarity as the rule readers see it.
  const polarity = coerceBoolean(evidence.reply);
  add(`P:${polarity === undefined ? "none" : polarity ? "yes" : "no"}`);
  add(`K${kind}|P:${polarity === undefined ? "none" : polarity ? "yes" : "no"}`);
  add(`K${kind}|R:${readConfirmation(evidence.reply)}`);
  // Whether the reply talks about what was asked: shared words with the question.
  const questionPieces = new Set(textPieces(foldText(evidence.question), false).filter((piece) => piece.startsWith("w:") || piece.startsWith("z:")));
  let shared = 0;
  for (const piece of textPieces(folded, false)) if ((piece.startsWith("w:") && piece.length > 5) || piece.startsWith("z:")) if (questionPieces.has(piece)) shared++;
  add(`O:${Math.min(shared, 3)}`);
  add(`K${kind}|O:${Math.min(shared, 3)}`);
  for (const piece of questionPieces) add(`Q${piece}`);
  return Uint32Array.from(indices).sort();
}
