/**
 * What the risk classifier sees of a message: hashed sparse features over the folded text.
 *
 * - Latin words: the word, its neighbour pair, and character 3–5-grams of the word with its edges
 *   (fastText-style subwords, so "kms", "k m s", "unaliving" and typos share pieces).
 * - Chinese: character 1–3-grams of each run (no word segmentation needed; pinyin is Latin above).
 * - Other symbols (emoji, "…", "!!!") as themselves.
 * - Context: the bot's last message and the client's previous one, under their own prefixes; and for
 *   a short reply, each reply piece crossed with each piece of the bot's message, so that "yes" after
 *   "are you thinking of ending your life?" and "tonight" after "when is your exam?" can differ.
 */
import { foldText } from "../../text/normalize";

export interface MessageContext {
  /** The bot's last message before this one. */
  bot?: string;
  /** The client's previous message. */
  client?: string;
}

export const FEATURE_BITS = 20;
const FEATURE_MASK = (1 << FEATURE_BITS) - 1;

/** 32-bit FNV-1a over UTF-16 units: stable across runs and platforms, so a trained model stays valid. */
export function hashFeature(feature: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & FEATURE_MASK;
}

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const WORD = /[\p{L}\p{N}']+/gu;
const SYMBOL = /[^\p{L}\p{N}\s',.;:]/gu;

function isCjk(word: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(word);
}

/** The pieces of one text, unprefixed: words, word pairs, subwords, Chinese n-grams, symbols. */
function pieces(folded: string, withSubwords: boolean): string[] {
  const out: string[] = [];
  const latinWords = (folded.replace(CJK_RUN, " ").match(WORD) ?? []).filter((word) => !isCjk(word));
  for (let i = 0; i < latinWords.length; i++) {
    const word = latinWords[i] ?? "";
    out.push(`w:${word}`);
    if (i + 1 < latinWords.length) out.push(`b:${word} ${latinWords[i + 1]}`);
    if (withSubwords) {
      const edged = `<${word}>`;
      for (let n = 3; n <= 5; n++) for (let start = 0; start + n <= edged.length; start++) out.push(`c:${edged.slice(start, start + n)}`);
    }
  }
  for (const run of folded.match(CJK_RUN) ?? []) {
    const chars = Array.from(run);
    for (let n = 1; n <= 3; n++) {
      if (!withSubwords && n === 1) continue;
      for (let start = 0; start + n <= chars.length; start++) out.push(`z:${chars.slice(start, start + n).join("")}`);
    }
    if (chars.length <= 2) out.push(`z:<${run}>`);
  }
  for (const symbol of folded.match(SYMBOL) ?? []) if (!isCjk(symbol)) out.push(`s:${symbol}`);
  return out;
}

/** Word and Chinese-bigram pieces of a short reply, plus the whole reply: what gets crossed with the bot's question. */
function replyKeys(folded: string): string[] {
  const keys = new Set<string>([`whole:${folded.replace(/[\s\p{P}]+/gu, " ").trim()}`]);
  for (const piece of pieces(folded, false)) if (piece.startsWith("w:") || piece.startsWith("z:")) keys.add(piece);
  return [...keys];
}

const SHORT_REPLY = 40;

/** Sorted, de-duplicated feature indices (binary bag) for a message, its context, and what the rules found in it. */
export function messageFeatures(text: string, context?: MessageContext, ruleFindings: readonly string[] = []): Uint32Array {
  const folded = foldText(text);
  const indices = new Set<number>();
  const add = (feature: string): void => {
    indices.add(hashFeature(feature));
  };
  add("bias");
  for (const finding of ruleFindings) add(`R:${finding}`);
  for (const piece of pieces(folded, true)) add(piece);
  const length = folded.length;

  const bot = context?.bot ? foldText(context.bot) : "";
  const previous = context?.client ? foldText(context.client) : "";
  if (bot) {
    const botPieces = pieces(bot, false);
    for (const piece of botPieces) add(`B${piece}`);
    if (length <= SHORT_REPLY) {
      const botKeys = botPieces.filter((piece) => piece.startsWith("w:") || piece.startsWith("z:"));
      for (const key of replyKeys(folded)) for (const botKey of botKeys) add(`X${key}|${botKey}`);
    }
  }
  if (previous) for (const piece of pieces(previous, false)) add(`P${piece}`);
  return Uint32Array.from(indices).sort();
}
