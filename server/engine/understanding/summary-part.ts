/**
 * Which part of a two-part summary ("…because of <concern>, and you'd like <goal>. Right?") a
 * correction says is wrong. The summary is cut at its goal phrase; each clause of the reply is
 * tied to a part by the words it shares with it or by what it talks about (wanting, hoping → the
 * goal; causes, problems → the concern), and read as affirming or denying it. A part is the one
 * corrected when it is denied or replaced and the other is not, or when the other is confirmed.
 */
import { foldText } from "../text/normalise";
import type { SummaryPart } from "./types";

const GOAL_IN_SUMMARY = /\b(?:you'?d like|you would like|you want|you'?re hoping|you hope|you'?d want|your goal|you wish)\b|希望|想要|想学|想(?=[^，,。]{2,})|目标是/u;
const GOAL_WORDS = /\b(?:want|wanna|like to|hope|hoping|goal|wish|aim|need to|trying to|learn|rather|plan)\b|目标|目標|想|希望|要|打算/u;
const CONCERN_WORDS = /\b(?:because|came|come|reason|problem|issue|about|cause|caused|it'?s (?:my|more|not|actually))\b|原因|因为|因為|问题|問題|来的|來的|其实是|其實是|不是.{1,12}是/u;
const AFFIRM = /\b(?:right|correct|yes|yeah|yep|true|fine|accurate|spot on|bang on|ok|okay)\b|没错|沒錯|是对的|是對的|对的|對的|对|對|差不多|没问题|冇錯|啱/u;
const DENY = /\b(?:not|no|never|wrong|isn'?t|wasn'?t|don'?t|didn'?t|nothing to do)\b|不是|不对|不對|唔係|唔啱|没有|沒有|不|没|沒/u;
const STOP = new Set(["that", "this", "with", "your", "have", "about", "like", "want", "would", "more", "just", "from", "been", "they", "them", "their", "what", "when", "into", "some", "because", "came"]);

/** Characters of the summary's frame and of function words, not of what it says. */
const FRAME_HAN = new Set([..."你我他她它的了是在这這那里裡主要因为為想希望能很一点點来來到对對吗嗎个個些么麼就也都还還吧呢啊和与與得更其实實"]);

function contentKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const word of text.match(/[a-z]{4,}/g) ?? []) if (!STOP.has(word)) keys.add(word.slice(0, 5));
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) if (!FRAME_HAN.has(chars[i] ?? "") && !FRAME_HAN.has(chars[i + 1] ?? "")) keys.add(chars.slice(i, i + 2).join(""));
  }
  return keys;
}

function shared(a: Set<string>, b: Set<string>): number {
  let count = 0;
  for (const key of a) if (b.has(key)) count++;
  return count;
}

const NAMED_PARTS: readonly (readonly [SummaryPart, RegExp])[] = [
  ["concern", /\b(?:first (?:part|bit|one)|the (?:reason|problem|concern|cause)|why i came|what brings me|what brought me|beginning|start)\b|第一|前面|前半|原因|为什么来|為什麼來|困扰|困擾|问题|問題/iu],
  ["goal", /\b(?:second (?:part|bit|one)|last (?:part|bit|one)|the (?:goal|aim|end)|what i (?:want|wanted|would like|hope)|to be different|the change)\b|第二|后面|後面|后半|後半|最后|最後|目标|目標|希望|想要|改变|改變|不同/iu],
];

/** The part a reply names when asked which one was wrong ("the last bit", "原因那部分"), if exactly one. */
export function namedSummaryPart(reply: string): SummaryPart | undefined {
  const text = foldText(reply);
  const named = NAMED_PARTS.filter(([, pattern]) => pattern.test(text)).map(([part]) => part);
  return named.length === 1 ? named[0] : undefined;
}

export function correctedPart(summary: string, reply: string): SummaryPart | undefined {
  const question = foldText(summary);
  const cut = GOAL_IN_SUMMARY.exec(question);
  if (!cut) return undefined;
  const parts: Record<SummaryPart, Set<string>> = { concern: contentKeys(question.slice(0, cut.index)), goal: contentKeys(question.slice(cut.index)) };
  const wrong = { concern: 0, goal: 0 };
  const right = { concern: 0, goal: 0 };
  for (const clause of foldText(reply).split(/[.;!?。；！？,，]|\bbut\b|\bthough\b|但是?|不过|不過|可是/u)) {
    if (!clause.trim()) continue;
    const keys = contentKeys(clause);
    const overlap = { concern: shared(keys, parts.concern), goal: shared(keys, parts.goal) };
    let part: SummaryPart | undefined;
    if (overlap.concern !== overlap.goal) part = overlap.concern > overlap.goal ? "concern" : "goal";
    // Wanting is the goal's ("I'd mostly like to sleep", "主要是想睡个好觉"), whatever else the clause says.
    else if (GOAL_WORDS.test(clause)) part = "goal";
    else if (CONCERN_WORDS.test(clause)) part = "concern";
    if (!part) continue;
    const denied = DENY.test(clause);
    if (denied) wrong[part]++;
    else if (AFFIRM.test(clause) && overlap[part] > 0) right[part]++;
    else if (overlap[part] === 0) wrong[part]++; // a new version of that part, in other words
  }
  const concernWrong = wrong.concern > 0 || right.goal > 0;
  const goalWrong = wrong.goal > 0 || right.concern > 0;
  if (concernWrong && !goalWrong) return "concern";
  if (goalWrong && !concernWrong) return "goal";
  if (concernWrong && goalWrong && right.concern !== right.goal) return right.concern > right.goal ? "goal" : "concern";
  return undefined;
}
