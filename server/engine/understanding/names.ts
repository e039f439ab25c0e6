/**
 * The name a client asks to be called, out of what they write: English and Chinese cues, forms of
 * address, corrections, and no name when none is given. Deterministic; case kept.
 */
import { allMatches } from "../text/matches";
import { replyCues, type Cue } from "./cues";

/**
 * Names come from candidates, each with a strength: a stated preference ("Tom is fine", "Dar for
 * short", "use my middle name, Grace") over being called ("call me Sam", "叫我小林") over a given
 * name ("my name is Thomas", "我叫王思远") over a name standing first ("Nova ✨", "Ivy. 19."). Within a
 * strength the last one wins, and what comes before a correction ("wait no", "jk", "其实") yields to
 * what comes after it. Names in a negated cue ("nobody calls me that", "别叫全名") are not taken.
 */
const TITLE = String.raw`(?:(?:Dr|Mr|Mrs|Ms|Mx|St|Prof|Rev|Fr|Sr)\.?\s+|(?:Father|Sister|Brother|Nurse|Auntie|Aunty|Uncle|Pastor|Coach|Granny|Nana|Mama|Baba)\s+(?=\p{Lu}))?`;
/** Words that are names' titles when a capitalised name follows ("Father Mick", "Nurse Kaye", "Sister Mary Clare"). */
const ADDRESS_TITLE = /^(?:Father|Sister|Brother|Nurse|Auntie|Aunty|Uncle|Pastor|Coach|Granny|Nana|Mama|Baba)$/u;
/** Initials written with their full stops ("J.P.", "A.J."): a name as it is. */
const INITIALS = String.raw`(?:\p{Lu}\.){2,}`;
/** A respectful word after a name, part of how the client is addressed ("Raju bhai", "Priya ji"). */
const HONORIFICS = "bhai|bhaiya|ji|didi|di|bhabhi|sahib|saab|san|sama|kun|chan";
const HONORIFIC_AFTER = String.raw`(?:\s+(?:${HONORIFICS})\b)?`;
const HONORIFIC_WORD = new RegExp(String.raw`^(?:${HONORIFICS})[,;:!?.]?$`, "u");
const LATIN_NAME = String.raw`(?:${INITIALS}|${TITLE}\p{Lu}[\p{Script=Latin}\p{M}'’\-]*(?:\s+\p{Lu}[\p{Script=Latin}\p{M}'’\-]*){0,2}${HONORIFIC_AFTER})`;
const ANY_NAME = String.raw`(?:${INITIALS}|${TITLE}[\p{Script=Latin}][\p{Script=Latin}\p{M}'’\-]*(?:\s+\p{Lu}[\p{Script=Latin}\p{M}'’\-]*){0,2}${HONORIFIC_AFTER})`;

/**
 * A cue's pattern. Some cues are alternatives that each capture `name`; a group name used twice in
 * one pattern needs V8 12.5 (Node 23 and later), and Node 22 refuses such a pattern, so the later
 * ones are numbered here (`name2`, …) and `cueName` reads whichever took part in the match.
 */
const nameGroup = (n: number): string => (n === 1 ? "name" : `name${n}`);

function cuePattern(source: string, flags: string): RegExp {
  let seen = 0;
  return new RegExp(source.replace(/\(\?<name>/g, () => `(?<${nameGroup(++seen)}>`), flags);
}

function cueName(match: RegExpExecArray): string {
  const groups = match.groups ?? {};
  for (let n = 1; nameGroup(n) in groups; n++) {
    const value = groups[nameGroup(n)];
    if (value !== undefined) return value;
  }
  return "";
}

interface NameCue {
  pattern: RegExp;
  strength: number;
}

const EN_NAME_CUES: readonly NameCue[] = [
  // "Tom is fine", "Priya alone is okay"; not "P is fine too", a second choice.
  { pattern: cuePattern(String.raw`(?<name>${LATIN_NAME})(?:\s+(?:alone|on its own|by itself))?(?:\s+(?:is|would be)|'s|’s)\s+(?:fine|ok|okay|good|great|grand|better|easier|perfect|preferred|best|enough|correct|right|quicker|shorter|simpler)(?!\s+(?:too|also|as well)\b)`, "gu"), strength: 4 },
  // "my name is dorothy but dot is fine": a name in lower case, after "but", asked for.
  { pattern: cuePattern(String.raw`\bbut\s+(?:just\s+)?(?<name>${ANY_NAME})(?:\s+(?:is|would be)|'s|’s)\s+(?:fine|ok|okay|good|great|grand|better|easier|perfect|enough)\b`, "giu"), strength: 4 },
  // "But for here maybe Maricel": the name for this conversation.
  { pattern: cuePattern(String.raw`\b(?:[Ff]or here|[Hh]ere),?\s+(?:maybe\s+|just\s+|please\s+)?(?<name>${LATIN_NAME})`, "gu"), strength: 4 },
  // "Mama Wanjiru is how people know me", "Priya ji is how everyone addresses me".
  { pattern: cuePattern(String.raw`(?<name>${LATIN_NAME})\s+is\s+how\s+[\p{L}\s]{1,24}(?:know|call|address|addresses|knows|calls)\s+me\b`, "gu"), strength: 3 },
  // "myself Rahul", "Deepak here": introductions in South Asian and other Englishes.
  { pattern: cuePattern(String.raw`\b[Mm]yself\s+(?:is\s+)?(?<name>${LATIN_NAME})|^(?:[Hh]i,?\s+|[Hh]ello,?\s+)?(?<name>${LATIN_NAME})\s+here\b`, "gu"), strength: 2 },
  // "my friends shorten it to Vuvu": the short form others use.
  { pattern: cuePattern(String.raw`\bshorten(?:s|ed)?\s+it\s+to\s+(?<name>${LATIN_NAME})`, "gu"), strength: 3 },
  // "I've been Joe since 1956".
  { pattern: cuePattern(String.raw`\b(?:I've|I’ve|I have)\s+been\s+(?<name>${LATIN_NAME})`, "gu"), strength: 3 },
  // "so Henno I guess", "Chris I suppose": where a list of names settles.
  { pattern: cuePattern(String.raw`(?<name>${LATIN_NAME})\s+I\s+(?:guess|suppose|reckon)\b`, "gu"), strength: 4 },
  // "just put Hope", "put me down as Nurse Kaye": the name to write down.
  // Not what the phone's dictation put ("the phone put Neve").
  { pattern: cuePattern(String.raw`(?<!\b(?:they|They|he|He|she|She|people|we|I|you|phone|autocorrect|it)\s+)\b(?:[Pp]ut|[Ww]rite|[Pp]ut me down as|[Pp]ut down)\s+(?<name>${LATIN_NAME})`, "gu"), strength: 4 },
  { pattern: cuePattern(String.raw`(?<name>${LATIN_NAME})\s+(?:works|will do)`, "gu"), strength: 4 },
  // "Mrs O'Sullivan to you", "Kenzie to anyone who isn't my dentist".
  { pattern: cuePattern(String.raw`(?<name>${LATIN_NAME})\s+to\s+(?:you|anyone|everyone|everybody|friends|my friends|most people)\b`, "gu"), strength: 3 },
  // "…but please, Sandy", "Madison please": the name asked for.
  { pattern: cuePattern(String.raw`\bplease,?\s+(?<name>${LATIN_NAME})|(?<name>(?=\p{Lu}\p{Ll})${LATIN_NAME}),?\s+please\b`, "gu"), strength: 4 },
  { pattern: cuePattern(String.raw`(?<name>${LATIN_NAME})\s+(?:for short|preferred|(?:is\s+)?short for)\b`, "gu"), strength: 4 },
  // "Nana Pat the kids call me that", "Ah Boy, everyone at home calls me that", "Can I be Storm?".
  { pattern: cuePattern(String.raw`(?<name>${ANY_NAME})(?:\s+(?:lor|lah|la|leh))?[,.]?\s+(?:the \w+|everyone|everybody|people|they|my \w+)(?:\s+(?:at|in)\s+\w+)?\s+calls?\s+me\s+(?:that|this)\b|\b[Cc]an\s+I\s+be\s+(?<name>${LATIN_NAME})`, "gu"), strength: 3 },
  // "actually just mika", "or just Tess", "but just joan": "just" after a turn asks for the plain name, typed in any case.
  { pattern: cuePattern(String.raw`\b(?:but|actually|or|ok|so)\s+just\s+(?<name>${ANY_NAME})`, "giu"), strength: 3 },
  { pattern: cuePattern(String.raw`(?<name>${LATIN_NAME})\s+is\s+(?:my\s+(?:first\s+|given\s+|nick)?name|what [\p{L}\s]{1,24}calls? me|what I (?:answer|respond) to|what I go by)`, "gu"), strength: 3 },
  { pattern: cuePattern(String.raw`\b(?:use|say|prefer|go with|stick with)\s+(?:my\s+\p{Ll}+\s+name,?\s+|just\s+)?(?<name>${ANY_NAME})`, "giu"), strength: 4 },
  { pattern: cuePattern(String.raw`\b(?:call|calls|calling|called)\s+me\s+(?:just\s+)?(?<name>${ANY_NAME})`, "giu"), strength: 3 },
  { pattern: cuePattern(String.raw`\b(?:just|Just|JUST|plain|Plain)\s+(?<name>${LATIN_NAME})`, "gu"), strength: 3 },
  // "Liam. well Li, everyone says Li".
  { pattern: cuePattern(String.raw`\b(?:everyone|everybody|people|they|my friends)\s+(?:says?|calls?\s+me)\s+(?<name>${ANY_NAME})`, "giu"), strength: 3 },
  { pattern: cuePattern(String.raw`(?<name>${LATIN_NAME})(?:'ll| will) do\b`, "gu"), strength: 4 },
  { pattern: cuePattern(String.raw`\b(?:go|goes|going|gone|went)\s+by\s+(?<name>${ANY_NAME})`, "giu"), strength: 3 },
  // "my name is sam", "my name Sam"; not "is my name kept…?".
  { pattern: cuePattern(String.raw`\b[Mm]y\s+(?:first\s+|real\s+|actual\s+|full\s+)?names?(?:(?:'s|’s|\s+is)\s+(?<name>${ANY_NAME})|\s+(?<name>${LATIN_NAME}))`, "gu"), strength: 2 },
  { pattern: cuePattern(String.raw`\b(?:sur|nick)?names?(?:'s|’s|\s+is)\s+(?<name>${ANY_NAME})`, "giu"), strength: 2 },
  { pattern: cuePattern(String.raw`\bnames\s+(?<name>${LATIN_NAME})`, "gu"), strength: 2 },
  { pattern: cuePattern(String.raw`\b(?:i'm|i’m|im|i am|it's|it’s|its|this is)\s+(?<name>${LATIN_NAME})`, "gu"), strength: 2 },
  { pattern: cuePattern(String.raw`\b(?:I'm|I’m|Im|I am|It's|It’s|Its|This is)\s+(?<name>${LATIN_NAME})`, "gu"), strength: 2 },
];

/** Where a Chinese name ends: particles, politeness, punctuation, spaces, emoji. */
const ZH_NAME_STOP = /可以|要得|比较|比較|喇(?!叭)|不(?:合适|合適|太|好|行|用)|[就吧啦得都好行也更哈呀啊嘛呢哦的了咯喔吖嘅呗哟哇嗯诶欸啰囉便即他她\s,，.。!！?？~～…、;；:："“”'‘’()（）「」『』\p{Extended_Pictographic}]|h{2,}/u;

const ZH_NAME_CUES: readonly NameCue[] = [
  // 俺 is the northern "I" ("叫俺老王就中"); "管我叫" is "call me"; "你叫老孙就行" tells the bot what to call them;
  // "叫他老孙头" is a companion naming the client. Not "被叫到大" (being called) or "名叫" (a given name).
  { pattern: /(?:可以[叫喊][我俺]|叫[我俺]一声|叫[我俺][做作]|都[叫喊][我俺]|就叫[我俺]|称呼[我俺]|稱呼[我俺]|[管给][我俺]叫|[叫喊][我俺]|叫[他她](?![们們])|就叫|(?<![我你他她么麼样樣被名俺])叫|你(?:就|也)?叫(?=[^我俺，,。]{1,5}(?:就行|就好|就可以|就中|吧|好了)))\s*["“‘「]?/gu, strength: 3 },
  { pattern: /(?:[我俺]叫|我的名字是|我的名字叫|名字是|名字叫|名叫|[我俺]是|英文名(?:字)?(?:是|叫)?)\s*["“‘「]?/gu, strength: 2 },
  // "直接叫全名吧，赵一鸣", "Call me 阿晴": the name after the phrase that announces it.
  { pattern: /(?:全名|真名|本名|英文名(?:字)?|小名|大名|昵称|暱稱)(?:吧|就行|就好|就可以|也行|好了)?[，,：:]\s*|\b[Cc]all me\s*(?=\p{Script=Han})/gu, strength: 3 },
];

/** Words that are not names where a name might stand ("I'm tired", "Honestly…", "skip"). */
const NOT_NAMES = new Set(
  (
    "a an the not no so very really just fine ok okay good great alright tired sorry here back sure unsure afraid scared worried " +
    "nervous anxious happy sad feeling doing going trying kind sort pretty quite bit little also still from in on at with " +
    "uncomfortable comfortable private confused lost stressed exhausted busy new old married single done over fed hoping " +
    "thinking wondering asking saying that this what who why how when where there it them me you your my our his her " +
    "nobody nothing none anonymous anon called rather prefer happier better worse like gonna wanna gotta only all every " +
    "complicated personal weird nah yes yeah yep nope well hmm um uh er oh lol lmao idk maybe probably honestly literally " +
    "glad sick ill male female student teacher nurse mum mom dad mother father retired unemployed working skip pass next " +
    "later whatever anything something nevermind nvm ugh meh sigh ok. thanks thank please hi hello hey hiya yo dear sir madam " +
    "does do did is are was were be been will would can could should may might must shall need want why because but and or " +
    "if then than as of for to by about into up down out off again once name names nickname real full first last middle " +
    "human bot robot person stranger someone somebody anyone everyone everybody people guy girl boy man woman client patient " +
    "call calls me myself i i'm im i'd i'll i've it's its he she they we us them mine yours whatever. depends either both neither none. " +
    "wait actually jk kidding joking seriously basically genuinely tbh ngl fr rn atm obviously totally definitely absolutely " +
    "these those today now nowadays sometimes mostly officially technically legally formally usually normally bye goodbye cheers whatever's dunno idc nope. no. sure. fine. ok? none? huh what? sorry? pardon"
  ).split(" "),
);

const ZH_NOT_NAMES =
  /^(?:叫|喊|直接|虽然|雖然|但是|因为|因為|学生|老师|上班族|一个|个|谁|什么|啥|机器人|真人|不|没|别|莫|不想|不太|不方便|随便|隨便|无所谓|無所謂|匿名|保密|这个|那个|這個|那個|你|我|他|她|问|病人|来访者|妈妈|爸爸|打工人的|全名|真名|名字|本名|昵称|暱稱|网名|先生|小姐|女士|求其|咩|乜|边个|邊個|什麼|甚麼|今天|今日|明天|昨天|填|写|寫|人名|大伙|大家|名字?(?=$|[啦吧呀啊，,。\s]))/u;

const LEADING_ANY_NAME = new RegExp(String.raw`^(?:${ANY_NAME})`, "u");
const STANDING_NAME = new RegExp(String.raw`^(?:${ANY_NAME})(?=$|[\s,.;:!?()（），。~✨\p{Extended_Pictographic}\p{Script=Han}])`, "u");
/** Hesitation before a name said on its own: "umm I guess... Mo?", "hmm, Frankie.", "ok um it's Dan", "是小宇". */
const LEADING_FILLER = /^(?:(?:u+m+|h+m+|u+h+|e+r+m*|ok(?:ay)?|well|so|oh|i guess|i think|i suppose|maybe|probably|it'?s|its)\b[\s,.…]*)+|^(?:就是|是)(?=\p{Script=Han}{2,3}(?:$|[\s，,。!！]))|^(?:就是?|是)\s*(?=\p{Lu})/iu;
/** A sentence after the first: a name can stand there too ("Whatever's easiest. Chris."). */
const SENTENCE_START = /(?<!\b(?:Dr|Mr|Mrs|Ms|Mx|St|Prof|Rev|Fr|Sr))[.!?…。！？]+\s+/gu;
/** A name spelt out letter by letter ("T-H-A-B-O") repeats the name, it is not another. */
const SPELT_OUT = /^(?:\p{L}[-.\s])+\p{L}$/u;

/** Forms of address a client may ask to be called by ("叫我老师就行"). */
const FORM_OF_ADDRESS = /^(?:老师|老師|先生|小姐|女士|师傅|師傅)(?=$|[吧啦就好行呀啊，,。.!！\s])/u;
/** Capitalised, these words are names ("It's Will.", "Call me May"); in lower case they are words. */
const WORD_NAMES = /^(?:Will|May)$/u;

/** "May姐", "Ken哥": a Latin name with a Chinese form of address. */
const LATIN_WITH_ADDRESS = /^\p{Lu}[A-Za-z]*(?:妈|媽|哥|姐|叔|姨|仔|妹|爸|嫂)/u;

/** A pronoun in quotes ("就叫“你”吧") declines a name; any other quoted word is one. */
const QUOTED_PRONOUN = /^(?:你|您|我|他|她|它|you|me)$/iu;

/** Particles and politeness after a Chinese name, and quotes around it. */
function cleanChineseName(candidate: string, called = false): string | undefined {
  // "叫我「隨便」就好", "网名叫「开心就好」": a name in quotes after a cue is that name, even a word.
  const quoted = /^\s*[“「『"]?([^“”「」『』"]{1,8})[”」』"]/u.exec(candidate)?.[1]?.trim();
  if (quoted && !QUOTED_PRONOUN.test(quoted) && !replyCues(quoted).some((cue) => NOT_A_NAME.has(cue))) return quoted;
  const text = candidate.replace(/^[\s:："“‘「『]+/u, "");
  const latin = LEADING_ANY_NAME.exec(text);
  if (latin && /^[A-Za-z]/.test(text)) {
    // "Lily妈", "Ken哥", "May姐": a Latin name with a Chinese form of address (a name even where the word is not: "May").
    const address = /^(?:妈|媽|哥|姐|叔|姨|仔|妹|爸|嫂)/u.exec(text.slice(latin[0].length))?.[0];
    const name = address && /^\p{Lu}\p{Ll}*$/u.test(latin[0]) ? latin[0] : cleanEnglishName(latin[0]);
    return name && address ? name + address : name;
  }
  // "叫我老师吧": a form of address asked for is the name (said of oneself, "我是老师", it is an occupation).
  const addressed = called && FORM_OF_ADDRESS.test(text);
  if (ZH_NOT_NAMES.test(text) && !addressed) return undefined;
  const stop = ZH_NAME_STOP.exec(text);
  const name = (stop ? text.slice(0, stop.index) : text).slice(0, 6);
  if (!name || !/^\p{Script=Han}/u.test(name) || (ZH_NOT_NAMES.test(name) && !addressed)) return undefined;
  // "我是教书的": an occupation, not a name.
  if (text.slice(name.length).startsWith("的")) return undefined;
  return name;
}

function cleanEnglishName(candidate: string): string | undefined {
  const words = candidate.trim().split(/\s+/).filter(Boolean);
  const taken: string[] = [];
  for (const word of words) {
    // "J.P.": initials keep their full stops.
    if (taken.length === 0 && /^(?:\p{Lu}\.){2,}[,;:!?]?$/u.test(word)) return word.replace(/[,;:!?]$/u, "");
    // "Raju bhai": a respectful word after the name is part of it.
    if (taken.length > 0 && HONORIFIC_WORD.test(word)) {
      taken.push(word.replace(/[^\p{L}]/gu, ""));
      if (/[,;:!?.]$/.test(word)) break;
      continue;
    }
    const bare = word.replace(/[^\p{L}\p{M}'’.\-]/gu, "").replace(/(?<!^(?:Dr|Mr|Mrs|Ms|Mx|St|Prof|Rev|Fr|Sr))\.$/u, "");
    if (!bare) break;
    const lower = bare.toLowerCase().replace(/\.$/, "");
    if (taken.length === 0 && NOT_NAMES.has(lower) && !WORD_NAMES.test(bare) && !(ADDRESS_TITLE.test(bare) && /^\p{Lu}/u.test(words[1] ?? ""))) return undefined;
    if (taken.length > 0 && (!/^\p{Lu}/u.test(bare) || /^(?:I|I'm|Is|And|But|Or|So|The|My)$/u.test(bare))) break;
    taken.push(bare);
    if (/[,;:!?]$/.test(word) || (/\.$/.test(word) && !/^(?:Dr|Mr|Mrs|Ms|Mx|St|Prof|Rev|Fr|Sr)\.$/.test(word))) break;
  }
  return taken.length ? taken.join(" ") : undefined;
}

/** Cues that reject the name after them: "nobody calls me that", "don't call me Bob", "别叫全名". */
const NEGATED_NAME_CUE = /(?:\b(?:nobody|no one|noone|never|don'?t|do not|not|no)\s+(?:(?!actually|wait|just|sorry)\w+\s+)?$)|\bonly\s+(?:my\s+|the\s+)?\w+\s+$|\bshort\s+for\s+$|\bthough\s+(?:the\s+|my\s+)?\w+\s+$|(?:(?:[别別莫]|(?<!要)不|不要|不用|唔好|唔要|唔使)叫?$)/iu;
/** Said of a name just given: nobody uses it ("Patricia but nobody has called me that", "William on all the forms"). */
const DISOWNED_AFTER =
  /^[^.!?。！？]{0,40}?\b(?:but\s+)?(?:absolutely\s+)?(?:nobody|no one|noone)(?:'s|\s+has|\s+have)?\s+(?:ever\s+)?(?:call(?:s|ed)?\s+me|uses?d?|says?)\s+(?:that|it)|^\s+on\s+(?:all\s+)?(?:(?:the|my)\s+)?(?:forms?|papers?|paper|passport|documents?)|^\s*(?:不合适|不合適|不太合适|不太合適|怪怪的)|^\s+(?:only\s+)?when\s+(?:i'?m|i am|i was|i've|they're|she's|he's)\b|^\s+at\s+work\b|^[^.!?。！？]{0,12}?\bbut\s+(?:that'?s|that’s|it'?s|it’s)\s+(?:only|just)\s+for\b|^\s*[，,]?\s*(?:但是?|可是|不过)?\s*我\s*(?:不要|不喜欢|不想)|^[^。！？!?]{0,6}?[，,]\s*你?\s*(?:唔好|别|別|不要)\s*(?:(?:咁|这么|這麼|这样|這樣)\s*叫|叫(?:我)?(?:这个|這個|呢个|呢個)?\s*(?=$|[，,。.!！]))/iu;

/** A name turned down in so many words ("Mike. Not Michael.", "don't call me Bob"): not taken anywhere in the reply. */
const REJECTED_NAME = new RegExp(String.raw`(?:(?:^|[.!?,;:—–-]\s*)(?:but\s+)?(?:not|never)\s+(?<name>${LATIN_NAME})(?=\s*(?:[,.;:!?—–-]|$))|\b(?:don'?t|do not|never|please don'?t)\s+call\s+me\s+(?<called>${ANY_NAME}))`, "giu");

/** Before a cue, a second choice ("或者你叫我…也行", "or Ash") or the name on paper ("full name is…"): weaker than a name standing first. */
const SECOND_CHOICE_BEFORE = /(?:或者|或是|\bor(?!\s+just))\s*(?:你\s*)?(?:也?可以\s*)?$|\b(?:full|legal|official|proper)\s+$/iu;

/** A word that skips, asks for a person, asks back or hedges ("跳过", "保密", "不知道") is not a name, however it stands. */
const NOT_A_NAME: ReadonlySet<Cue> = new Set(["skip", "handoff", "ask", "unsure"]);

/** A correction: candidates before it yield to candidates after it. */
const NAME_CORRECTION = /\b(?:wait|actually|no jk|jk|just kidding|kidding|scratch that|i mean|on second thought|ok(?:ay)? fine|no sorry|sorry no)\b|\bfine\s*[.,!\-–—]\s*(?=\S)|其实|其實|不是啦|开玩笑|開玩笑|算了|(?:还是|還是)(?=[^，,。.]{0,8}(?:吧|好了))/giu;

/** Punctuation said aloud to a phone's dictation ("Grace period", "Marcus comma thanks"): the mark it stands for. */
function spokenPunctuation(text: string): string {
  return text.replace(/(?<=\p{L})\s+(period|full stop|comma)\b/giu, (_, mark: string) => (mark.toLowerCase() === "comma" ? "," : "."));
}

/**
 * The name the client asks to be called, taken from the original text (case kept), or undefined
 * when the reply gives none ("I'd rather not say", "why do you need it?").
 */
export function extractName(reply: string): string | undefined {
  const text = spokenPunctuation(reply.normalize("NFKC").trim());
  if (!text) return undefined;
  const corrections = allMatches(text, NAME_CORRECTION).map((m) => m.index + m[0].length);
  const era = (at: number): number => corrections.filter((end) => end <= at).length;
  const candidates: { at: number; strength: number; name: string }[] = [];
  const rejected = new Set(allMatches(text, REJECTED_NAME).map((m) => cleanEnglishName(m.groups?.name ?? m.groups?.called ?? "")?.toLowerCase()));
  const consider = (at: number, strength: number, name: string | undefined, cueStart: number): void => {
    if (!name || SPELT_OUT.test(name) || NEGATED_NAME_CUE.test(text.slice(Math.max(0, cueStart - 16), cueStart))) return;
    if (replyCues(name).some((cue) => NOT_A_NAME.has(cue))) return;
    if (DISOWNED_AFTER.test(text.slice(at + name.length)) || rejected.has(name.toLowerCase())) return;
    const secondChoice = strength > 1 && SECOND_CHOICE_BEFORE.test(text.slice(Math.max(0, cueStart - 12), cueStart));
    candidates.push({ at, strength: secondChoice ? 0.75 : strength, name });
  };
  for (const cue of EN_NAME_CUES) {
    for (const found of allMatches(text, cue.pattern)) {
      const raw = cueName(found);
      consider(found.index + found[0].indexOf(raw), cue.strength, cleanEnglishName(raw), found.index);
    }
  }
  for (const cue of ZH_NAME_CUES) {
    for (const found of allMatches(text, cue.pattern)) consider(found.index + found[0].length, cue.strength, cleanChineseName(text.slice(found.index + found[0].length), cue.strength >= 3), found.index);
  }
  // A name standing first in the reply (after any hesitation), first after a correction ("Mr. Henderson lol no jk. Josh"),
  // or as a sentence of its own ("Whatever's easiest. Chris.").
  const sentences = allMatches(text, SENTENCE_START).map((m) => m.index + m[0].length);
  for (const start of [0, ...corrections, ...sentences]) {
    // A later sentence's name yields to the first one ("Billy. Well, William, but…").
    const standing = sentences.includes(start) && !corrections.includes(start) && start !== 0 ? 0.5 : 1;
    const rest = text.slice(start).replace(/^[\s,.，。!！:：\-—–]+(?:no\b[\s,.—–\-]*)?/iu, "").replace(LEADING_FILLER, "");
    const at = text.length - rest.length;
    if (/^\p{Script=Han}/u.test(rest) || LATIN_WITH_ADDRESS.test(rest)) {
      const name = cleanChineseName(rest);
      // "阿Lin": a Chinese prefix of address with a Latin name.
      const plausible = name && name.length >= 2 && (name.length <= 3 || rest.length === name.length || /^[阿小老][A-Za-z]+$|^[A-Za-z]+\p{Script=Han}$/u.test(name)) && !/[不没沒唔说說想等呃嗯啊哦]/u.test(name);
      // "阿凱。那你呢？": a question in a later sentence is asked back, it does not unsay the name.
      if (plausible && !/[?？吗嗎]/u.test(rest.slice(0, 12).split(/[。！!]/u)[0] ?? "")) consider(at, standing, name, at);
    } else {
      const lead = STANDING_NAME.exec(rest);
      const followed = lead ? rest.slice(lead[0].length) : "";
      const standsAlone = lead && (/^\s*$|^\s*[,.;:!?()（），。~\-–—]|^\s*[\p{Extended_Pictographic}✨]|^\s*\p{Script=Han}|^\s+(?:x+|lol|haha|pls|please|with|but|though|thx|thanks|actually|i guess|i suppose|ig|lor|lah|leh)\b/iu.test(followed));
      // Typed in lower case, a word standing first is a name when the reply is that word, or it is set off ("jess. actually…",
      // "bean 😭", "aoife (ee-fa)", "jojo i guess").
      const setOff = (corrections.includes(start) && /^\s*,/u.test(followed)) || /^\s*$|^\s*[.(!]|^\s*[\p{Extended_Pictographic}]|^\s+(?:i guess|i suppose|ig|lor|lah)\b/u.test(followed);
      if (lead && standsAlone && (/^\p{Lu}/u.test(lead[0]) || setOff)) consider(at, standing, cleanEnglishName(lead[0]), at);
    }
  }
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => era(a.at) - era(b.at) || a.strength - b.strength || a.at - b.at);
  const name = candidates[candidates.length - 1]?.name;
  // "call me june", "its dan": a name typed in lower case is written back capitalised.
  return name && /^[\p{Ll}\s'’\-]+$/u.test(name) && /^\p{Script=Latin}/u.test(name) ? name.replace(/(^|[\s\-])(\p{Ll})/gu, (_, edge: string, letter: string) => edge + letter.toUpperCase()) : name;
}

