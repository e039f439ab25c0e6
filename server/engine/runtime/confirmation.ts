/**
 * How a reply answers a yes/no question where a vague answer must not count: "are you safe right
 * now?", "will you reach out if things change?". English and Chinese. A clear, specific yes
 * ("yes", "I'm safe", "I will", "是的", "我会的") is `yes`; a bare "ok"/"sure"/"好的" is `agree`;
 * a bare "I'm fine"/"我没事"/"还好" is `fine`; neither of those confirms anything.
 */
import { allMatches } from "../text/matches";

export type Confirmation = "yes" | "no" | "agree" | "fine" | "unclear";

type Reading = "yes" | "no" | "agree" | "fine" | "unsure";

const PHRASES: readonly (readonly [string, Reading])[] = [
  // Unsure anywhere means unclear.
  ["not sure", "unsure"], ["don't know", "unsure"], ["do not know", "unsure"], ["dunno", "unsure"], ["no idea", "unsure"],
  ["maybe", "unsure"], ["perhaps", "unsure"], ["i guess", "unsure"], ["not certain", "unsure"], ["i think so", "unsure"],
  ["不知道", "unsure"], ["不确定", "unsure"], ["说不好", "unsure"], ["说不准", "unsure"], ["也许", "unsure"], ["可能", "unsure"],
  ["或许", "unsure"], ["不清楚", "unsure"], ["大概", "unsure"], ["有点", "unsure"], ["有些", "unsure"],
  // A clear yes, or a commitment that is one.
  ["yes", "yes"], ["yeah", "yes"], ["yep", "yes"], ["yup", "yes"], ["i'm safe", "yes"], ["i am safe", "yes"], ["safe", "yes"],
  ["i will", "yes"], ["i'll", "yes"], ["i promise", "yes"], ["promise", "yes"],
  ["definitely", "yes"], ["absolutely", "yes"], ["of course", "yes"], ["certainly", "yes"],
  ["i won't do anything", "yes"], ["i won't hurt myself", "yes"], ["i'm not going to do anything", "yes"], ["not going to do anything", "yes"],
  ["是", "yes"], ["是的", "yes"], ["对", "yes"], ["对的", "yes"], ["安全", "yes"], ["会", "yes"], ["会的", "yes"], ["我会", "yes"],
  ["一定", "yes"], ["保证", "yes"], ["答应", "yes"], ["当然", "yes"], ["愿意", "yes"], ["肯定", "yes"], ["有", "yes"], ["有过", "yes"], ["想过", "yes"],
  ["不会做傻事", "yes"], ["不会伤害自己", "yes"], ["不会做什么", "yes"],
  // A no.
  ["no", "no"], ["nope", "no"], ["nah", "no"], ["not", "no"], ["never", "no"], ["i'm not", "no"], ["i am not", "no"],
  ["not safe", "no"], ["unsafe", "no"], ["not really", "no"], ["not okay", "no"], ["not ok", "no"], ["not fine", "no"],
  ["don't", "no"], ["do not", "no"], ["i don't", "no"], ["can't", "no"], ["cannot", "no"], ["won't", "no"], ["wouldn't", "no"],
  ["i have not", "no"], ["i haven't", "no"], ["i have no", "no"],
  ["不", "no"], ["没", "no"], ["没有", "no"], ["不是", "no"], ["不安全", "no"], ["不太安全", "no"], ["不会", "no"], ["不行", "no"],
  ["不好", "no"], ["不太好", "no"], ["不能", "no"], ["别", "no"], ["没想过", "no"], ["不愿意", "no"],
  // Bare agreement: not a confirmation.
  ["ok", "agree"], ["okay", "agree"], ["k", "agree"], ["kk", "agree"], ["alright", "agree"], ["all right", "agree"], ["sure", "agree"],
  ["sounds good", "agree"], ["好", "agree"], ["好的", "agree"], ["好吧", "agree"], ["行", "agree"], ["可以", "agree"], ["嗯", "agree"],
  ["嗯嗯", "agree"], ["知道了", "agree"], ["明白", "agree"],
  // A bare "I'm fine": not a confirmation either.
  ["fine", "fine"], ["i'm fine", "fine"], ["i am fine", "fine"], ["im fine", "fine"], ["i'm ok", "fine"], ["i'm okay", "fine"],
  ["im ok", "fine"], ["i am ok", "fine"], ["i am okay", "fine"], ["i'm good", "fine"], ["i'm alright", "fine"], ["i'm all right", "fine"],
  ["all good", "fine"], ["good", "fine"], ["i'm fine now", "fine"],
  ["没事", "fine"], ["我没事", "fine"], ["没事了", "fine"], ["没关系", "fine"], ["还好", "fine"], ["挺好", "fine"], ["很好", "fine"],
  ["我很好", "fine"], ["还行", "fine"], ["好多了", "fine"],
];

const isCjk = (phrase: string) => /\p{Script=Han}/u.test(phrase);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alternation = (phrases: readonly string[]) =>
  [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => (isCjk(phrase) ? escape(phrase) : `(?<![\\p{L}'])${escape(phrase)}(?![\\p{L}'])`))
    .join("|");
/** Unsure phrases are looked for on their own: "I don't know" holds "I don't". */
const UNSURE = new RegExp(alternation(PHRASES.filter(([, r]) => r === "unsure").map(([p]) => p)), "iu");
const PATTERN = new RegExp(alternation(PHRASES.filter(([, r]) => r !== "unsure").map(([p]) => p)), "giu");
const READING = new Map(PHRASES.map(([phrase, reading]) => [phrase, reading]));

/**
 * Any unsure phrase makes the reply unclear; otherwise leftmost-longest phrases are read and the
 * first yes or no decides; a reply with only "fine" or only agreement is `fine` or `agree`.
 */
export function readConfirmation(text: string): Confirmation {
  const reply = text.replace(/’/g, "'");
  if (UNSURE.test(reply)) return "unclear";
  const readings: Reading[] = [];
  for (const match of allMatches(reply, PATTERN)) {
    const reading = READING.get(match[0].toLowerCase());
    if (reading) readings.push(reading);
  }
  const decided = readings.find((r) => r === "yes" || r === "no");
  if (decided === "yes" || decided === "no") return decided;
  if (readings.includes("fine")) return "fine";
  if (readings.includes("agree")) return "agree";
  return "unclear";
}

/** A yes/no value only for a clear answer: true for `yes`, false for `no`, undefined otherwise. */
export function explicitBoolean(text: string): boolean | undefined {
  const reading = readConfirmation(text);
  return reading === "yes" ? true : reading === "no" ? false : undefined;
}
