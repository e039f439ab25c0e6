/**
 * What the risk classifier sees of a message: the shared hashed text pieces
 * (../../classifier/features.ts) of the folded text with its Latin word trigrams and skip-bigrams, and
 * - context: the bot's last message and the client's previous one, under their own prefixes; and for
 *   a short reply, the whole reply and its words crossed with each piece of the bot's message, so that "yes" after
 *   "are you thinking of ending your life?" and "tonight" after "when is your exam?" can differ.
 */
import { hashFeature, latinPhrasePieces, textPieces as pieces } from "../../classifier/features";
import { foldText } from "../../text/normalise";

export interface MessageContext {
  /** The bot's last message before this one. */
  bot?: string;
  /** The client's previous message. */
  client?: string;
}

/**
 * What of a short reply gets crossed with the bot's question: the whole reply, and its Latin words.
 * Not its Chinese n-grams: crossing every character n-gram of a short Chinese reply with every
 * n-gram of the question multiplied its features and drowned what the reply itself says, so a
 * crisis told in reply to an ordinary question read as safe.
 */
function replyKeys(folded: string): string[] {
  const keys = new Set<string>([`whole:${folded.replace(/[\s\p{P}]+/gu, " ").trim()}`]);
  for (const piece of pieces(folded, false)) if (piece.startsWith("w:")) keys.add(piece);
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
  for (const piece of latinPhrasePieces(folded)) add(piece);
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
