import { describe, expect, it } from "vitest";
import { foldStreamingText } from "../text/normalise";
import { GrowingFold, releasableLength, unsettledTail } from "./guardrail-match";

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces that fold differently together than apart, or not at all. */
const PIECES = [
  "you ", "have", " depression", "Take", " 50", "mg", ".", " ", "  ", "\n", "\t", "a", "e", "\u0301", "\u0308", "=", "\u0338", "ﬁ", "Ａ", "，", "。",
  "\u2019", "\u201c", "\u200b", "\u00a0", "\u3000", "你", "有", "抑郁症", "說", "著", "😊", "𝐀", "\u1100", "\u1161", "\u11a8", "ㄱ", "Å", "Ω", "K",
];

function randomText(next: () => number, pieces: number): string {
  let text = "";
  for (let i = 0; i < pieces; i++) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

describe("GrowingFold", () => {
  it("gives what folding all of the text gives, however the text grows", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const text = randomText(next, 3 + Math.floor(next() * 20));
      const fold = new GrowingFold();
      for (let end = 0; end <= text.length; end += 1 + Math.floor(next() * 4)) {
        const prefix = text.slice(0, end);
        expect(fold.of(prefix), `seed ${seed}: ${JSON.stringify(prefix)}`).toBe(foldStreamingText(prefix));
      }
      // A new sentence: not a continuation of the last one.
      const other = randomText(next, 4);
      expect(fold.of(other)).toBe(foldStreamingText(other));
    }
  }, 30_000);

  it("gives the same releasable length as folding all of the sentence each time", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const text = randomText(next, 3 + Math.floor(next() * 16));
      const fold = new GrowingFold();
      let reach = 0;
      for (let end = 1; end <= text.length; end += 1 + Math.floor(next() * 5)) {
        const sentence = text.slice(0, end);
        const growing = releasableLength(sentence, reach, (t) => fold.of(t));
        expect(growing, `seed ${seed}: ${JSON.stringify(sentence)}`).toEqual(releasableLength(sentence, reach));
        reach = growing.reach;
      }
    }
  }, 30_000);
});

describe("unsettledTail", () => {
  /** Its definition: where the last letter and the marks after it begin (Han excepted), or trailing marks. */
  function byDefinition(text: string): number {
    const tail = /\p{L}\p{M}*$|\p{M}+$/u.exec(text);
    if (!tail || /^\p{Script=Han}/u.test(tail[0])) return text.length;
    return tail.index;
  }

  it("holds back the last letter and its marks, but not Han characters or anything else", () => {
    expect(unsettledTail("Take 50mga")).toBe("Take 50mg".length);
    expect(unsettledTail("cafe\u0301")).toBe(3);
    expect(unsettledTail("ok. ")).toBe(4);
    expect(unsettledTail("谢谢你")).toBe(3);
    expect(unsettledTail("1\u0301")).toBe(1);
    expect(unsettledTail("hi 𝐀")).toBe(3);
  });

  it("agrees with its definition on any text", () => {
    for (let seed = 1; seed <= 500; seed++) {
      const next = random(seed);
      const text = randomText(next, Math.floor(next() * 6));
      expect(unsettledTail(text), JSON.stringify(text)).toBe(byDefinition(text));
    }
  });
});
