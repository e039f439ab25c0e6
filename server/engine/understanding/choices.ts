/**
 * Which of a question's listed options a reply picks: an exact or named option, a position ("2",
 * "number 3", "C吧"), a short opening that names one option ("Home. Work I can handle" — what
 * follows is the reason), or the one option whose words, label or numbers the reply shares most
 * with. What a reply settles on after a correction ("no actually", "还是…吧") decides. None guesses.
 */
import { coerceEnum } from "../runtime/coerce";
import { allMatches } from "../text/matches";
import { foldText } from "../text/normalise";
import { optionWords } from "./option-words";
import { ORDINALS } from "./options";
import { CORRECTION_MARK, tokenNumber } from "./values";

type OptionValue = string | number | boolean | null;

/** Where a reply settles on its pick: a correction, "还是X吧", "if I must pick", "硬要选的话", "no, X". */
const SETTLES = new RegExp(
  String.raw`${CORRECTION_MARK.source}|\bso\b|所以|(?:还是|還是)(?=[^，,。.]{0,8}[吧啦])|\bif i (?:must|had to|have to) (?:pick|choose)\b|(?:硬要|真要|非要)[选選]的话|哦不|\bno,|那(?:就|只能|只好|还是|還是)|直接(?=\p{Script=Han})|(?:就|只能|只好)?[选選](?![择擇项項])`,
  "giu",
);

/** What marks the main one among several named: "主要是", "最主要", "mainly", "mostly", "above all". */
const MAIN_MARK = /(?:最?主要|首先)(?:还是|還是|是|的是)?|\b(?:mainly|mostly|above all|most of all|first and foremost)\b|\bmore(?=\s*(?:[.,;!?]|$))/gu;

/** A comparison that ranks what comes before it first: "more than", "worse than", "大过", "比" (not 比较). */
const COMPARED = /\s(?:more|worse|bigger|harder|heavier) than\b|大过|大過|多过|多過|大于|大於|多于|多於|比(?![较較起如方])/u;

/** Where a sentence ends (or turns at "but"), and where a clause ends. */
const SENTENCE_END = /[.;!?。；！？…]|\bbut\b/gu;
const CLAUSE_END = /[.;!?。；！？…,，]/gu;

/** The labels a question gives its options, in order ("…: 睡眠、压力还是人际关系？"), when they line up with the ids. */
function labelsFromQuestion(question: string, count: number): string[] | undefined {
  // The list is in the question's last sentence, after a colon when there is one ("想先从哪一块开始？情绪低落、焦虑，或是睡眠？").
  const tail = (question.split(/[:：]/u).pop() ?? question).replace(/[?？。.!！]+\s*$/u, "").replace(/^.*[?？。!！]\s*/u, "");
  const parts = tail
    .split(/\s*(?:,|，|、|\/|;|；|\bor\b|还是|或者|或是|定系|抑或|或)\s*/iu)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length !== count) return undefined;
  // An English first label carries the question's opening ("Shall we start with a breathing exercise"): keep only as many
  // words as the longest other label has. (Chinese labels keep theirs: their common characters count for nothing.)
  const first = parts[0] ?? "";
  const longest = Math.max(...parts.slice(1).map((part) => part.split(/\s+/).length));
  if (!/\p{Script=Han}/u.test(first) && first.split(/\s+/).length > longest) parts[0] = first.split(/\s+/).slice(-longest).join(" ");
  return parts;
}

/** Characters too common to tell two options apart. */
const COMMON_HAN = new Set([..."的一是了我你他她它们們还還吧都想聊个個点點些这這那就也很太不没沒有在和与與或者还是還是要会會能可以啊呢嘛啦吗嗎事情方面比较較最更分钟鐘嘅系係啲咗喺嗰佢咁乜冇唔"]);

/** English words too common to tell two options apart ("after" is not "afternoon", "every" is in "every day" and "every week"). */
const COMMON_STEMS = new Set(
  "the and for with some start shall would could shoul after befor every other there their which what that this thing somet anyth nothi maybe reall think like mainl mostl prefe feel kind sort"
    .split(" "),
);

const NUMBER_WORDS = /\d+|[一二两三四五六七八九十]+|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|sixty)\b/giu;

/** The numbers a text names ("十分钟", "20 min", "five") as a set. */
function numbersIn(text: string): Set<number> {
  const found = new Set<number>();
  for (const match of allMatches(text, NUMBER_WORDS)) {
    const value = tokenNumber(match[0].toLowerCase());
    if (value !== undefined) found.add(value);
  }
  return found;
}

/** How much a reply shares with an option's label: word stems and numbers for Latin text, uncommon characters for Chinese. */
function overlap(reply: string, label: string): number {
  let score = 0;
  const stems = (text: string) => (text.match(/[a-z]{3,}/g) ?? []).map((word) => word.slice(0, Math.min(word.length, 5))).filter((stem) => !COMMON_STEMS.has(stem));
  const replyStems = new Set(stems(reply));
  for (const stem of stems(label.replace(/_/g, " "))) if (replyStems.has(stem)) score += 2;
  const replyHan = new Set(Array.from(reply.match(/\p{Script=Han}/gu) ?? []));
  for (const ch of new Set(Array.from(label.match(/\p{Script=Han}/gu) ?? []))) if (!COMMON_HAN.has(ch) && replyHan.has(ch)) score += 1;
  // "想事情": a label named whole counts even when its characters are all common ones.
  if (score === 0 && /^\p{Script=Han}{2,}$/u.test(label) && reply.includes(label)) score += 1;
  // "十分钟就够了" for "10分钟", "20 minutes" for "standard (20 min)": the same number names the option.
  const replyNumbers = numbersIn(reply);
  for (const value of numbersIn(label)) if (replyNumbers.has(value)) score += 2;
  return score;
}

/** Whether a reply uses a topic's words: Latin words by stem, Chinese words whole ("老公", not the 老 of "老板"). */
function topicOverlap(reply: string, words: string): number {
  const han = (words.match(/\p{Script=Han}+/gu) ?? []).filter((word) => reply.includes(word)).length;
  return han + overlap(reply, words.replace(/\p{Script=Han}+/gu, " ")) / 2;
}

/** Per option, how strongly the text names it: its own id or label words count for more than its topic's words. */
function optionScores(text: string, options: readonly OptionValue[], labels: readonly string[] | undefined): number[] {
  const hanWords = options.map((option) => foldText(optionWords(String(option))).match(/\p{Script=Han}+/gu) ?? []);
  return options.map((option, index) => {
    const label = labels ? (labels[index] ?? "") : "";
    // "我男朋友" for "伴侣、朋友": a longer word of another option that holds this option's label ("男朋友") is that option's.
    let own = text;
    if (/^\p{Script=Han}+$/u.test(label)) {
      for (const [other, words] of hanWords.entries()) {
        if (other !== index) for (const word of words) if (word.length > label.length && word.includes(label)) own = own.split(word).join(" ");
      }
    }
    const byName = Math.max(overlap(own, String(option).toLowerCase()), label ? overlap(own, label) : 0);
    if (byName > 0) return byName + 1;
    // A topic's words: one is evidence; more of them a little more ("rent… the landlord" is housing more than money).
    const topic = topicOverlap(own, foldText(optionWords(String(option))));
    return topic > 0 ? 1 + Math.min(topic - 1, 4) / 10 : 0;
  });
}

/** The one option scored highest, or undefined on none or a tie. */
function best(options: readonly OptionValue[], scores: readonly number[]): OptionValue | undefined {
  const top = Math.max(...scores);
  if (top <= 0 || scores.filter((score) => score === top).length > 1) return undefined;
  return options[scores.indexOf(top)];
}

/** A clause turns an option down ("not the work one", "写东西我没空", "不要技巧"). */
const DECLINES = /\b(?:not|no|don'?t|never|none|hate)\b|n't|不|没|沒|冇|唔|别|別|算了|懒|懶|怕|腻|膩/iu;

/** A clause ending in a question mark ("早上？我起得来吗？晚上吧"): an option asked about, not picked. */
const ASKED_CLAUSE = /(?:^|[.,，。;；!！?？…~～:：])\s*([^.,，。;；!！?？…~～:：]+?)\s*[?？]/gu;

/** Clauses asked, not answered: ending in a question mark, or a Chinese rhetorical question ("测个啥"). */
function askedClauses(text: string): Set<string> {
  const asked = new Set(allMatches(text, ASKED_CLAUSE).map((m) => m[1]?.trim() ?? ""));
  for (const clause of clauses(text)) if (/[啥]|什么|什麼|哪有|哪里|哪裡|吗$|嗎$/u.test(clause)) asked.add(clause);
  return asked;
}

/** Clauses: split at punctuation, and at spaces beside Chinese (voice-to-text separates clauses with them). */
function clauses(text: string): string[] {
  return text
    .split(/[.,，。;；!！?？…~～:：()（）—–]+|(?<=\p{Script=Han})\s+|\s+(?=\p{Script=Han})/u)
    .map((clause) => clause.trim())
    .filter(Boolean);
}

const isShort = (clause: string): boolean =>
  (clause.match(/[\p{Script=Latin}']+/gu)?.length ?? 0) <= 4 && (clause.match(/\p{Script=Han}/gu)?.length ?? 0) <= 8;

/**
 * A short opening that names exactly one option is the pick ("Energy. I've got the time…",
 * "感情啦 工作我還撐得住"); clauses that turn an option down are passed over; an opening naming two
 * options alike, or a long one, leaves the choice to the whole reply.
 */
function openingChoice(text: string, options: readonly OptionValue[], labels: readonly string[] | undefined): OptionValue | undefined {
  const asked = askedClauses(text);
  // "between family and health... health": a short opening torn between options, narrowed to one of them after.
  let torn: OptionValue[] | undefined;
  for (const clause of clauses(text)) {
    const scores = optionScores(clause, options, labels);
    const named = scores.filter((score) => score > 0).length;
    if (named === 0) continue;
    if (DECLINES.test(clause) || asked.has(clause)) continue;
    const pick = isShort(clause) ? best(options, scores) : undefined;
    if (torn) return pick !== undefined && torn.includes(pick) ? pick : undefined;
    if (pick !== undefined || !isShort(clause)) return pick;
    const top = Math.max(...scores);
    torn = options.filter((_, index) => scores[index] === top);
  }
  return undefined;
}

/**
 * One of the listed options: an exact or named option, a position ("2"), or the one option whose
 * words (or whose label in the question, "…：睡眠、压力还是人际关系？") the reply shares most with.
 */
export function extractChoice(reply: string, options: readonly OptionValue[], question = ""): OptionValue | undefined {
  // "work i think. no actually family", "注意力……不对，还是睡眠吧": what the reply settles on decides.
  const folded = foldText(reply);
  // "压力吧…其实睡眠也有点，但主要还是工作上的压力", "mainly the money", "Mood mainly.": what is marked as the main one decides,
  // named after the mark, or just before it when the mark ends a clause ("stress, mostly.").
  const main = allMatches(folded, MAIN_MARK);
  const lastMain = main[main.length - 1];
  if (lastMain) {
    const rest = folded.slice(lastMain.index + lastMain[0].length);
    const sentenceStart = Math.max(0, ...allMatches(folded.slice(0, lastMain.index), SENTENCE_END).map((m) => m.index + m[0].length));
    const before = folded.slice(sentenceStart, lastMain.index);
    // Before the mark, only the option's own words ("Low mood mostly"), not a clause about it ("Home is fine, mostly").
    const namedBefore = (before.match(/[\p{Script=Latin}']+/gu)?.length ?? 0) <= 2;
    const marked = /^\s*(?:[.,;!?]|$)/u.test(rest) ? (namedBefore ? choiceIn(before, options, question) : undefined) : choiceIn(rest, options, question);
    if (marked !== undefined) return marked;
  }
  // "stress more than sleep", "压力大过睡眠", "压力比睡眠严重": the one compared as greater, named just before the comparison.
  // "more anxious than angry": the one between "more" and "than".
  const moreThan = /\bmore ((?:[\p{L}']+\s+){0,2}?[\p{L}']+) than\b/u.exec(folded);
  const inBetween = moreThan ? choiceIn(moreThan[1] ?? "", options, question) : undefined;
  if (inBetween !== undefined) return inBetween;
  const compared = COMPARED.exec(folded);
  if (compared) {
    const sentenceStart = Math.max(0, ...allMatches(folded.slice(0, compared.index), CLAUSE_END).map((m) => m.index + 1));
    const greater = choiceIn(folded.slice(sentenceStart, compared.index), options, question);
    if (greater !== undefined) return greater;
  }
  const settles = allMatches(folded, SETTLES);
  const last = settles[settles.length - 1];
  if (last) {
    const after = choiceIn(folded.slice(last.index + last[0].length), options, question);
    if (after !== undefined) return after;
  }
  return choiceIn(reply, options, question);
}

function choiceIn(reply: string, options: readonly OptionValue[], question: string): OptionValue | undefined {
  const text = foldText(reply);
  const labels = labelsFromQuestion(foldText(question), options.length);
  const opening = openingChoice(text, options, labels);
  if (opening !== undefined) return opening;
  const direct = coerceEnum(reply, options);
  if (direct !== undefined) return options.find((option) => option === direct);
  // "the second one", "第二个", "the last one", "number 3": by position, as options are listed.
  const position = ORDINALS.find(([pattern]) => pattern.test(text))?.[1];
  if (position !== undefined && options.length > 1) {
    const last = /\blast\b|最后|最後/u.test(text);
    return options[last ? options.length - 1 : position];
  }
  const numbered = /\b(?:number|option|#)\s*(\d)\b/iu.exec(text)?.[1];
  if (numbered && Number(numbered) >= 1 && Number(numbered) <= options.length) return options[Number(numbered) - 1];
  // "B", "C吧", "A 好了", "the middle one", "中间那个": by letter, when the question lists letters, or the middle of three.
  const letter = /^\s*(?:option\s+)?([a-d])\s*(?:$|[.)。，,!！…]|\p{Script=Han}|please\b|pls\b)/iu.exec(text)?.[1];
  if (letter && /\b[a-d]\s*[.)：:]?\s*\S/iu.test(question)) return options["abcd".indexOf(letter.toLowerCase())];
  if (options.length === 3 && /\bthe middle\b|中[间間](?:那|的|嗰)/u.test(text)) return options[1];
  // "Let's have a wee chat, I'm not one for breathing exercises": options named only to be turned down are passed over.
  const asked = askedClauses(text);
  const kept = clauses(text).filter((clause) => !DECLINES.test(clause) && !asked.has(clause));
  const declinedAside = kept.length > 0 && kept.length < clauses(text).length ? best(options, optionScores(kept.join(" , "), options, labels)) : undefined;
  return declinedAside ?? best(options, optionScores(text, options, labels));
}
