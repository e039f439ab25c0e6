/**
 * The output guardrail while a reply streams: text is checked sentence by sentence, and of the
 * current unfinished sentence only the part where a rule's match may still lie is held back. Pure.
 */
import { checkOutput, GrowingFold, releasableLength } from "./guardrail-match";
import type { GuardrailViolation } from "./guardrail-rules";

const CLOSERS = `"'”’」』）)]`;
/** A run-on without sentence marks is cut at a clause mark after this many characters. */
const MAX_HELD_CHARS = 300;

/**
 * Where the first complete sentence of `text` ends (exclusive), or -1 when it may still go on.
 * A sentence ends at . ! ? (followed by closing quotes and whitespace), at 。！？ (and closing
 * quotes), or at a line break. With `final`, the end of the text ends the sentence too.
 */
export function sentenceEnd(text: string, final = false): number {
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === "\n") return i + 1;
    const latin = char === "." || char === "!" || char === "?";
    const cjk = char === "。" || char === "！" || char === "？";
    if (!latin && !cjk) continue;
    let j = i + 1;
    while (j < text.length && (".!?。！？…".includes(text.charAt(j)) || CLOSERS.includes(text.charAt(j)))) j++;
    if (j >= text.length) return final ? text.length : -1;
    const next = text.charAt(j);
    if (cjk) return j;
    if (/\s/.test(next)) {
      while (j < text.length && /[ \t]/.test(text.charAt(j))) j++;
      return j;
    }
    i = j - 1;
  }
  if (final) return text.length;
  if (text.length > MAX_HELD_CHARS) {
    const clause = Math.max(...[",", ";", "，", "；", "、"].map((mark) => text.lastIndexOf(mark)));
    if (clause > 0) return clause + 1;
  }
  return -1;
}

/** Splits finished text the way `GuardedText` does while streaming. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let rest = text;
  while (rest) {
    const end = sentenceEnd(rest, true);
    sentences.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  return sentences;
}

export interface GuardStep {
  /** Pieces safe to send now, in order (the model's own deltas, cut where holding starts). */
  emit: string[];
  /** Set when a sentence violated: it and everything after it must not be sent. */
  violation: GuardrailViolation | null;
}

/**
 * Holds back only what a rule may still match in the current unfinished sentence; each sentence
 * is checked whole when it is complete, and the rest of it released as the deltas it arrived in,
 * so clean text streams live and the same model output always gives the same deltas. When a
 * sentence violates, the part of it already sent lies before the violating match.
 */
export class GuardedText {
  /** Deltas (or their ends) not sent yet. */
  private pieces: string[] = [];
  /** The current sentence so far, including any part already sent (exemptions read the context before a match). */
  private sentence = "";
  /** How much of `sentence` was sent. */
  private sent = 0;
  /** Where, in the normalised sentence, a rule's match may begin at the earliest. */
  private reach = 0;
  private stopped = false;
  /** The current sentence's normalised form, extended delta by delta. */
  private readonly growing = new GrowingFold();
  private readonly fold = (text: string) => this.growing.of(text);

  push(delta: string): GuardStep {
    if (this.stopped || !delta) return { emit: [], violation: null };
    this.pieces.push(delta);
    this.sentence += delta;
    return this.release(false);
  }

  /** The stream has ended: the last sentence is complete whatever its punctuation. */
  end(): GuardStep {
    if (this.stopped) return { emit: [], violation: null };
    return this.release(true);
  }

  /** True when part of the current sentence was sent: a replacement then continues mid-sentence. */
  get midSentence(): boolean {
    return this.sent > 0;
  }

  private release(final: boolean): GuardStep {
    const emit: string[] = [];
    for (;;) {
      if (!this.sentence) return { emit, violation: null };
      const end = sentenceEnd(this.sentence, final);
      if (end < 0) {
        // Past MAX_HELD_CHARS without a clause mark, a run-on is simply held to its end (each
        // look would re-read all of it).
        if (this.sentence.length > MAX_HELD_CHARS) return { emit, violation: null };
        const { length, reach } = releasableLength(this.sentence, this.reach, this.fold);
        this.reach = reach;
        if (length > this.sent) {
          emit.push(...this.take(length - this.sent));
          this.sent = length;
        }
        return { emit, violation: null };
      }
      const violation = checkOutput(this.sentence.slice(0, end));
      if (violation) {
        this.stopped = true;
        this.pieces = [];
        return { emit, violation };
      }
      // A long run-on is cut at its last clause mark, which may lie before what was already sent.
      emit.push(...this.take(Math.max(0, end - this.sent)));
      this.sentence = this.sentence.slice(end);
      this.sent = Math.max(0, this.sent - end);
      this.reach = 0;
    }
  }

  /** Removes the next `length` unsent characters, as the pieces they came in. */
  private take(length: number): string[] {
    const out: string[] = [];
    let left = length;
    while (left > 0) {
      const piece = this.pieces.shift();
      if (piece === undefined) break;
      if (piece.length <= left) {
        out.push(piece);
        left -= piece.length;
      } else {
        out.push(piece.slice(0, left));
        this.pieces.unshift(piece.slice(left));
        left = 0;
      }
    }
    return out;
  }
}
