/**
 * Context around a match: is it negated, about someone else, from a film, a general question,
 * or in the past? Each question looks at a small window (the clause or the sentence around the
 * match), never at the whole message with one big pattern: "I'm not okay. I want to die" must
 * not be read as negated, and "my friend is fine, I want to die" is about the speaker.
 *
 * All patterns run on the normalised text (see ./normalise.ts) and are compiled once here.
 */
import type { RuleSubject } from "./risk-rules";

export type Scope = "current" | "negated" | "fiction" | "reported" | "general" | "past";

export interface Span {
  start: number;
  end: number;
}

// ─── Windows ──────────────────────────────────────────────────────────────────────────────

const SENTENCE_END = new Set([".", "!", "?", ";", "\n", "。", "…", "\r"]);

/** Splits a sentence into clauses: punctuation, and conjunctions that start a new thought. */
const CLAUSE_BREAK =
  /[,:、—–()~]|\b(?:and|but|because|cause|cuz|coz|though|although|while|whereas|or|so)\b|但是|可是|不过|因为|所以|而且|然后|只是|但/gi;

export function sentenceAround(text: string, index: number): Span {
  let start = index;
  while (start > 0 && !SENTENCE_END.has(text.charAt(start - 1))) start--;
  let end = index;
  while (end < text.length && !SENTENCE_END.has(text.charAt(end))) end++;
  return { start, end };
}

export function clauseAround(text: string, index: number): Span {
  const sentence = sentenceAround(text, index);
  let start = sentence.start;
  let end = sentence.end;
  CLAUSE_BREAK.lastIndex = sentence.start;
  for (let match = CLAUSE_BREAK.exec(text); match !== null && match.index < sentence.end; match = CLAUSE_BREAK.exec(text)) {
    const breakEnd = match.index + match[0].length;
    if (breakEnd <= index) start = breakEnd;
    else if (match.index > index) {
      end = match.index;
      break;
    }
  }
  return { start, end };
}

// ─── Negation ─────────────────────────────────────────────────────────────────────────────

/**
 * A negation cue right before the match, with only "filler" words between: "I would never
 * (really) kill myself", "not (going to) hurt anyone". Anything else in between ends the scope,
 * so "I can't tell anyone I want to die" stays a disclosure. Rules whose meaning includes the
 * negation ("don't want to live") start their match at the negation, so it is never in front.
 * "can't" is deliberately not a cue: "I can't stop thinking about killing myself".
 */
const ENGLISH_FILLER =
  String.raw`really|ever|even|actually|seriously|honestly|truly|necessarily|going\s+to|gonna|want(?:ing)?\s+to|wanna|try(?:ing)?\s+to|plan(?:ning)?\s+to|intend(?:ing)?\s+to|think(?:ing)?|thought|about|of|be|been|being|feel(?:ing)?|like|a|the|that|i|i'?d|i'?m|im|would|do|to|want|have|having|had|any|thoughts?|consider(?:ing)?|saying|say|said|attempt(?:ing)?|commit(?:ting)?|so|at\s+all|able\s+to|dare\s+to|go(?:ing)?\s+through\s+with|anything|planning|am`;
const ENGLISH_NEGATION = new RegExp(
  String.raw`(?:^|[^a-z'])(?:never|not|no\s+longer|no\s+intention\s+(?:of|to)|no\s+plans?\s+to|no\s+desire\s+to|no\s+wish\s+to|don'?t|do\s+not|doesn'?t|does\s+not|didn'?t|did\s+not|won'?t|will\s+not|wouldn'?t|would\s+not|shouldn'?t|isn'?t|ain'?t|aren'?t|wasn'?t|nor)(?:\s+(?:${ENGLISH_FILLER}))*\s*$`,
  "i",
);
/** 不敢 ("don't dare") is not a negation of the wish, so 敢 is not a filler on its own. */
const CHINESE_NEGATION = /(?:不|没|没有|从没|从没有|从来没有?|从来不|绝不|绝对不|决不|并不|并没有?|别|不要|才不|不是|不打算|不至于)(?:会|想|要|是|打算|去|再|真的|真|过|太|可能|至于|有|有过|用|曾|曾经)*$/;

const NEGATION_WINDOW = 80;

export function isNegated(text: string, matchStart: number, sentenceStart: number): boolean {
  const before = text.slice(Math.max(sentenceStart, matchStart - NEGATION_WINDOW), matchStart);
  return ENGLISH_NEGATION.test(before) || CHINESE_NEGATION.test(before);
}

// ─── Whose experience is it? ──────────────────────────────────────────────────────────────

const EN_PEOPLE = String.raw`(?:friends?|bff|bf|gf|boyfriend|girlfriend|mom|mum|mother|dad|father|sister|brother|sibling|cousin|aunt|uncle|grandma|grandmother|grandpa|grandfather|son|daughter|kid|child|husband|wife|partner|ex|roommate|flatmate|classmate|coworker|colleague|boss|teacher|student|client|patient|neighbou?r|guy|girl|man|woman|boy|character|protagonist|hero|heroine|narrator|singer|song|movie|film|book|novel|show|author|writer)s?`;
const ZH_PEOPLE = "朋友|同学|室友|同事|闺蜜|哥们|兄弟|姐妹|表哥|表姐|表弟|表妹|堂哥|堂姐|哥哥|姐姐|弟弟|妹妹|爸爸|妈妈|爸|妈|父亲|母亲|老公|老婆|男朋友|女朋友|男友|女友|孩子|儿子|女儿|同桌|老师|学生|邻居|亲戚|网友|继父|继母|前任|家人|父母";

/**
 * Person tokens, tried in this order at each position: a reporting verb with its addressee
 * ("told me", "跟我说") before the bare pronoun it contains; "my friend"/"我朋友" before "my"/"我".
 */
const PERSON_TOKEN = new RegExp(
  [
    String.raw`(?<report>\b(?:told|tells|tell|telling|texted|texts|messaged|asked|asks|wrote\s+to|writes\s+to|said\s+to|says\s+to|keeps\s+telling)\s+(?:me|him|her|them|us|my\s+\w+)\b|(?:跟|对|和|给)(?:我|他|她|我们)说|告诉(?:我|他|她|我们)?)`,
    String.raw`(?<third>\b(?:my|his|her|their|our|your|a|the|this|that)\s+(?:\w+\s+)?${EN_PEOPLE}\b|我(?:的)?(?:好)?(?:${ZH_PEOPLE})|\b(?:he|she|they|he'?s|she'?s|they'?re|he'?d|she'?d|they'?d|he'?ll|she'?ll|they'?ll|someone|somebody|people|everyone|everybody|anyone|anybody)\b|他们|她们|他|她|别人|有人|有个人|有些人|人家|某人|${ZH_PEOPLE}|男主|女主|主角|角色|主人公|作者|歌手)`,
    String.raw`(?<neutral>我们|咱们|\bwe\b|\byou\b)`,
    String.raw`(?<reportVerb>\b(?:said|says|say|saying|wrote|writes|posted|posts|mentioned|admitted|confessed|confided|goes|sang|sings|told|tells)\b|说过|说|讲|提到|写道|发消息|发朋友圈|留言|唱)`,
    String.raw`(?<first>\b(?:i|i'?m|im|i'?ve|ive|i'?d|i'?ll|me|myself)\b|我)`,
  ].join("|"),
  "gi",
);

/** A first-person word inside the match itself ("better off without me", "kill myself"). */
const FIRST_PERSON_IN_MATCH = /\b(?:i|i'?m|im|me|my|myself)\b|我(?!们)/i;

export type Subject = "self" | "other" | "unknown";

/**
 * The nearest person before the match decides. Reporting verbs are skipped over to their
 * subject ("he told me to kill myself" → he); an addressee ("told me") is never the subject.
 */
export function resolveSubject(text: string, from: number, matchStart: number): Subject {
  const tokens: ("first" | "third")[] = [];
  PERSON_TOKEN.lastIndex = from;
  for (let match = PERSON_TOKEN.exec(text); match !== null && match.index < matchStart; match = PERSON_TOKEN.exec(text)) {
    if (match.index + match[0].length > matchStart) break;
    const groups = match.groups ?? {};
    if (groups.first !== undefined) tokens.push("first");
    else if (groups.third !== undefined) tokens.push("third");
  }
  const nearest = tokens[tokens.length - 1];
  if (nearest === "first") return "self";
  if (nearest === "third") return "other";
  return "unknown";
}

/** Start of an open quotation containing `index` within the sentence, if any. */
export function quoteOpenBefore(text: string, sentenceStart: number, index: number): number | undefined {
  let open: number | undefined;
  for (let i = sentenceStart; i < index; i++) {
    const ch = text.charAt(i);
    if (ch === "“" || ch === "「" || ch === "『") open = i;
    else if (ch === "”" || ch === "」" || ch === "』") open = undefined;
    else if (ch === '"') open = open === undefined ? i : undefined;
    else if (ch === "'") {
      // Only a quote mark when it stands at a word edge; an apostrophe sits inside a word.
      const prev = text.charAt(i - 1);
      const next = text.charAt(i + 1);
      const opens = (i === sentenceStart || /[\s:,(]/.test(prev)) && /[a-z]/i.test(next);
      const closes = /[^\s]/.test(prev) && (i + 1 >= text.length || /[\s,.!?;:)]/.test(next));
      if (open === undefined && opens) open = i;
      else if (open !== undefined && closes) open = undefined;
    }
  }
  return open;
}

// ─── Media, general questions, past ───────────────────────────────────────────────────────

const FICTION =
  /\b(?:movies?|films?|tv|shows?|series|episodes?|books?|novels?|story|stories|poems?|songs?|lyrics?|characters?|protagonist|anime|manga|comics?|video\s*games?|games?|plays?|scenes?|documentar(?:y|ies)|podcasts?|chapters?|news|articles?|headlines?|fanfic|fan\s*fiction|netflix|reading|ending|plot)\b|电影|电视剧|剧里|剧中|小说|故事|角色|主角|男主|女主|主人公|动漫|漫画|游戏|歌词|这首歌|书里|书中|新闻|报道|纪录片|视频里/i;

/** Markers of a general or third-party question about a topic word ("warning signs of suicide"). */
const GENERAL =
  /\bhow\s+(?:do|can|should|could|would)\s+(?:i|we|you|someone|one|people|parents|teachers)\s+(?:help|support|talk|approach|comfort|respond|react|deal|prevent|spot|tell|know)\b|\b(?:help|helping|support|supporting)\s+(?:a|my|someone|somebody|people|others|friends?|them|him|her|loved\s+ones?)\b|\bsigns?\s+of\b|\bwarning\s+signs\b|\bwhy\s+do\s+(?:people|some\s+people|so\s+many|teens|men|women|kids)\b|\b(?:statistics|stats|rates?|prevention|awareness|research|essay|paper|assignment|presentation|class|lecture|course|project|hotline|helpline|lifeline|crisis\s+line|survivors?|risk\s+factors?)\b|\bwhat\s+(?:is|are)\s+(?:the\s+)?(?:signs|causes|difference|definition|rates?|number)\b|\bexplain\b|\bis\s+it\s+true\b|\b(?:do|are)\s+people\s+who\b|怎么(?:帮助|帮|安慰|劝)|如何(?:帮助|预防|干预|应对)|预防|干预|自杀率|为什么(?:有人|有些人|那么多人|人会|会有人)|什么是|征兆|迹象|论文|研究|课上|课堂|讲座|热线|统计|数据/gi;

const FIRST_PERSON = /\b(?:i|i'?m|im|i'?ve|ive|i'?d|i'?ll|me|myself)\b|我(?!们)/i;

/** A long-ago time: "used to", "when I was 16", "years ago", 以前, 小时候. Not "last week". */
const DISTANT_PAST =
  /\bused\s+to\b|\bwhen\s+i\s+was\s+(?:\d+|young|younger|little|a\s+(?:kid|child|teen(?:ager)?|student)|in\s+(?:high|middle|grade|elementary|primary|secondary)\s+school|in\s+(?:college|uni|university))\b|\b(?:years|decades)\s+ago\b|\b(?:a\s+)?long\s+time\s+ago\b|\bback\s+(?:then|in\s+(?:the\s+day|\d{4}|high\s+school|college|school))\b|\bin\s+the\s+past\b|\bat\s+one\s+point\b|\bas\s+a\s+(?:kid|child|teen(?:ager)?)\b|\bin\s+(?:high|middle)\s+school\b|\b(?:19|20)\d{2}\b|\blast\s+year\b|\b(?:years?|months)\s+since\b|\bsince\s+i\s+last\b|\bin\s+my\s+(?:teens|twenties|20s|teenage\s+years)\b|以前|以往|曾经|(?<![睡走跳晕昏死熬撑挺混跑飞冲过])过去|那时候?|当时|小时候|(?:上学|读书|年轻)(?:的)?时(?:候)?|(?:初中|高中|大学|中学|小学)(?:的)?(?:时候|时|那会儿|那几年)|几年前|[\d一两三四五六七八九十几]+年前|当年|从前|去年|前几年|有(?:一)?段时间|那段时间|那几年/i;

/** "Now" words: they keep a match current even next to a past marker ("I still want to"). */
const RECENT =
  /\b(?:again|still|now|right\s+now|today|tonight|yesterday|last\s+night|this\s+(?:morning|week|weekend|month)|lately|recently|these\s+days|currently|every\s+day|everyday)\b|最近|现在|今天|昨天|昨晚|刚才|刚刚|又|还是|还在|一直|这几天|这段时间|这周|每天|天天|再次|依然|仍然/i;

/** Recovery said anywhere in the message: past-tense matches then count as history. */
const RECOVERED =
  /\bnot\s+any\s*more\b|\bno\s+longer\b|\b(?:i'?m|im|i\s+am)\s+(?:doing\s+|feeling\s+)?(?:much\s+|a\s+lot\s+|way\s+|so\s+much\s+|far\s+)?better\b|\bin\s+a\s+(?:much\s+|way\s+|far\s+)?better\s+place\b|\b(?:i'?ve|i\s+have)\s+been\s+clean\b|\b(?:therapy|treatment|meds|medication|counsel+ing)\s+(?:really\s+)?helped\b|\bgot\s+(?:help|better|through\s+it)\b|\brecovered\b|\ba\s+different\s+person\s+now\b|\bproud\s+of\s+how\s+far\b|现在(?:已经)?(?:好(?:多|很多|些)?了|没事了|不会了|不这么想了|走出来了|挺好|很好)|已经(?:好了|走出来了|康复)|走出来了|康复|不再(?:想|这样|这么想)|早就不(?:想|这样)了|后来(?:慢慢)?(?:好了|走出来了|好起来了)/i;

const PAST_VERB = /\b(?:wanted|was|were|tried|thought|felt|used|had|attempted|did|cut|hurt|harmed|overdosed|took)\b|过/i;

function hasGeneralMarker(text: string, clause: Span, hit: Span): boolean {
  GENERAL.lastIndex = clause.start;
  for (let match = GENERAL.exec(text); match !== null && match.index < clause.end; match = GENERAL.exec(text)) {
    const markerEnd = match.index + match[0].length;
    const between = markerEnd <= hit.start ? text.slice(markerEnd, hit.start) : text.slice(hit.end, Math.max(hit.end, match.index));
    if (!FIRST_PERSON.test(between)) return true;
  }
  return false;
}

/** Per-message facts, computed once however many matches there are. */
export interface MessageFacts {
  recovered: boolean;
}

export function messageFacts(text: string): MessageFacts {
  return { recovered: RECOVERED.test(text) };
}

/** The scope of one match, from the narrowest reading outward. */
export function scopeOf(text: string, facts: MessageFacts, hit: Span, subjectKind: RuleSubject): Scope {
  const sentence = sentenceAround(text, hit.start);
  if (isNegated(text, hit.start, sentence.start)) return "negated";

  const sentenceText = text.slice(sentence.start, sentence.end);
  const clause = clauseAround(text, hit.start);
  const clauseText = text.slice(clause.start, clause.end);

  if (subjectKind !== "victim") {
    let subject: Subject;
    const quoteOpen = quoteOpenBefore(text, sentence.start, hit.start);
    if (subjectKind === "other") subject = "other";
    else if (quoteOpen !== undefined) {
      // Inside a quotation the quoted person is the subject: before it, or after ('…,' she said).
      subject = resolveSubject(text, sentence.start, quoteOpen);
      if (subject === "unknown") {
        const after = text.slice(hit.end, sentence.end);
        subject = resolveSubject(after, 0, after.length) === "other" ? "other" : "unknown";
      }
    } else if (subjectKind === "farewell" || FIRST_PERSON_IN_MATCH.test(text.slice(hit.start, hit.end))) subject = "self";
    else subject = resolveSubject(text, sentence.start, hit.start);
    if (subject !== "self" && FICTION.test(sentenceText)) return "fiction";
    if (subject === "other") return "reported";
    if (subjectKind === "topic" && hasGeneralMarker(text, clause, hit)) return "general";
  }

  if (RECENT.test(clauseText)) return "current";
  if (DISTANT_PAST.test(sentenceText)) return "past";
  if (facts.recovered && PAST_VERB.test(clauseText)) return "past";
  return "current";
}
