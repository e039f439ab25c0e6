/**
 * The crisis lexicon as data: what to look for, what it means, how serious it is before context.
 *
 * Context (negation, past, someone else, fiction, general questions, timing) is NOT encoded here:
 * ./risk-context.ts looks at the clause around each match. A rule therefore names the smallest
 * phrase that carries the meaning, and says who it is about:
 *  - `speaker`: first person by construction ("kill myself", "不想活了"); a third-person subject
 *    in front of it ("she said she wants to die") makes it a report about someone else.
 *  - `farewell`: a goodbye is the client's own unless quoted; people named before it are the
 *    ones addressed ("爸妈，对不起，下辈子再做你们的孩子").
 *  - `topic`: a topic word ("suicide", "自杀") that only means the client when the client is the
 *    subject; general questions and media around it lower it.
 *  - `victim`: something done to the client (abuse); the subject is the other person by design.
 *  - `other`: about someone else by construction ("kills himself"); already `low`.
 *
 * Kinds: `risk` rules give evidence; `mask` rules cover idioms and innocent senses — any risk
 * match overlapping a mask is dropped, and the mask itself counts at its own level (`none` or
 * `low`); `booster` rules (timing, place, decision, weapon) never fire alone, they raise risk
 * matches nearby (see ./detect-risk.ts).
 *
 * Patterns are compiled once, case-insensitive, over the normalised text (./normalise.ts:
 * fullwidth punctuation folded, `’` → `'`, Traditional → Simplified for common characters).
 * English patterns allow a missing apostrophe (`dont`, `im`) because chat text drops them.
 */
import type { RiskCategory, RiskLanguage, RiskLevel } from "./risk-types";

export type RuleKind = "risk" | "mask" | "booster";
export type RuleSubject = "speaker" | "farewell" | "topic" | "victim" | "other";
export type BoostKind = "timing" | "place" | "decision" | "weapon" | "joke";

export interface RiskRule {
  id: string;
  lang: RiskLanguage;
  kind: RuleKind;
  category: RiskCategory;
  level: RiskLevel;
  pattern: RegExp;
  subject?: RuleSubject;
  boost?: BoostKind;
}

type RuleInput = Omit<RiskRule, "lang" | "kind" | "pattern"> & { pattern: RegExp };

function risk(lang: RiskLanguage, entries: readonly RuleInput[]): RiskRule[] {
  return entries.map((entry) => ({ subject: "speaker", ...entry, lang, kind: "risk" }));
}

function masks(lang: RiskLanguage, entries: readonly RuleInput[]): RiskRule[] {
  return entries.map((entry) => ({ subject: "speaker", ...entry, lang, kind: "mask" }));
}

function boosters(lang: RiskLanguage, kind: BoostKind, entries: readonly { id: string; pattern: RegExp }[]): RiskRule[] {
  return entries.map((entry) => ({ ...entry, lang, kind: "booster", boost: kind, category: "none", level: "none" }));
}

// Shared English fragments (regex source). Kept few: each rule should read on its own.
const MYSELF = String.raw`(?:my\s*self|myslef|meself)`;
const PILLS = String.raw`(?:pills|tablets|meds|medications?|medicine|capsules|painkillers|antidepressants|sleeping\s+pills|tylenol|paracetamol|acetaminophen|advil|ibuprofen|aspirin|xanax|oxy\w*|opioids|insulin|lithium)`;
const KIN = String.raw`(?:dad|father|mom|mum|mother|stepdad|stepfather|stepmom|stepmother|brother|sister|boss|husband|wife|boyfriend|girlfriend|ex|roommate|flatmate|teacher|neighbou?r|partner|son|daughter|baby|kids?|family|coworker|co-worker|colleague|classmate|uncle|aunt|cousin|grandpa|grandma)`;
const en = (source: string): RegExp => new RegExp(source, "i");

// ──────────────────────────────────────────────────────────────────────────────────────────
// English
// ──────────────────────────────────────────────────────────────────────────────────────────

const ENGLISH_RISK: RiskRule[] = risk("en", [
  // Active ideation (C-SSRS "thoughts of killing yourself") → high.
  { id: "en.kill-myself", category: "suicidal_ideation", level: "high", pattern: en(String.raw`\bkil+(?:s|ed|ing|in'?)?\s*${MYSELF}\b`) },
  // Internet shorthand and euphemisms that exist to get past filters.
  { id: "en.kms", category: "suicidal_ideation", level: "high", pattern: /\bkms\b|\bunalive\s*(?:my\s*self|me)\b|\bsewer\s*slide\b/i },
  { id: "en.end-my-life", category: "suicidal_ideation", level: "high", pattern: /\b(?:end|ending|take|taking|took)\s+my\s+(?:own\s+)?life\b/i },
  { id: "en.end-it-all", category: "suicidal_ideation", level: "high", pattern: /\bend(?:ing)?\s+it\s+all\b|\boff(?:ing)?\s+my\s*self\b|\bdo(?:ing)?\s+my\s*self\s+in\b/i },
  // "end it" alone is vague; with a will/want verb in front it is how people say it. "end it
  // with him" is a break-up, so "with" may not follow.
  { id: "en.going-to-end-it", category: "suicidal_ideation", level: "high", pattern: /\b(?:going\s+to|gonna|will|'ll|want\s+to|wanna|about\s+to|ready\s+to|decided\s+to|just\s+)\s*end\s+(?:it|things|everything)\b(?!\s+(?:with|between|off))/i },
  // Topic word: also catches typos ("suicidle", "suicidel"). Context decides whose it is.
  { id: "en.suicide", category: "suicidal_ideation", level: "high", subject: "topic", pattern: /\bsuicid[a-z]*\b/i },
  // A method named inside a wish or plan: ideation with method (C-SSRS 3) → high; intent,
  // timing or means in the same message raise it further.
  {
    id: "en.method",
    category: "suicidal_ideation",
    level: "high",
    pattern: en(
      String.raw`\bhang(?:ing)?\s+${MYSELF}\b|\bslit(?:ting)?\s+my\s+(?:wrists?|throat)\b|\b(?:shoot|shooting|drown|drowning|gas|gassing|poison|poisoning|starve|starving)\s+${MYSELF}\b` +
        String.raw`|\bthrow(?:ing)?\s+${MYSELF}\s+(?:off|in\s+front|under)\b|\bjump(?:ing)?\s+(?:off|from)\s+(?:a|the|my|this|that)\s+(?:\w+\s+)?(?:bridge|building|roof|rooftop|balcony|cliff|window|tower|ledge|garage|overpass|car\s*park)\b` +
        String.raw`|\b(?:jump|jumping|step|stepping|walk|walking|lie|lying)\s+in\s+front\s+of\s+(?:a|the|the\s+next|an?\s+oncoming)\s+(?:one|train|bus|car|truck|lorry|subway|tube)\b|\bover\s*dos(?:e|ing)\s+on\b|\b(?:swallow|swallowing|take|taking)\s+(?:all|every\s+one|every\s+single\s+one)\s+(?:of\s+)?(?:my|the|those)\s+${PILLS}` +
        String.raw`|\bdriv(?:e|ing)\s+(?:my\s+car\s+)?(?:off|into)\s+(?:a|the)\s+(?:bridge|cliff|road|wall|tree|river|lake|truck|pole)\b|\bcrash(?:ing)?\s+my\s+car\s+on\s+purpose\b`,
    ),
  },
  // Asking how, how many, the painless way: method seeking → means, high.
  {
    id: "en.method-seeking",
    category: "means",
    level: "high",
    pattern: en(
      String.raw`\bhow\s+(?:many|much)\s+(?:\w+\s+){0,2}?${PILLS}?\s*(?:of\s+\w+\s+)?(?:does\s+it\s+take|would\s+it\s+take|it\s+takes|do\s+i\s+need|is\s+needed)?\s*(?:to\s+)?(?:die|kill\s+(?:you|me|myself|a\s+person)|overdose|od|be\s+(?:lethal|fatal))\b` +
        String.raw`|\b(?:painless|quickest|easiest|fastest|best|surest|least\s+painful)\s+(?:way|ways|method)\s+to\s+(?:die|kill\s+${MYSELF}|end\s+it|commit\s+suicide|end\s+my\s+life)\b` +
        String.raw`|\bhow\s+(?:do\s+i|to|can\s+i|could\s+i|should\s+i)\s+(?:kill\s+${MYSELF}|end\s+my\s+life|commit\s+suicide|overdose|hang\s+${MYSELF}|die\s+painlessly)\b` +
        String.raw`|\b(?:research(?:ed|ing)?|look(?:ed|ing)\s+up|googl(?:ed|ing)|search(?:ed|ing)(?:\s+for)?)\s+(?:how\s+(?:many|much)|ways\s+to\s+(?:die|kill)|how\s+to\s+(?:die|kill|overdose|hang)|(?:painless|quick|easy)\s+ways|lethal\s+dos)`,
    ),
  },

  // Passive ideation (C-SSRS "wish to be dead") → medium.
  {
    id: "en.want-to-die",
    category: "suicidal_ideation",
    level: "medium",
    pattern: /\b(?:want(?:ed|s|ing)?\s+to|wanna|wish(?:ed)?\s+(?:i\s+(?:could|would|can)|to)|(?:would|'d)\s+like\s+to|hope\s+(?:i|to)|ready\s+to|just\s+(?:want|wanna)\s+(?:to\s+)?)\s*(?:just\s+|simply\s+|fucking\s+|honestly\s+|really\s+|actually\s+)?die\b/i,
  },
  { id: "en.wish-dead", category: "suicidal_ideation", level: "medium", pattern: /\b(?:wish(?:ed)?\s+i\s+(?:was|were|'?d\s+be|could\s+be)|want(?:ed)?\s+to\s+be|wanna\s+be|better\s+off|rather\s+be|hope\s+i'?m)\s+dead\b|\brather\s+die\b/i },
  { id: "en.disappear", category: "suicidal_ideation", level: "medium", pattern: /\b(?:wish(?:ed)?\s+i\s+(?:could|would|can)|want(?:ed)?\s+to|wanna|need\s+to)\s+(?:just\s+)?(?:disappear|dissapear|disapear|vanish|stop\s+existing|not\s+exist|cease\s+to\s+exist|be\s+gone)\b/i },
  { id: "en.not-exist", category: "suicidal_ideation", level: "medium", pattern: /\b(?:wish|want)\s+(?:i\s+)?(?:didn'?t|did\s+not|don'?t|to\s+not)\s+exist\b|\b(?:if|that)\s+i\s+(?:just\s+)?(?:didn'?t|did\s+not|don'?t)\s+exist\b|\bstop\s+existing\b/i },
  { id: "en.never-born", category: "suicidal_ideation", level: "medium", pattern: /\bwish\s+i\s+(?:had\s+|'d\s+)?never\s+been\s+born\b|\bwish\s+i\s+(?:wasn'?t|was\s+never|were\s+never)\s+born\b/i },
  // "don't want to wake up early" is about alarms: a time word may not follow.
  {
    id: "en.not-wake-up",
    category: "suicidal_ideation",
    level: "medium",
    pattern: /\b(?:(?:don'?t|do\s+not|never)\s+want\s+to\s+wake\s+up(?!\s+(?:early|at|before|so\s+early|for))|hope\s+i\s+(?:don'?t|never|do\s+not)\s+wake\s+up|(?:sleep|asleep)\s+(?:and|&)\s+(?:never|not)\s+wake\s+up|never\s+wake\s+up\s+again|sleep\s+forever)\b/i,
  },
  // "don't want to be here" is also said at boring parties: for here/around, a word of
  // permanence has to follow.
  {
    id: "en.not-want-to-live",
    category: "suicidal_ideation",
    level: "medium",
    pattern: /\b(?:don'?t|do\s+not|dont)\s+want\s+to\s+(?:be\s+alive|live|exist|go\s+on|keep\s+(?:going|living)|be\s+(?:here|around)\s+(?:any\s*more|any\s+longer|on\s+this\s+earth|in\s+this\s+world))\b/i,
  },
  { id: "en.not-sure-alive", category: "suicidal_ideation", level: "medium", pattern: /\bnot\s+sure\s+(?:if\s+|that\s+)?i\s+(?:want\s+to|wanna)\s+(?:be\s+alive|live|be\s+here|keep\s+(?:going|living)|go\s+on)\b/i },
  {
    id: "en.no-point-living",
    category: "suicidal_ideation",
    level: "medium",
    pattern: /\b(?:no|what'?s\s+the|whats\s+the|don'?t\s+see\s+(?:the|any)|see\s+no|there'?s\s+no|is\s+there\s+(?:a|any))\s+(?:point|reason|purpose)\s+(?:in\s+|of\s+|to\s+)?(?:living|being\s+alive|live|going\s+on|staying\s+alive|existing|carrying\s+on|keep\s+living)\b|\bnothing\s+(?:left\s+)?to\s+live\s+for\b/i,
  },
  { id: "en.tired-of-living", category: "suicidal_ideation", level: "medium", pattern: /\b(?:tired|sick|exhausted)\s+of\s+(?:living|being\s+alive|existing|this\s+life|life)\b|\bdone\s+with\s+(?:life|living|being\s+alive)\b/i },
  { id: "en.life-not-worth", category: "suicidal_ideation", level: "medium", pattern: /\blife\s+(?:is\s+not|isn'?t|is\s+no\s+longer|'?s\s+not|ain'?t)\s+worth\s+(?:living|it)\b|\bnot\s+worth\s+living\b/i },
  { id: "en.better-without-me", category: "suicidal_ideation", level: "medium", pattern: /\bbetter\s+off\s+without\s+me\b|\b(?:happier|better)\s+if\s+i\s+(?:was|were)\s+(?:gone|dead|not\s+here)\b/i },
  {
    id: "en.nobody-would-notice",
    category: "suicidal_ideation",
    level: "medium",
    pattern: /\b(?:no\s*one|nobody|no-one)\s+(?:would|will|'?d)\s+(?:even\s+)?(?:notice|care|miss\s+me)\s+if\s+i\s+(?:(?:was|were)\s+(?:gone|dead|not\s+here|no\s+longer\s+here)|died|disappeared|killed\s+myself|vanished|wasn'?t\s+(?:here|around|alive))/i,
  },
  // "I can't go on with the project" is not this, hence the words that may not follow.
  { id: "en.cant-go-on", category: "suicidal_ideation", level: "medium", pattern: /\b(?:can'?t|cannot|cant)\s+(?:go\s+on|keep\s+(?:living|going)\s+like\s+this)\b(?!\s+(?:with|to|a|the|holiday|vacation|tour|stage|dates?))/i },
  { id: "en.think-about-dying", category: "suicidal_ideation", level: "medium", pattern: /\bthink(?:ing)?\s+(?:a\s+lot\s+)?(?:about|of)\s+(?:dying|being\s+dead|not\s+being\s+(?:here|alive))\b/i },
  { id: "en.hope-accident", category: "suicidal_ideation", level: "medium", pattern: /\bhope\s+(?:i\s+(?:get|got)\s+hit\s+by|a\s+(?:car|bus|truck)\s+hits\s+me|i\s+get\s+in(?:to)?\s+an?\s+(?:accident|crash))|\bwouldn'?t\s+mind\s+(?:dying|if\s+i\s+died|not\s+waking\s+up)/i },
  { id: "en.death-appeals", category: "suicidal_ideation", level: "medium", pattern: /\bdeath\s+(?:sounds|seems|feels|looks)\s+(?:so\s+)?(?:peaceful|nice|good|better|easier|like\s+(?:a\s+)?relief)\b|\bhate\s+being\s+alive\b|\b(?:wouldn'?t|don'?t)\s+(?:care|mind)\s+if\s+i\s+(?:died|was\s+dead|were\s+dead|didn'?t\s+wake\s+up)\b/i },
  { id: "en.want-it-to-end", category: "suicidal_ideation", level: "medium", pattern: /\b(?:want|need|wish)\s+(?:it\s+all|everything|all\s+of\s+(?:it|this)|the\s+pain)\s+to\s+(?:end|stop|be\s+over)\b/i },
  { id: "en.deserve-to-die", category: "suicidal_ideation", level: "medium", pattern: /\bdeserve\s+to\s+die\b|\bshould\s+(?:just\s+)?(?:die|be\s+dead)\b|\bdon'?t\s+deserve\s+to\s+(?:live|be\s+alive)\b/i },
  // Wanting to jump with nothing after it (a trampoline has "on"/"in" after it).
  { id: "en.want-to-jump", category: "suicidal_ideation", level: "medium", pattern: /\b(?:want|going|ready|about)\s+to\s+jump\b(?!\s+(?:on|in|into|rope|up|for|around|at|over|the\s+gun|ship|queue|start))|\bwanna\s+jump\b(?!\s+(?:on|in|into|rope|up))/i },
  { id: "en.will-jump", category: "suicidal_ideation", level: "high", pattern: /\b(?:i'?ll|i\s+will|(?:i'?m|im|i\s+am)\s+(?:going\s+to|gonna))\s+(?:actually\s+|finally\s+|just\s+)?jump\b(?!\s+(?:on|in|into|rope|up|for|around|at|over|the\s+gun|ship|queue|start|back|out\s+of\s+(?:a|the)\s+plane))/i },
  // Perceived burdensomeness: a known risk factor, not a statement of risk → low.
  { id: "en.burden", category: "suicidal_ideation", level: "low", pattern: /\b(?:i'?m|i\s+am|im|feel\s+like|feel|being)\s+(?:such\s+|just\s+|a\s+)*(?:a\s+)?burden\b/i },

  // Plans and preparation (C-SSRS 5–6) → imminent.
  // A bare "wrote a note" counts (clients say exactly that), unless it is plainly to a teacher,
  // on the fridge, about something. Letters need a qualifier: most letters are just letters.
  {
    id: "en.note",
    category: "suicide_plan",
    level: "imminent",
    pattern:
      /\b(?:suicide|goodbye|farewell|final)\s+(?:note|letter|message|video)s?\b|\b(?:wrote|written|writing|left|finished|leaving)\s+(?:a|my|the)\s+note\b(?!\s+(?:to|for)\s+(?:my\s+|the\s+)?(?:teacher|professor|boss|landlord|roommate|flatmate|neighbou?rs?|class|office|manager|coach|school|work|doctor|gp|teammates?|colleagues?)\b)(?!\s+(?:about|on|in|under|of)\b)/i,
  },
  {
    id: "en.goodbye",
    category: "suicide_plan",
    level: "imminent",
    subject: "farewell",
    pattern:
      /\bthis\s+is\s+(?:goodbye|my\s+goodbye|my\s+last\s+(?:message|post|goodbye|night|day))\b|\bthis\s+(?:will\s+be|is)\s+the\s+last\s+(?:time\s+)?(?:you\s+(?:hear|talk)|we\s+talk|message)|\b(?:final\s+goodbye|said\s+my\s+goodbyes|saying\s+my\s+goodbyes|goodbye\s+(?:forever|world|cruel\s+world))\b|\bby\s+the\s+time\s+you\s+read\s+this\b|\bwon'?t\s+be\s+(?:here|around|alive)\s+(?:tomorrow|much\s+longer|by\s+(?:tomorrow|morning|monday|then)|for\s+much\s+longer|next\s+week|to\s+see)\b/i,
  },
  {
    id: "en.plan",
    category: "suicide_plan",
    level: "imminent",
    pattern: en(
      String.raw`\b(?:have|got|made|making|figured\s+out|worked\s+out)\s+(?:a|the|my)\s+plan\s+(?:to|for)\s+(?:kill|end|die|suicide|do\s+it|how)\b` +
        String.raw`|\b(?:know|decided|figured\s+out|worked\s+out|planned)\s+(?:exactly\s+)?(?:how|when|where)\s+(?:(?:i'?m|im|i\s+am)\s+(?:going\s+to|gonna)|i'?ll|i\s+will|i'?d|to)\s+(?:do\s+it|end\s+it|kill\s+${MYSELF}|end\s+my\s+life|die)\b` +
        String.raw`|\b(?:decided|made\s+up\s+my\s+mind|made\s+my\s+decision|(?:i'?m|im|i\s+am)\s+ready)\s+(?:to\s+)?(?:do\s+it|end\s+it|go\s+through\s+with\s+it|kill\s+${MYSELF}|die|end\s+my\s+life|jump|take\s+(?:the|my|all\s+(?:the|my))\s+pills)\b`,
    ),
  },
  { id: "en.goodbye-to", category: "suicide_plan", level: "high", pattern: /\bsaid\s+(?:my\s+)?goodbyes?\s+to\s+(?:my\s+)?(?:family|parents|mom|mum|dad|kids|children|dog|cat|pets?|everyone|friends|sister|brother)\b/i },
  { id: "en.planned-it", category: "suicide_plan", level: "high", pattern: /\bplanned\s+(?:it|everything)\s+(?:all\s+)?out\b|\b(?:have|got)\s+it\s+all\s+planned\b|\bplanned\s+(?:how|when|where)\s+(?:i'?ll|i\s+will|i'?m\s+going\s+to|to)\b/i },
  // Letters that explain or say goodbye, and running a car in a closed garage: acts of preparation.
  { id: "en.explaining-letters", category: "suicide_plan", level: "imminent", pattern: /\b(?:writing|wrote|written|leave|leaving|left)\s+(?:a\s+)?(?:letters?|notes?|messages?)\s+(?:to|for)\s+(?:my\s+|the\s+)?(?:family|parents|kids|children|mom|mum|dad|wife|husband|partner|everyone|friends)\s+(?:to\s+)?(?:explain(?:ing)?\s+why|saying\s+goodbye|say\s+goodbye|for\s+after|for\s+when\s+i'?m\s+gone)/i },
  { id: "en.car-exhaust", category: "means", level: "imminent", pattern: /\b(?:car|engine)\s+(?:running\s+)?in\s+(?:the|a)\s+(?:closed\s+|shut\s+)?garage\b|\bgarage\s+with\s+the\s+engine\s+running\b|\bhose\s+(?:from|to|on|into)\s+the\s+exhaust\b/i },
  // Giving away possessions is a classic warning sign; alone it could be a clear-out → high.
  { id: "en.give-away", category: "suicide_plan", level: "high", pattern: /\b(?:gave|given|giving)\s+away\s+(?:all\s+|most\s+|some\s+)?(?:of\s+)?(?:my|all\s+my)\s+(?:cat|dog|pets?|things|stuff|belongings|possessions|savings)\b(?!\s+to\s+(?:charity|goodwill|the\s+(?:shelter|charity)))/i },
  { id: "en.wont-need", category: "suicide_plan", level: "imminent", pattern: /\bwon'?t\s+need\s+(?:them|it|these|those|this|my\s+\w+|anything)\s+(?:any\s*more|after\b|where\s+i'?m\s+going|much\s+longer)/i },

  // Means: access or preparation. Alone → high; with ideation in the message → imminent.
  {
    id: "en.stockpile",
    category: "means",
    level: "high",
    pattern: en(
      String.raw`\b(?:stockpil(?:e|ed|ing)|hoard(?:ed|ing)?|sav(?:e|ed|ing)\s+up|collect(?:ed|ing)|stash(?:ed|ing)?|saved|been\s+saving|hid(?:e|ing|den)?|(?:keep|keeping|kept|holding|held)\s+back)\s+(?:up\s+)?(?:some\s+of\s+)?(?:all\s+)?(?:my\s+|a\s+(?:bunch|lot|stack|pile)\s+of\s+|some\s+|enough\s+)?(?:sleeping\s+|pain\s+)?${PILLS}\b` +
        String.raw`|\bstash\s+of\s+(?:\w+\s+)?${PILLS}|\b(?:have|got|saved|collected)\s+enough\s+(?:${PILLS}|now|of\s+them)\b`,
    ),
  },
  { id: "en.noose", category: "means", level: "high", pattern: /\bnoose\b|\b(?:tied|hung)\s+(?:a\s+|the\s+)?rope\s+(?:to|from|around|over)\b/i },
  // Rope is bought for camping and moving too: alone low, with any other suicidal signal imminent.
  { id: "en.rope", category: "means", level: "low", pattern: /\b(?:bought|got|have|found)\s+(?:a\s+|the\s+|some\s+)?rope\b/i },
  {
    id: "en.firearm",
    category: "means",
    level: "high",
    pattern: /\b(?:have|got|bought|own|found|holding|loaded|took)\s+(?:a|my|the|my\s+(?:dad|father|mom|brother|husband)'?s|his)\s+(?:gun|pistol|rifle|shotgun|firearm|revolver|handgun)\b|\b(?:gun|pistol|rifle|it)\s*(?:'s|is)\s+loaded\b|\bloaded\s+(?:gun|pistol|rifle)\b/i,
  },
  { id: "en.means-at-hand", category: "means", level: "high", pattern: /\b(?:pills|tablets|meds|blade|razor|knife|gun|rope)\s+(?:are\s+|is\s+)?(?:right\s+)?(?:in\s+front\s+of\s+me|in\s+my\s+hand|next\s+to\s+me|on\s+my\s+(?:desk|bed|lap))\b|\btake\s+(?:them\s+all|all\s+(?:of\s+)?(?:them|my\s+pills|the\s+pills|my\s+meds))\b|\b(?:pills|tablets|meds)\s+(?:are\s+)?(?:counted|lined\s+up|laid\s+out|sorted\s+out)|\bcount(?:ed|ing)\s+(?:out\s+)?(?:my\s+|the\s+|all\s+(?:my\s+|the\s+)?)?(?:pills|tablets|meds)\b|\b(?:knife|blade|razor)\s+(?:is\s+)?(?:against|to|on)\s+my\s+(?:wrists?|arms?|throat|skin|neck)\b/i },
  { id: "en.blade", category: "means", level: "high", pattern: /\b(?:have|got|bought|holding|found)\s+(?:a|the|my|some)\s+(?:blade|razor\s*blades?|box\s*cutter|razors)\b/i },
  // Being at a height or on the tracks, said in the first person present.
  { id: "en.at-the-edge", category: "means", level: "high", pattern: /\b(?:i'?m|im|i\s+am)\s+(?:(?:standing|sitting|up|out|right)\s+)?(?:on|at)\s+(?:the|a|this)\s+(?:edge|bridge|roof|rooftop|ledge|cliff|tracks|railway|top\s+of\s+(?:the|a|my)\s+(?:building|bridge))\b/i },

  // Self-harm: current → high. Past and recovered is lowered by context.
  { id: "en.cut-myself", category: "self_harm", level: "high", pattern: en(String.raw`\bcut(?:s|ting|tin)?\s+(?:${MYSELF}|my\s+(?:arms?|wrists?|legs?|thighs?|skin|stomach|body))\b`) },
  { id: "en.burn-body", category: "self_harm", level: "high", pattern: /\b(?:burn(?:ed|t|ing)?|carv(?:e|ed|ing)|scratch(?:ed|ing)?)\s+(?:into\s+)?my\s+(?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?)\b(?!\s+(?:on|in|while|cooking|accidentally|by\s+accident))/i },
  // A bare "cut" with a time after it is how self-harm is told ("relapsed and cut last night");
  // "cut class yesterday" has an object in between, so it does not match.
  { id: "en.cut-when", category: "self_harm", level: "high", pattern: /\b(?:i|and|i'?ve|just|finally)\s+cut\s+(?:again|last\s+night|yesterday|today|this\s+morning|tonight|deep(?:er)?|too\s+deep)\b|\bcutting\s+(?:to\s+cope|to\s+feel|helps|is\s+the\s+only)\b|\b(?:helps?|relief|coping|cope)\s+(?:is\s+|me\s+is\s+|by\s+)?cutting\b/i },
  {
    id: "en.cutting",
    category: "self_harm",
    level: "high",
    pattern: /\b(?:been|started|start|keep|kept|used\s+to|urge\s+to|want\s+to|wanna|need\s+to)\s+(?:cutting|cut)\b(?!\s+(?:back|down|out|off|class|classes|school|carbs|sugar|ties|costs?|corners|my\s+hair|hair|the|a|an|it|them|him|her|people|loose|in|through|and\s+paste|lines?))|\bcutting\s+again\b/i,
  },
  { id: "en.self-harm", category: "self_harm", level: "high", subject: "topic", pattern: /\bself[-\s]?(?:harm(?:ing|ed|s)?|injur(?:y|e|ing|ed)|mutilat\w*)\b/i },
  { id: "en.hurt-myself", category: "self_harm", level: "high", pattern: en(String.raw`\bhurt(?:s|ing)?\s+${MYSELF}\b`) },
  { id: "en.burn-myself", category: "self_harm", level: "high", pattern: en(String.raw`\bburn(?:ed|t|ing|s)?\s+${MYSELF}\b(?!\s+(?:on|out|with\s+(?:the\s+)?(?:stove|oven|pan|iron|kettle|hot|coffee|tea)|cooking|making|taking))`) },
  { id: "en.hit-myself", category: "self_harm", level: "high", pattern: en(String.raw`\b(?:hit|hitting|punch(?:ing|ed)?|slap(?:ping|ped)?|starv(?:e|ed|ing))\s+${MYSELF}\b`) },
  // Hurting the body "until it bleeds" is self-harm whatever the verb.
  { id: "en.until-bleed", category: "self_harm", level: "high", pattern: /\b(?:until|till|til|'til)\s+(?:it|they|i|my\s+\w+)\s+(?:bleeds?|bled|(?:was|were|are|is|start(?:ed)?)\s+bleeding)\b/i },

  // Medical emergency: the act has happened → imminent. ("od'd" needs its apostrophe: "odd".)
  { id: "en.overdosed", category: "medical_emergency", level: "imminent", pattern: /\bover\s*dosed\b|\bo\.?d'd\b|\bo\.d\.'?d\b|\bod-?ed\b/i },
  {
    id: "en.took-pills",
    category: "medical_emergency",
    level: "imminent",
    pattern: en(
      String.raw`\b(?:took|taken|swallowed|downed|ate|had|popped|take|drank)\s+(?:a\s+|the\s+|an?\s+|my\s+|her\s+|his\s+)?(?:whole|entire|full)\s+(?:bottle|pack(?:et)?|box|strip|jar|blister|prescription)` +
        String.raw`|\b(?:took|taken|swallowed|downed|popped|ate)\s+(?:like\s+|about\s+|around\s+|over\s+|maybe\s+)?(?:all\s+(?:of\s+)?(?:my|the|her|his)|too\s+many|way\s+too\s+many|a\s+(?:lot|bunch|handful|fistful|ton)\s+of|handfuls\s+of|\d{2,}|(?:fifteen|twenty|thirty|forty|fifty|sixty|a\s+hundred)|(?:a\s+)?dozen)\s+(?:of\s+)?(?:my\s+|the\s+|her\s+|his\s+)?(?:[\w']+\s+){0,2}?${PILLS}` +
        String.raw`|\bmix(?:ed|ing)\s+(?:all\s+)?(?:my\s+|the\s+)?${PILLS}\s+with\s+(?:alcohol|vodka|wine|beer|whiske?y|booze|drinks?|liquor)`,
    ),
  },
  { id: "en.poison", category: "medical_emergency", level: "imminent", pattern: /\b(?:drank|drunk|swallowed|ingested)\s+(?:a\s+(?:bottle|cup|glass)\s+of\s+|some\s+)?(?:bleach|antifreeze|poison|pesticide|weed\s*killer|rat\s+poison|drain\s+cleaner|cleaning\s+(?:fluid|product)|lye)\b/i },
  {
    id: "en.chest-breathing",
    category: "medical_emergency",
    level: "imminent",
    pattern:
      /\bchest\s+(?:pain|hurts?|is\s+(?:hurting|tight|crushing)|feels\s+(?:tight|crushed|heavy)|tightness)\b[^.!?\n]{0,60}?\b(?:can'?t|cannot|cant|hard\s+to|struggling\s+to|unable\s+to)\s+breathe|\b(?:can'?t|cannot|cant)\s+breathe\b[^.!?\n]{0,60}?\bchest\s+(?:pain|hurts?)|(?<!\b(?:thought|felt\s+like|was\s+sure|was\s+convinced)\s+(?:i\s+was|i'?d\s+been)\s+)\bhaving\s+a\s+(?:heart\s+attack|stroke|seizure)\b/i,
  },
  { id: "en.bleeding", category: "medical_emergency", level: "imminent", pattern: /\b(?:won'?t|will\s+not|can'?t|cannot|cant)\s+stop\s+(?:the\s+)?bleeding\b|\bbleeding\s+(?:won'?t|will\s+not|doesn'?t|isn'?t)\s+stop|\bcut\s+too\s+deep\b|\blosing\s+(?:a\s+lot\s+of\s+)?blood\b|\bso\s+much\s+blood\b/i },

  // Harm to others: intent verb + violent verb + a person as target → high.
  {
    id: "en.harm-others",
    category: "harm_to_others",
    level: "high",
    pattern: en(
      String.raw`\b(?:going\s+to|gonna|will|'ll|want\s+to|wanna|plan(?:ning)?\s+to|about\s+to|ready\s+to|intend\s+to|need\s+to)\s+(?:fucking\s+|really\s+|actually\s+|finally\s+)?(?:kill|murder|stab|shoot|strangle|choke|poison|hurt|beat\s+up|attack)\s+` +
        String.raw`(?:him|her|them|anyone|anybody|my\s+(?:\w+\s+)?${KIN}|that\s+(?:guy|girl|man|woman|kid|bitch|bastard|asshole|teacher)|this\s+(?:guy|girl|man|woman|kid)|everyone|everybody|someone|somebody|people|the\s+(?:guy|kid|teacher|bully|bullies|man|woman|bitch|bastard))\b` +
        String.raw`|\bshoot\s+up\s+(?:the|my|a|this|our)\s+(?:school|class|office|work|church|mall|party|mosque|synagogue)\b|\bbring(?:ing)?\s+(?:a|my|the|his)\s+(?:gun|knife|weapon|rifle)\s+to\s+(?:school|work|class|the\s+office)\b`,
    ),
  },
  // Intrusive harm thoughts (often OCD, post-partum): worth exploring, not intent → medium.
  {
    id: "en.harm-thoughts",
    category: "harm_to_others",
    level: "medium",
    pattern: /\b(?:thoughts?\s+(?:of|about)|urges?\s+to|afraid\s+i\s+(?:might|will|'ll)|scared\s+i\s+(?:might|will|'ll)|keep\s+(?:thinking|imagining)\s+(?:about|of))\s+(?:hurting|killing|harming|stabbing|hurt|kill|harm)\s+(?:my\s+|him\b|her\b|them\b|someone|people|others|the\s+)/i,
  },

  // Abuse: something done to the client → medium; threats to life, strangulation → high.
  {
    id: "en.hits-me",
    category: "abuse",
    level: "medium",
    subject: "victim",
    pattern:
      /\b(?:hits?|hitting|beats?|beating|slaps?|slapped|slapping|punch(?:es|ed|ing)|kicks?|kicked|kicking|shoves?|shoved|shoving|push(?:es|ed|ing)|whips?|whipped|smacks?|smacked|belts?|belted|bites|bit)\s+me\b(?:\s+around)?|\b(?:throws?|threw)\s+(?:things|stuff|\w+)\s+at\s+me\b|\b(?:lock(?:s|ed)?)\s+me\s+(?:in|up)\b/i,
  },
  { id: "en.strangled", category: "abuse", level: "high", subject: "victim", pattern: /\b(?:chok(?:es|ed|ing)|strangl(?:es|ed|ing)|suffocat(?:es|ed|ing))\s+me\b|\b(?:hands|arm)\s+around\s+my\s+(?:neck|throat)\b/i },
  {
    id: "en.death-threat",
    category: "abuse",
    level: "high",
    subject: "victim",
    pattern:
      /\bthreat(?:en|ens|ened|ening)\s+(?:to\s+)?(?:kill|hurt|shoot|stab|murder)\s+me\b|\b(?:said|says|told\s+me)\s+(?:that\s+)?(?:he|she|they)\s*(?:'d|would|will|'ll|is\s+going\s+to|'s\s+going\s+to|was\s+going\s+to|'s\s+gonna|is\s+gonna)\s+(?:kill|hurt|shoot|stab|murder)\s+me\b|\b(?:scared|afraid|terrified|worried)\s+(?:that\s+)?(?:he|she|they)\s*(?:'s|is|'ll|will|might|may|are|'re)?\s*(?:going\s+to\s+|gonna\s+)?(?:kill|hurt|shoot|stab|murder)\s+me\b|\b(?:afraid|fear|scared)\s+for\s+my\s+life\b|\b(?:pulled|held|pointed|waved)\s+(?:a|his|her|the)\s+(?:knife|gun)\s+(?:on|at|to)\s+(?:me|my)\b/i,
  },
  // "touches me" alone is a hug; the qualifiers are what make it a disclosure.
  {
    id: "en.sexual-abuse",
    category: "abuse",
    level: "high",
    subject: "victim",
    pattern:
      /\btouch(?:es|ed|ing)?\s+me\s+(?:when\s+(?:nobody|no\s*one|no-one|we'?re\s+alone|i'?m\s+(?:asleep|alone))|at\s+night|in\s+my\s+(?:room|bed|sleep)|down\s+there|inappropriately|there|against\s+my\s+will|without\s+(?:my\s+)?(?:consent|permission)|where\s+i\s+don'?t|even\s+(?:though|when)\s+i)|\b(?:molest(?:s|ed|ing)?|rap(?:es|ed|ing)|grop(?:es|ed|ing)|sexually\s+(?:assault(?:s|ed|ing)?|abus(?:es|ed|ing)))\s+me\b|\b(?:makes|made|forces|forced)\s+me\s+(?:to\s+)?(?:have\s+sex|do\s+(?:sexual|things\s+i\s+don'?t)|touch\s+(?:him|her))/i,
  },
  { id: "en.abused", category: "abuse", level: "medium", subject: "victim", pattern: /\b(?:i'?m|i\s+am|im|i'?ve\s+been|i\s+was|being|getting|got)\s+(?:being\s+)?(?:abused|beaten\s+up|raped|molested|assaulted|sexually\s+(?:assaulted|abused)|bullied)\b|\bagainst\s+my\s+will\b|\bdomestic\s+(?:violence|abuse)\b/i },
  // Someone at the door is only a danger sign in context; a weapon or "right now" raises it.
  { id: "en.at-my-door", category: "abuse", level: "medium", subject: "victim", pattern: /\b(?:he|she|they)(?:'s|'re|\s+is|\s+are|s)\s+(?:outside|at|banging\s+on|trying\s+to\s+(?:get|break)\s+(?:in|into))\s+(?:my|the)\s+(?:door|house|window|room|apartment|flat)\b/i },
  { id: "en.controlled", category: "abuse", level: "medium", subject: "victim", pattern: /\b(?:won'?t|doesn'?t|does\s+not|will\s+not|never)\s+let\s+me\s+(?:leave|go\s+out|go\s+anywhere|see\s+my\s+(?:friends|family)|have\s+(?:my\s+own\s+)?(?:money|a\s+phone|my\s+phone)|talk\s+to\s+(?:anyone|my)|out\s+of\s+(?:the\s+house|his\s+sight|her\s+sight))\b/i },
  // Violence between others at home: the client is a witness (and often a target too).
  { id: "en.witnessed-violence", category: "abuse", level: "medium", subject: "victim", pattern: /\b(?:hits?|beats?|hitting|beating)\s+(?:my\s+)?(?:mom|mum|mother|sister|brother|stepmom|siblings?)\b/i },
  { id: "en.others-abused", category: "abuse", level: "low", subject: "other", pattern: /\b(?:hits?|beats?|abuses?|hitting|beating|abusing)\s+(?:her|him)\b/i },

  // About someone else by construction: a concern worth noting, not the client's own risk.
  { id: "en.third-person-suicide", category: "suicidal_ideation", level: "low", subject: "other", pattern: /\b(?:kill(?:s|ed|ing)?|hang(?:s|ed|ing)?|throw(?:s|ing)?|threw|shoot(?:s|ing)?|shot|drown(?:s|ed|ing)?|starv(?:e|es|ed|ing))\s+(?:himself|herself|themselves|themself)\b/i },
  { id: "en.third-person-self-harm", category: "self_harm", level: "low", subject: "other", pattern: /\b(?:cut(?:s|ting)?|hurt(?:s|ing)?|burn(?:s|ed|ing)?)\s+(?:himself|herself|themselves|themself)\b/i },
]);

const ENGLISH_MASKS: RiskRule[] = masks("en", [
  // Idioms whose words overlap a risk rule. Everything else idiomatic ("killing me", "dying to",
  // "dead tired") matches no rule in the first place and needs no mask.
  { id: "en.idiom.die-of", category: "none", level: "none", pattern: /\bdie\s+(?:of|from)\s+(?:embarrassment|shame|boredom|laughter|laughing|cringe|cuteness|happiness|jealousy|envy|curiosity|excitement|thirst|hunger)\b/i },
  { id: "en.idiom.rather-die-than", category: "suicidal_ideation", level: "low", pattern: /\b(?:'?d|would)\s+(?:rather|sooner)\s+(?:be\s+dead|die)\s+than\b/i },
  { id: "en.idiom.disappear-trip", category: "none", level: "none", pattern: /\b(?:disappear|vanish)\s+(?:to|for|into|on|off\s+to)\s+(?:a\s+|the\s+)?(?:beach|cabin|island|holiday|vacation|trip|week|month|weekend|few\s+days|mountains?|woods|countryside|another\s+country)\b/i },
  { id: "en.idiom.take-my-life-back", category: "none", level: "none", pattern: /\btak(?:e|ing)\s+my\s+life\s+(?:back|in(?:to)?\s+my\s+own\s+hands|seriously)\b/i },
  // Overwork: "killing myself trying to finish", "killing myself at the gym".
  { id: "en.idiom.killing-myself-working", category: "none", level: "none", pattern: /\bkilling\s+my\s*self\s+(?:trying|at\s+(?:work|the\s+gym)|over\s+(?:this|that|work|it)|to\s+(?:finish|get|make|meet|keep)|for\s+(?:this|that|work|nothing))\b/i },
  // Proper names and idioms with "suicide" in them.
  { id: "en.idiom.suicide-compound", category: "none", level: "none", pattern: /\bsuicide\s+(?:squad|mission|run|doors?|bomb(?:er|ers|ing|ings|s)?|attacks?|squeeze|drills?)\b|\b(?:career|social|political|commercial|electoral|professional)\s+suicide\b/i },
  // "a suicide", "the suicides": an event, not a state of the speaker.
  { id: "en.suicide-event", category: "suicidal_ideation", level: "low", pattern: /\b(?:a|the|his|her|their|another|this|that)\s+suicides?\b(?!\s+(?:note|letter|plan|attempt))/i },
  // Accidents.
  { id: "en.accident.cut", category: "none", level: "none", pattern: /\bcut\s+my\s*self\s+(?:shaving|cooking|chopping|slicing|gardening|on\s+(?:a|the|some|paper)|opening|by\s+accident|accidentally|with\s+a\s+(?:kitchen\s+)?knife\s+while)|\baccidentally\s+cut\s+my\s*self\b/i },
  { id: "en.accident.hurt", category: "none", level: "none", pattern: /\bhurt\s+my\s*self\s+(?:at|while|during|playing|lifting|running|skiing|skating|climbing|falling|on\s+the|in\s+the\s+(?:gym|game|match))\b|\b(?:fell|tripped|slipped)\s+and\s+hurt\s+my\s*self\b/i },
  { id: "en.idiom.hit-me", category: "none", level: "none", pattern: /\bhit\s+me\s+(?:up|back|harder|different(?:ly)?|like\s+a|with\s+(?:the\s+)?(?:news|truth|facts|a\s+(?:question|request|text|message|call|song|line|joke)|that|this|it))\b|\b(?:it|that|this|reality|the\s+(?:realization|realisation|news|song|truth|movie|heat|wave|smell|thought|memory|feeling|nostalgia|sadness|grief|loneliness))\s+(?:really\s+|finally\s+|just\s+|suddenly\s+)?(?:hit|hits|hitting)\s+me\b/i },
  { id: "en.idiom.beat-me-at", category: "none", level: "none", pattern: /\bbeat(?:s)?\s+me\s+(?:at|in|to|by|again\s+at|fair)\b|\bpush(?:es|ed|ing)?\s+me\s+to\b/i },
  { id: "en.idiom.could-kill", category: "harm_to_others", level: "low", pattern: /\bcould\s+(?:just\s+|literally\s+)?(?:kill|murder|strangle)\s+(?:him|her|them|my\s+\w+)\b/i },
  { id: "en.idiom.harm-others", category: "none", level: "none", pattern: /\bshoot\s+(?:him|her|them|my\s+\w+)\s+(?:a|an)\s+(?:text|message|email|e-mail|dm|line|quick)\b|\bhurt\s+(?:his|her|their|my\s+\w+'?s)\s+feelings\b|\bbeat\s+(?:him|her|them)\s+(?:at|in)\b/i },
  { id: "en.idiom.jump-in-water", category: "none", level: "none", pattern: /\bjump(?:ing)?\s+off\s+(?:the|a)\s+(?:cliff|bridge|rocks?|pier|dock|boat)\s+into\s+(?:the\s+)?(?:water|lake|river|sea|pool|ocean)\b/i },
]);

const ENGLISH_BOOSTERS: RiskRule[] = [
  ...boosters("en", "timing", [
    { id: "en.when.soon", pattern: /\b(?:tonight|tonite|2nite|today|tomorrow|this\s+(?:weekend|evening|afternoon)|right\s+now|in\s+(?:an|a\s+few|\d+)\s+(?:hours?|minutes?)|(?:on\s+|this\s+|next\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|when\s+(?:everyone|my\s+\w+|they|he|she)\s+(?:is|are|'s|'re)\s+(?:away|out|gone|asleep)|once\s+(?:everyone|they|my\s+\w+)\s+(?:is|are|goes?|go)\s+(?:asleep|to\s+(?:bed|sleep))|after\s+(?:everyone|they|my\s+\w+)\s+(?:goes?|go|falls?|fall)\s+(?:to\s+)?(?:bed|sleep|asleep)|when\s+(?:he|she|they)\s+(?:comes?|gets?)\s+home|soon)\b/i },
  ]),
  ...boosters("en", "place", [{ id: "en.where.edge", pattern: /\b(?:standing|sitting|up)\s+(?:on|at)\s+(?:the|a)\s+(?:edge|bridge|roof|rooftop|ledge|cliff|tracks|railway\s+line)\b|\bon\s+the\s+(?:roof|ledge)\s+of\b|\bat\s+the\s+(?:train\s+station|station|platform|tracks)\b|\bon\s+the\s+platform\b/i }]),
  ...boosters("en", "decision", [{ id: "en.decided", pattern: /\b(?:i'?ve\s+|i\s+have\s+)?(?:decided|made\s+up\s+my\s+mind|made\s+my\s+decision)\b|\b(?:tonight|today)(?:'s|\s+is)\s+the\s+(?:night|day)\b|\b(?:i'?m|im|i\s+am)\s+(?:finally\s+)?ready\b(?!\s+(?:for|to\s+(?:go|start|talk|begin|learn|try|move|change|get|work|order|leave\s+(?:him|her|them|the\s+house|home|work))))|\b(?:i'?m|im|i\s+am)\s+done\b(?!\s+(?:with\s+(?:school|work|my\s+(?:homework|shift|exams?|work))|for\s+(?:today|the\s+day|now)|eating|talking))/i }]),
  ...boosters("en", "weapon", [{ id: "en.weapon", pattern: /\b(?:knife|gun|pistol|rifle|weapon|machete|bat|belt|cane|stick|hanger|cord|whip)\b|\b(?:outside|at)\s+my\s+(?:door|window|house)\b/i }]),
  ...boosters("en", "joke", [{ id: "en.joking", pattern: /\b(?:lol|lmao|lmfao|haha\w*|jk|just\s+kidding|kidding)\b|😂|🤣|😆/i }]),
];

// ──────────────────────────────────────────────────────────────────────────────────────────
// Chinese (Simplified; Traditional is folded to Simplified before matching)
// ──────────────────────────────────────────────────────────────────────────────────────────

/** A run of characters within one clause (no punctuation, no space). */
const ZH_GAP = (max: number): string => `[^,.!?;:。、\\s]{0,${max}}`;
const zh = (source: string): RegExp => new RegExp(source);

const CHINESE_RISK: RiskRule[] = risk("zh", [
  // Topic words. 紫砂 is the homophone slang for 自杀 (teapots are masked below).
  { id: "zh.suicide", category: "suicidal_ideation", level: "high", subject: "topic", pattern: /自杀|轻生|寻死|紫砂/ },
  { id: "zh.end-life", category: "suicidal_ideation", level: "high", pattern: /结束(?:掉)?(?:自己|我)?(?:的)?(?:生命|性命)|了结(?:掉)?(?:自己|我自己|生命|此生)|自我了断|一了百了|一死了之|离开这个世界|杀(?:了|死)?(?:我)?自己|弄死(?:我)?自己/ },
  { id: "zh.end-everything", category: "suicidal_ideation", level: "medium", pattern: /结束(?:这)?一切|做傻事|想不开/ },
  // Methods named: ideation with method → high (topic: also appear in news and plots).
  { id: "zh.method", category: "suicidal_ideation", level: "high", subject: "topic", pattern: /跳楼|跳河|跳江|跳湖|跳海|跳桥|卧轨|上吊|吊死|烧炭|割腕|割脉|割(?:了)?(?:自己的)?手腕|服毒|喝农药|吃安眠药|吞安眠药|吞药|从(?:楼上|窗户|窗口|阳台|天台|楼顶|顶楼|桥上|高处)跳下/ },
  { id: "zh.jump-down", category: "suicidal_ideation", level: "medium", pattern: /(?:想|要|想要)(?:从这里)?跳下去|跳下去算了/ },
  { id: "zh.method-seeking", category: "means", level: "high", pattern: /怎么(?:样)?(?:死|自杀)(?:才|会|比较|最)?(?:不痛|不疼|快|没有痛苦|痛快)|吃多少(?:片|粒)?(?:安眠药|药)(?:才)?(?:会|能|可以)?死|哪种死法|(?:无痛|不痛苦)的?(?:死法|自杀)/ },

  // Passive ideation → medium. 死 compounds that are not dying are excluded after 死:
  // 死机 (crash), 死党 (best friend), 死磕, 死心塌地, 死活, ...
  // 就去死 / 要去死: "will go and die" is stated intent, unlike the wish 想死.
  { id: "zh.will-die", category: "suicidal_ideation", level: "high", pattern: /(?:就|要|准备|打算|决定)去死/ },
  { id: "zh.want-to-die", category: "suicidal_ideation", level: "medium", pattern: /想(?:要|去|过|过要)?死(?![机角党磕心守记板胡对缠盯扛活命忠])|(?:还是|不如|我)去死|死(?:了|掉)?(?:算了|就好了|就解脱了?|就轻松了|拉倒)|不如死(?:了|掉)?|想(?:要)?(?:彻底)?解脱/ },
  // 不想活 but not 不想活动 (exercise) or 不活泼 (lively).
  { id: "zh.not-live", category: "suicidal_ideation", level: "medium", pattern: /不(?:想|要|愿意|愿|想要|再想)(?:再)?活(?![动泼跃该儿络力血期])|活不下去|不活了|活够了|不配活/ },
  { id: "zh.life-meaningless", category: "suicidal_ideation", level: "medium", pattern: /活着(?:真的?|好|太|很|都|也|又)?(?:没(?:有)?|有什么|还有什么)(?:意思|意义|盼头|希望|必要)|活着(?:真|好|太)?没劲/ },
  { id: "zh.not-wake", category: "suicidal_ideation", level: "medium", pattern: /(?:不想|不要|别|再也不|永远不|不愿意?)(?:再)?醒(?:来|过来)?|一睡不醒|永远睡(?:下去|过去|着)|长眠不醒|睡(?:一觉|着|过去)(?:了)?(?:就)?(?:再也)?不(?:要)?(?:再)?醒/ },
  { id: "zh.disappear", category: "suicidal_ideation", level: "medium", pattern: /想(?:要)?(?:永远)?(?:地)?消失|消失(?:了)?就好了|从这个世界(?:上)?消失/ },
  { id: "zh.better-without-me", category: "suicidal_ideation", level: "medium", pattern: /没有我(?:的话)?(?:大家|他们|家人|爸妈|父母|世界|你们|所有人)?(?:都)?会(?:过得)?更好|我(?:死了|不在了|消失了)(?:的话)?(?:大家|他们|家人|所有人)?(?:都)?会(?:更)?(?:好|开心|轻松)/ },
  { id: "zh.death-better", category: "suicidal_ideation", level: "medium", pattern: /活着(?:就是)?(?:个|一个)?(?:错误|多余|浪费)|宁(?:愿|可)(?:去)?死|死了(?:也)?(?:挺|蛮|倒|更)?好(?:的)?(?![看听吃玩])|(?:如果|要是)我死了(?:就好了)?/ },
  { id: "zh.cant-hold-on", category: "suicidal_ideation", level: "medium", pattern: /撑不下去|熬不下去/ },
  // Burden and weariness: risk factors, not statements of risk → low.
  { id: "zh.burden", category: "suicidal_ideation", level: "low", pattern: /(?:是|成了|就是)(?:个|一个)?(?:累赘|负担|拖累)/ },
  { id: "zh.weary-of-life", category: "suicidal_ideation", level: "low", pattern: /活着(?:真的?|好|太|很)?累|活得(?:好|太|很)累|人间不值得/ },

  // Plans and preparation → imminent.
  { id: "zh.plan", category: "suicide_plan", level: "imminent", pattern: zh(`想好(?:了)?(?:要)?(?:怎么|怎样|如何|在哪(?:里|儿)?|什么时候|哪天)(?:去)?(?:死|自杀|结束|走|了结|跳)|(?:计划|打算|安排|准备)好了?(?:怎么|怎样|如何)?(?:去)?(?:死|自杀|结束自己|结束生命|跳楼|烧炭)`) },
  { id: "zh.note", category: "suicide_plan", level: "imminent", subject: "topic", pattern: /遗书|遗言|绝笔/ },
  { id: "zh.goodbye", category: "suicide_plan", level: "imminent", subject: "farewell", pattern: /最后一次(?:跟|和|给)?(?:你|你们|大家)?(?:说话|聊天|聊|发消息)|永别了|再见了[,\s]*(?:大家|各位|世界|所有人)|(?:下辈子|来世)(?:再)?(?:见|做|当|报答|还)|这是我(?:的)?最后一(?:条|次|句)|交代(?:好)?(?:了)?后事/ },
  { id: "zh.give-away", category: "suicide_plan", level: "high", pattern: /把(?:我的)?(?:猫|狗|宠物|存款|积蓄)(?:都|也)?送(?:给)?(?:了)?(?:人|别人|朋友)/ },

  // Means.
  { id: "zh.stockpile", category: "means", level: "high", pattern: zh(`(?:攒|囤|存|藏|收集|偷偷买)(?:了)?${ZH_GAP(8)}(?:安眠药|药片|农药|百草枯|刀片|木炭)|(?:安眠药|药)(?:已经)?(?:攒|囤|存)(?:够|了)`) },
  { id: "zh.prepared", category: "means", level: "high", pattern: zh(`(?:买|准备)(?:好)?了?${ZH_GAP(4)}(?:绳子|木炭|炭|刀片|农药|百草枯)|(?:绳子|木炭|炭|刀片|农药|安眠药|胶带|药)(?:和${ZH_GAP(4)})?(?:都|也)?(?:已经)?(?:买好|准备好|备好|挂好|绑好|系好|买回来|买到|到手)(?:了)?`) },
  { id: "zh.at-the-edge", category: "means", level: "high", pattern: /站在(?:了)?(?:楼顶|天台|顶楼|桥上|桥边|江边|河边|窗台|阳台边|悬崖|铁轨)|(?:我(?!们)|现在)(?:现在)?(?:正)?(?:在|到了|来到|坐在)(?:了)?(?:楼顶|天台|顶楼|桥上|铁轨|悬崖)/ },
  { id: "zh.means-at-hand", category: "means", level: "high", pattern: /(?:刀|刀片|药|安眠药|绳子|枪)(?:已经|就)?(?:在|拿在)(?:我)?(?:的)?(?:手上|手里|面前|旁边|桌上)/ },

  // Self-harm → high.
  {
    id: "zh.self-harm",
    category: "self_harm",
    level: "high",
    subject: "topic",
    pattern: /自残|自伤|自我伤害|伤害(?:我)?自己|(?:割|划)(?:伤|破)?(?:了)?自己|(?:割|划)(?:了)?(?:自己的)?(?:手臂|胳膊|手腕|大腿|腿|皮肤|手)(?!指|机|术)|(?:用|拿)(?:刀|刀片|小刀|美工刀|圆规|玻璃)(?:片)?(?:割|划|刺)|烫(?:伤)?自己|打自己|掐自己|撞墙|咬自己/,
  },

  // Medical emergency → imminent.
  {
    id: "zh.overdose-taken",
    category: "medical_emergency",
    level: "imminent",
    pattern: zh(
      `(?:吃|吞|服|喝)(?:了|下了?)${ZH_GAP(3)}(?:一整瓶|一瓶|整瓶|一大瓶|半瓶|大半瓶|一把|一大把|好多|很多|一堆|一大堆|一盒|整盒|一板|整板|全部|所有|几十|好几十|\\d{2,}|二十|三十|四十|五十|一百)(?:片|粒|颗|瓶|盒)?(?:的)?${ZH_GAP(4)}(?:药|安眠药|药片|药丸|止痛药|布洛芬|扑热息痛|感冒药|抗抑郁药|降压药)|药物过量|吃药过量|过量服药`,
    ),
  },
  { id: "zh.poison", category: "medical_emergency", level: "imminent", pattern: /喝(?:了|下了?)(?:一瓶|半瓶|一口|一些|点)?(?:农药|百草枯|敌敌畏|老鼠药|鼠药|漂白剂|消毒液|洁厕灵)|吃了(?:老鼠药|鼠药)/ },
  { id: "zh.chest-breathing", category: "medical_emergency", level: "imminent", pattern: /胸口?(?:好|很|特别|非常|一直|剧烈)?(?:痛|疼|闷)[^。.!?\n]{0,10}(?:喘不上气|喘不过气|呼吸困难|透不过气|无法呼吸|不能呼吸)|(?:喘不上气|呼吸困难|透不过气|无法呼吸)[^。.!?\n]{0,10}胸口?(?:好|很|特别)?(?:痛|疼|闷)|心脏病(?:发作|犯了)/ },
  { id: "zh.bleeding", category: "medical_emergency", level: "imminent", pattern: /血(?:一直|还在)?(?:流)?(?:个)?(?:止不住|停不下来|流不停|不停地流)|流了(?:好多|很多|一地)(?:的)?血|(?:割|划)得太深/ },

  // Harm to others → high; intrusive thoughts → medium.
  {
    id: "zh.harm-others",
    category: "harm_to_others",
    level: "high",
    pattern: /(?:要|想|会|准备|打算|非|一定要|真想|恨不得)(?:去)?(?:杀了|杀死|杀|弄死|砍死|捅死|打死|掐死|毒死|砍|捅)(?:他|她|他们|她们|(?:那个|这个)[^,.!?;:。\\s]{0,8}?(?:人|男的|女的|混蛋|王八蛋|畜生|贱人|家伙|老师|同学)|我(?:的)?(?:爸|妈|爸爸|妈妈|继父|继母|老公|老婆|丈夫|妻子|男朋友|女朋友|前任|同事|老板|室友|同学|老师|哥哥|姐姐|弟弟|妹妹|邻居))/,
  },
  { id: "zh.harm-thoughts", category: "harm_to_others", level: "medium", pattern: /(?:想|会想|忍不住想|总想|冲动想)(?:要)?(?:伤害|掐死|弄死|打)(?:我的)?(?:孩子|宝宝|孩子们|别人|他人|家人)|伤害(?:别人|他人)的(?:念头|冲动|想法)/ },

  // Abuse. 打我电话 ("called me") and 推我一把 ("gave me a push") are excluded after 我.
  { id: "zh.hits-me", category: "abuse", level: "medium", subject: "victim", pattern: zh(`(?:打|揍|踢|扇|抽|推|踹|殴打|虐待|暴打|毒打|拿${ZH_GAP(4)}(?:打|抽))(?:了)?我(?!电话|手机|的电话|的手机|的血|一把|一下试试)|把我${ZH_GAP(4)}(?:打|揍|踢|踹)(?:得|了|伤|哭|肿)|家暴|家庭暴力`) },
  { id: "zh.beaten", category: "abuse", level: "medium", subject: "victim", pattern: zh(`被${ZH_GAP(4)}(?:家暴|性侵|强奸|猥亵|虐待|霸凌|侵犯|殴打|暴打|毒打)|被${ZH_GAP(4)}(?:打|揍)(?:了|得|伤|哭|肿|出血)`) },
  { id: "zh.controlled", category: "abuse", level: "medium", subject: "victim", pattern: /不让我(?:出门|离开|见(?:朋友|家人|任何人)|工作|上班|联系|有钱|用手机)/ },
  { id: "zh.strangled", category: "abuse", level: "high", subject: "victim", pattern: /(?:掐|勒)(?:住)?(?:了)?我(?:的)?脖子|掐死我/ },
  { id: "zh.death-threat", category: "abuse", level: "high", subject: "victim", pattern: zh(`(?:威胁|说|扬言|发誓)(?:要|会|过)?${ZH_GAP(12)}(?:杀了|杀死|弄死|打死|砍死|捅死|掐死)我|拿刀(?:对着|威胁|指着)我`) },
  { id: "zh.sexual-abuse", category: "abuse", level: "high", subject: "victim", pattern: zh(`趁(?:着)?(?:没人|家里没人|没有人|我睡着|晚上)${ZH_GAP(8)}(?:摸|碰|亲)我|摸我(?:的)?(?:胸|下面|隐私|屁股|大腿|身体)|强迫我(?:发生关系|做那种事|跟他睡|脱衣服)`) },
  { id: "zh.sexual-violence", category: "abuse", level: "medium", subject: "topic", pattern: /猥亵|性侵|强奸/ },
  { id: "zh.others-abused", category: "abuse", level: "low", subject: "other", pattern: /(?:打|揍|家暴)(?:了)?(?:她|他)(?!们)/ },
]);

const CHINESE_MASKS: RiskRule[] = masks("zh", [
  // 想死你了 = "I missed you so much"; needs the particle after, so 我想死我真的受不了 still fires.
  { id: "zh.idiom.miss-you", category: "none", level: "none", pattern: /想死(?:你|您|你们|我|他|她|它|人)(?:了|啦|啊|呀)/ },
  // Venting hyperbole ("I could just die, this job"): low, not nothing.
  { id: "zh.idiom.heart-to-die", category: "suicidal_ideation", level: "low", pattern: /想死的心都有/ },
  { id: "zh.idiom.suicide-style", category: "none", level: "none", pattern: /自杀式/ },
  { id: "zh.idiom.teapot", category: "none", level: "none", pattern: /紫砂(?:壶|锅|杯|陶|茶|煲)/ },
  { id: "zh.suicide-event", category: "suicidal_ideation", level: "low", pattern: /(?:一起|这起|那起|他的|她的)自杀/ },
  { id: "zh.idiom.beat-to-death-never", category: "none", level: "none", pattern: /打死(?:我)?也不/ },
  { id: "zh.idiom.face", category: "none", level: "none", pattern: /打(?:了)?(?:自己|我)的脸/ },
]);

const CHINESE_BOOSTERS: RiskRule[] = [
  ...boosters("zh", "timing", [{ id: "zh.when.soon", pattern: /今晚|今天晚上|今天|明天|马上|现在就|这周末|这个周末|等(?:他们|她们|他|她|家里人|爸妈|大家)(?:都)?睡(?:着|了)/ }]),
  ...boosters("zh", "place", [{ id: "zh.where.edge", pattern: /(?:在|到了|来到|站在|坐在|去)(?:了)?(?:楼顶|天台|顶楼|桥上|江边|河边|海边|湖边|铁轨|窗台上|悬崖边)/ }]),
  ...boosters("zh", "decision", [{ id: "zh.decided", pattern: /决定了|下定决心|想清楚了|准备好了|打算好了|已经想好|谁也(?:别|不要|拦不住)|别拦(?:着)?我/ }]),
  ...boosters("zh", "weapon", [{ id: "zh.weapon", pattern: /刀|枪|棍子|皮带|衣架/ }]),
  ...boosters("zh", "joke", [{ id: "zh.joking", pattern: /哈哈|开玩笑|开个玩笑/ }]),
];

export const RISK_RULES: readonly RiskRule[] = [
  ...ENGLISH_RISK,
  ...ENGLISH_MASKS,
  ...ENGLISH_BOOSTERS,
  ...CHINESE_RISK,
  ...CHINESE_MASKS,
  ...CHINESE_BOOSTERS,
];
