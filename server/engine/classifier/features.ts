/**
 * Hashed text features shared by the linear classifiers: what a text is made of, as pieces
 * (words, word pairs, fastText-style subwords, Chinese character n-grams, symbols), each hashed
 * into a fixed space so a trained model needs no vocabulary. Expects folded text (foldText).
 *
 * - Latin words: the word, its neighbour pair, and character 3–5-grams of the word with its edges
 *   (so "kms", "k m s", "unaliving" and typos share pieces).
 * - Chinese: character 1–3-grams of each run (no word segmentation needed; pinyin is Latin above).
 * - Other symbols (emoji, "…", "!!!") as themselves.
 */
/**
 * 2^22 hashed features. At 2^20 the risk model's 750,000 features filled about seven in ten slots,
 * so unrelated pieces shared weights; on a dev split of the training writers (twelve safety and
 * four reply writers held out) 2^22 caught 2–3 points more crises at the same false alarms in both
 * languages (Chinese crises after an unseen ordinary question 81 → 85 % at 8 %). The model files
 * store features as gaps, so the larger space costs no size.
 */
export const FEATURE_BITS = 22;
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

/** The words of a text outside its Chinese runs (Latin, pinyin, digits). */
function latinWords(folded: string): string[] {
  return (folded.replace(CJK_RUN, " ").match(WORD) ?? []).filter((word) => !isCjk(word));
}

/**
 * Latin word trigrams and skip-bigrams (a word and the one after next): phrases whose middle word
 * varies ("want to die", "want to disappear"; "end it all", "end my life") share a piece. They
 * helped English out of fold (recall at 8 % false alarms about 82 → 87 % on a dev split of the
 * training writers) and did nothing for Chinese, whose character n-grams already span them.
 */
export function latinPhrasePieces(folded: string): string[] {
  const out: string[] = [];
  const words = latinWords(folded);
  for (let i = 0; i + 2 < words.length; i++) {
    out.push(`t:${words[i]} ${words[i + 1]} ${words[i + 2]}`);
    out.push(`k:${words[i]} _ ${words[i + 2]}`);
  }
  return out;
}

/** The pieces of one text, unprefixed: words, word pairs, subwords, Chinese n-grams, symbols. */
export function textPieces(folded: string, withSubwords: boolean): string[] {
  const out: string[] = [];
  const words = latinWords(folded);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    out.push(`w:${word}`);
    if (i + 1 < words.length) out.push(`b:${word} ${words[i + 1]}`);
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

