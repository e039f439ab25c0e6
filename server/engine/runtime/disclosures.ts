/**
 * What a client in crisis has already said about a plan, the means and the timing, found as
 * evidence spans in their own words (English and Chinese), so the safety protocol can record it
 * and not ask again. Exact and small on purpose: these find words, they do not judge risk (the
 * risk detector does that), and they only run on messages the safety layer is already acting on.
 */
import { allMatches } from "../text/matches";

export type DisclosureKind = "plan" | "means" | "timing";
/** What the means are. `pesticide` covers pesticides and other poisons. */
export type MeansKind = "pills" | "rope" | "height" | "knife" | "charcoal" | "pesticide" | "gun";
/** When, as said: today or tonight, within the next days, or a later date ("等清明以后"). */
export type TimingWhen = "today" | "days" | "later";

export interface Disclosure {
  kind: DisclosureKind;
  /** The client's words. Offsets are UTF-16 code units into the message; `end` is exclusive. */
  text: string;
  start: number;
  end: number;
  /** Said as a no: "I don't have any pills", "没有计划", "not tonight". */
  negated: boolean;
  means?: MeansKind;
  when?: TimingWhen;
}

interface Rule {
  kind: DisclosureKind;
  means?: MeansKind;
  when?: TimingWhen;
  pattern: RegExp;
}

const en = (source: string) => new RegExp(`(?<![\\p{L}'’])(?:${source})(?![\\p{L}'’])`, "giu");
const zh = (source: string) => new RegExp(source, "gu");

const APOSTROPHE = "['’]";
const SLEEPERS = "everyone|everybody|they|my (?:family|parents|mum|mom|dad|wife|husband|partner|kids|roommates?|flatmates?)";

/** In order: when two rules match the same words, the earlier one names them. */
const RULES: readonly Rule[] = [
  // A plan: the client has decided or worked out how.
  {
    kind: "plan",
    pattern: en(
      [
        "(?:decided|worked out|figured out|planned|chosen|picked) how",
        `know (?:exactly )?how (?:I${APOSTROPHE}d|I would|I${APOSTROPHE}ll|I will|I${APOSTROPHE}m going to|to) (?:do it|end it)`,
        "(?:have|got|made|had) (?:a|my|the) plan",
        "my plan is",
        "planned (?:it|everything|it all)(?: out)?",
        `(?:it${APOSTROPHE}s|it is|everything${APOSTROPHE}s|everything is) (?:all )?planned`,
      ].join("|"),
    ),
  },
  { kind: "plan", pattern: zh("想好了?怎么(?:做|死|结束|弄)?|(?:计划|打算|决定|安排|准备)好了怎么(?:做|死)?|(?:计划|打算|安排)好了|(?:有|做了|定了)(?:一个)?计划") },

  // Means. Poisons before medicine, so 农药 is not read as 药.
  { kind: "means", means: "pesticide", pattern: en("pesticides?|weed ?killer|paraquat|insecticide|(?:rat )?poison") },
  { kind: "means", means: "pesticide", pattern: zh("农药|百草枯|敌敌畏|老鼠药|杀虫剂|除草剂|毒药") },
  { kind: "means", means: "pills", pattern: en("sleeping pills|pills?|tablets?|meds|medications?|paracetamol|painkillers?|overdos(?:e|ing)") },
  { kind: "means", means: "pills", pattern: zh("安眠药|药片|药丸|药物|药") },
  { kind: "means", means: "rope", pattern: en("ropes?|noose|hang(?:ing)? myself") },
  { kind: "means", means: "rope", pattern: zh("绳子|绳索|绳|上吊") },
  {
    kind: "means",
    means: "height",
    pattern: en("bridge|roof(?:top)?|balcony|cliff|jump(?:ing)? (?:off|from)|top of (?:a|the|my) (?:building|block)|(?:tall|high) building|top floor|heights?"),
  },
  { kind: "means", means: "height", pattern: zh("楼顶|天台|顶楼|跳楼|跳桥|跳下去|高楼|阳台|悬崖|大桥|桥") },
  { kind: "means", means: "knife", pattern: en("knife|knives|razor(?: blade)?s?|blades?|(?:cut|slit) my wrists?") },
  { kind: "means", means: "knife", pattern: zh("刀片|菜刀|水果刀|剃刀|刀|割腕") },
  { kind: "means", means: "charcoal", pattern: en("charcoal|burn(?:ing)? coal") },
  { kind: "means", means: "charcoal", pattern: zh("烧炭|木炭|炭") },
  { kind: "means", means: "gun", pattern: en("guns?|pistols?|rifles?|shotguns?|firearms?") },
  { kind: "means", means: "gun", pattern: zh("枪") },

  // Timing. Today's before the later ones, so 等他们睡着以后 is tonight, not "a later date".
  {
    kind: "timing",
    when: "today",
    pattern: en(
      [
        "tonight|today|later today|this (?:evening|afternoon|morning)",
        "in (?:an|one|a couple of|a few|two|2) hours?",
        `(?:after|when|once) (?:${SLEEPERS})(?:${APOSTROPHE}s|${APOSTROPHE}re| is| are| has| have)? (?:asleep|gone to (?:bed|sleep)|in bed|fallen asleep)`,
        `(?:after|when|once) (?:${SLEEPERS}) (?:go(?:es)? to (?:bed|sleep)|falls? asleep)`,
      ].join("|"),
    ),
  },
  {
    kind: "timing",
    when: "today",
    pattern: zh("今晚|今天晚上|今天夜里|今夜|今天|马上|现在就|待会儿?|一会儿|(?:等|趁)(?:他们|大家|家人|家里人|爸妈|父母|室友)?都?睡(?:着|了)(?:以后|之后|了)?"),
  },
  {
    kind: "timing",
    when: "days",
    pattern: en(
      "tomorrow(?: (?:night|morning|evening))?|(?:this|next|at the) weekend|next week|(?:on|this|next) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in (?:a few|a couple of|two|three|2|3) days",
    ),
  },
  { kind: "timing", when: "days", pattern: zh("明天|明晚|后天|这个?周末|周末|下个?(?:周|星期|礼拜)|过几天|这几天|(?:星期|礼拜)[一二三四五六日天]|周[一二三四五六日]") },
  {
    kind: "timing",
    when: "later",
    pattern: en("next month|after (?:the|my) (?:exams?|funeral|wedding|birthday|holidays?)|after (?:christmas|new year|the new year)|on my birthday"),
  },
  { kind: "timing", when: "later", pattern: zh("下个月|等[^，。！？,.!?]{1,8}?(?:以后|之后|过后|过完)|(?:清明|春节|过年|考完试|生日)节?(?:以后|之后|那天|过后)") },
];

/** A negation just before the words (three words, or the few characters before them), in the same clause, makes them a no. */
const EN_NEGATION = /(?<![\p{L}'’])(?:not|no|never|don['’]t|do not|doesn['’]t|didn['’]t|haven['’]t|have not|hasn['’]t|won['’]t|wouldn['’]t|can['’]t|cannot|without|nothing)(?![\p{L}'’])/iu;
const ZH_NEGATION = /(?:没有|没|不是|不|别|未|并没有|还没有?)(?:任何|什么|想|想好|准备|打算|在|到|用)?$/u;
const CLAUSE_BREAK = /[,，.。;；!！?？:：\n]/u;

function negated(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const clause = before.split(CLAUSE_BREAK).at(-1) ?? "";
  if (ZH_NEGATION.test(clause)) return true;
  const words = clause.trim().split(/\s+/).slice(-3).join(" ");
  return EN_NEGATION.test(words);
}

/**
 * Every plan, means and timing the message mentions, in text order. Where two matches of one kind
 * overlap, the longer (then the earlier rule) is kept: "tomorrow night", "农药" rather than "药".
 */
export function findDisclosures(text: string): Disclosure[] {
  const candidates: { found: Disclosure; rule: number }[] = [];
  RULES.forEach((rule, index) => {
    for (const match of allMatches(text, rule.pattern)) {
      const start = match.index;
      const words = match[0];
      const found: Disclosure = { kind: rule.kind, text: words, start, end: start + words.length, negated: negated(text, start) };
      if (rule.means) found.means = rule.means;
      if (rule.when) found.when = rule.when;
      candidates.push({ found, rule: index });
    }
  });
  const length = (d: Disclosure) => d.end - d.start;
  candidates.sort((a, b) => a.found.start - b.found.start || length(b.found) - length(a.found) || a.rule - b.rule);
  const kept: Disclosure[] = [];
  for (const { found } of candidates) {
    if (kept.some((k) => k.kind === found.kind && k.start < found.end && found.start < k.end)) continue;
    kept.push(found);
  }
  return kept;
}
