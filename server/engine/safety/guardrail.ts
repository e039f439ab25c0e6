/**
 * Output guardrail for model mode (issue 5): a rule-based check of generated client-visible text
 * for diagnosis, medication advice, promises of cure or outcomes, and harmful content. Pure.
 *
 * Text is checked sentence by sentence as it streams (`GuardedText`). Of the current unfinished
 * sentence, only the part where a rule's match may still lie is held back: words no rule can
 * reach any more are sent at once, and each sentence is checked whole when it ends. The rules
 * look for the act (telling the client they have a disorder, telling them to change a dose), not
 * for the topic: "I can't diagnose anything", "this is not a diagnosis" and "talk with a doctor
 * about medication" must pass, so every rule knows what negates, questions, conditions or
 * reports it.
 */

import { foldStreamingText } from "../text/normalise";
import { openEndedUnion } from "./open-match";

export type GuardrailCategory = "diagnosis" | "medication" | "promise" | "harmful";

export interface GuardrailViolation {
  category: GuardrailCategory;
  /** Id of the rule that matched, for logs and tests. */
  rule: string;
  /** The matched span (normalised). */
  match: string;
  /** Where the match starts in the normalised text. */
  at: number;
}

interface Rule {
  id: string;
  category: GuardrailCategory;
  pattern: RegExp;
  /** True when this match does not count (negated, a question, reported, ...). */
  exempt?: (hit: Hit) => boolean;
}

interface Hit {
  text: string;
  start: number;
  end: number;
  match: string;
}

// --- shared vocabulary -------------------------------------------------------------------------

const alt = (...parts: string[]) => `(?:${parts.join("|")})`;

/** Names of disorders: naming one as the client's is a diagnosis. */
const DISORDER = alt(
  "(?:major |clinical |severe |mild |moderate |chronic |postpartum |postnatal )?depression",
  "(?:major )?depressive (?:disorder|episode)",
  "dysthymia",
  "bipolar(?: disorder| i{1,2}| [12])?",
  "manic depression",
  "(?:generali[sz]ed )?anxiety disorder",
  "generali[sz]ed anxiety",
  "social anxiety disorder",
  "social phobia",
  "panic disorder",
  "agoraphobia",
  "c-?ptsd",
  "ptsd",
  "post-?traumatic stress(?: disorder)?",
  "ocd",
  "obsessive[- ]compulsive(?: disorder)?",
  "adhd",
  "attention[- ]deficit(?:[- ]hyperactivity)?(?: disorder)?",
  "autism(?: spectrum disorder)?",
  "asperger'?s?(?: syndrome)?",
  "(?:an )?eating disorder",
  "anorexia(?: nervosa)?",
  "bulimia(?: nervosa)?",
  "binge[- ]eating disorder",
  "schizophrenia",
  "schizoaffective disorder",
  "psychosis",
  "psychotic disorder",
  "(?:borderline|narcissistic|antisocial|avoidant|dependent|histrionic|paranoid) personality disorder",
  "personality disorder",
  "bpd",
  "npd",
  "(?:alcohol|substance) use disorder",
  "adjustment disorder",
  "(?:a )?mental (?:illness|disorder)",
  "insomnia disorder",
  "seasonal affective disorder",
);
/** Only counts after "you have": "anxiety about the exam" is a feeling, not a label. */
const DISORDER_WEAK = alt("anxiety(?! (?:about|around|over|when|before|at|for|of|with|in|because|if)\\b)", "insomnia");

const ZH_DISORDER = alt(
  "产后抑郁症?",
  "(?:重度|中度|轻度)?抑郁症",
  "(?:重度|中度|轻度)抑郁",
  "抑郁障碍",
  "焦虑症",
  "焦虑障碍",
  "广泛性焦虑",
  "社交焦虑症",
  "社交恐惧症",
  "恐慌症",
  "惊恐障碍",
  "双相情感障碍",
  "双相障碍",
  "双相",
  "躁郁症",
  "躁狂症",
  "精神分裂症?",
  "精神病",
  "强迫症",
  "创伤后应激障碍",
  "PTSD",
  "多动症",
  "注意力缺陷多动障碍",
  "ADHD",
  "自闭症",
  "孤独症",
  "厌食症",
  "暴食症",
  "进食障碍",
  "(?:边缘型)?人格障碍",
  "心理疾病",
  "精神疾病",
  "失眠症",
);

const DRUGS = alt(
  "sertraline",
  "zoloft",
  "fluoxetine",
  "prozac",
  "(?:es)?citalopram",
  "lexapro",
  "celexa",
  "paroxetine",
  "paxil",
  "venlafaxine",
  "effexor",
  "duloxetine",
  "cymbalta",
  "bupropion",
  "wellbutrin",
  "mirtazapine",
  "trazodone",
  "amitriptyline",
  "quetiapine",
  "seroquel",
  "olanzapine",
  "risperidone",
  "aripiprazole",
  "abilify",
  "lamotrigine",
  "valproate",
  "diazepam",
  "valium",
  "lorazepam",
  "ativan",
  "alprazolam",
  "xanax",
  "clonazepam",
  "klonopin",
  "zolpidem",
  "ambien",
  "zopiclone",
  "melatonin",
  "methylphenidate",
  "ritalin",
  "adderall",
  "propranolol",
  "lithium",
  "ibuprofen",
  "paracetamol",
  "acetaminophen",
  "tylenol",
  "aspirin",
);

const MED_NOUN = alt(
  "medications?",
  "medicines?",
  "meds",
  "pills?",
  "tablets?",
  "capsules?",
  "doses?",
  "dosages?",
  "prescriptions?",
  "anti-?depressants?",
  "anti-?anxiety (?:meds|medications?|pills)",
  "sleeping (?:pills?|tablets?)",
  "sleep aids?",
  "sedatives?",
  "tranquil+i[sz]ers?",
  "benzos?",
  "benzodiazepines?",
  "ssris?",
  "snris?",
  "mood stabili[sz]ers?",
  "antipsychotics?",
  "stimulants?",
  DRUGS,
);

const ZH_MED = alt(
  "安眠药",
  "安眠片",
  "抗抑郁药",
  "抗焦虑药",
  "镇静剂",
  "镇定剂",
  "褪黑素",
  "舍曲林",
  "左洛复",
  "氟西汀",
  "百忧解",
  "帕罗西汀",
  "(?:艾司)?西酞普兰",
  "来士普",
  "文拉法辛",
  "度洛西汀",
  "米氮平",
  "曲唑酮",
  "喹硫平",
  "奥氮平",
  "利培酮",
  "阿立哌唑",
  "碳酸锂",
  "锂盐",
  "劳拉西泮",
  "阿普唑仑",
  "地西泮",
  "安定",
  "氯硝西泮",
  "(?:右)?佐匹克隆",
  "唑吡坦",
  "药物",
  "药片",
  "药",
);

// --- context tests -----------------------------------------------------------------------------

const EN_NEGATION = /\b(?:not|no|never|nor|cannot|without|whether|if|unless|nobody|nothing)\b|n't\b/i;
/** Asking, or reporting what the client said or fears, is not stating it. */
const EN_DIAGNOSIS_FRAME = /\b(?:do|does|did|ask|asked|asking|wonder|wondering|worried|worry|worries|fear|afraid|scared)\b/i;
const EN_REPORTED =
  /\byou(?:'ve| have)? (?:said|mentioned|shared|described|feel|felt|think|thought|believe|believed|suspect|suspected|wonder|were diagnosed|have been diagnosed|'ve been diagnosed|were told|'ve been told|have been told)\b/i;
const ZH_NEGATION = /不|没|无|非|别|勿|否|未|如果|假如|要是|是否|难以/u;

/** Text of the clause before the hit: back to the last clause mark or "but"/"however". */
function clauseBefore(hit: Hit): string {
  const before = hit.text.slice(0, hit.start);
  const cut = Math.max(
    before.lastIndexOf(","),
    before.lastIndexOf(";"),
    before.lastIndexOf(":"),
    before.lastIndexOf("—"),
    before.lastIndexOf("，"),
    before.lastIndexOf("；"),
    before.lastIndexOf("："),
    before.lastIndexOf("、"),
  );
  let clause = before.slice(cut + 1);
  const contrast = /\b(?:but|however|yet)\b(?!.*\b(?:but|however|yet)\b)/i.exec(clause);
  if (contrast) clause = clause.slice(contrast.index + contrast[0].length);
  return clause;
}

/** The last `words` words before the hit, within its clause. */
function wordsBefore(hit: Hit, words: number): string {
  return clauseBefore(hit).trim().split(/\s+/).slice(-words).join(" ");
}

/** The rest of the clause after the hit. */
function clauseAfter(hit: Hit): string {
  const after = hit.text.slice(hit.end);
  const stop = after.search(/[,;:.!?，；：。！？]/u);
  return stop < 0 ? after : after.slice(0, stop);
}

/** The clause of the hit is a question ("Do you have depression?", "你有抑郁症吗？"). */
function isQuestion(hit: Hit): boolean {
  const after = hit.text.slice(hit.end);
  const stop = after.search(/[,;.!?，；。！？]/u);
  const mark = stop < 0 ? "" : after.charAt(stop);
  if (mark === "?" || mark === "？") return true;
  const tail = stop < 0 ? after : after.slice(0, stop);
  return /吗\s*$|呢\s*$/u.test(tail);
}

function enNegated(hit: Hit, words = 6): boolean {
  return EN_NEGATION.test(wordsBefore(hit, words)) || EN_NEGATION.test(hit.match);
}

function zhNegated(hit: Hit, chars = 8): boolean {
  return ZH_NEGATION.test(clauseBefore(hit).slice(-chars)) || ZH_NEGATION.test(hit.match.slice(0, -1));
}

/** "It may feel like nobody would miss you": the bot reflecting what the client feels. */
function reflects(hit: Hit): boolean {
  return /\b(?:feel|feels|felt|feeling|think|thinks|thinking|thought|thoughts|believe|believing|seem|seems|might|may|worry|worried|tell yourself|telling yourself)\b/i.test(
    wordsBefore(hit, 8),
  );
}

function zhReflects(hit: Hit): boolean {
  return /觉得|感觉|认为|以为|好像|担心|念头|想法/u.test(clauseBefore(hit).slice(-10));
}

/** Advice right before a verb: "you should", "I'd suggest", "try", "please", ... */
const EN_ADVICE =
  /\b(?:you (?:should|could|can|might|may|must|need to|ought to|have to|want to|might want to|may want to)|you'd better|you'd do well to|try(?: to)?|i(?:'d| would)? (?:suggest|recommend|advise)|my advice is to|maybe|perhaps|just|please|why not|how about|consider|go ahead and|it(?:'s| is| might be| may be| would be| could be) (?:best|better|fine|okay|ok|good|wise|helpful|worth|a good idea)(?: to)?|it (?:might|may|could|would) help to|feel free to|time to)(?: (?:also|just|probably|maybe|simply|really|definitely|gradually|slowly|now|then|first|try to|try))?$/i;
const EN_FILLER = /^(?:(?:so|and|then|now|okay|ok|well|also|first|instead)\s*)*$/i;
/** Telling the client not to take something they were prescribed. */
const EN_ADVISE_AGAINST =
  /\b(?:don't|do not|never|you shouldn't|you should not|no need to|you don't need to|you do not need to|you don't have to|you do not have to|there's no need to)(?: (?:just|really|even))?$/i;

function enAdviceContext(hit: Hit): "advice" | "against" | null {
  const clause = clauseBefore(hit).trim();
  if (EN_ADVISE_AGAINST.test(clause)) return "against";
  if (EN_ADVICE.test(clause)) return "advice";
  // A bare verb opening the clause is an imperative ("Stop taking them"); a gerund is a subject
  // ("Stopping medication suddenly can be risky").
  if (EN_FILLER.test(clause) && !/^[a-z]+ing\b/i.test(hit.match)) return "advice";
  return null;
}

const ZH_ADVICE = /(?:你可以|你应该|你得|你要|你需要|建议你|我建议|建议|推荐你|我推荐|不妨|可以|最好|试试|试着|那就|你就|就|先|赶紧|要不|不如|干脆|去)$/u;
const ZH_ADVISE_AGAINST = /(?:不要|别|不用|不需要|没必要|不必|用不着)$/u;

function zhAdviceContext(hit: Hit): "advice" | "against" | null {
  const clause = clauseBefore(hit).trim();
  if (ZH_ADVISE_AGAINST.test(clause)) return "against";
  if (ZH_ADVICE.test(clause)) return "advice";
  // A bare imperative softened by 吧: "吃点安眠药吧".
  if (clause === "" && /吧\s*$/u.test(clauseAfter(hit))) return "advice";
  return null;
}

// --- rules -------------------------------------------------------------------------------------

const DIAGNOSIS_EXEMPT = (hit: Hit) =>
  enNegated(hit) || EN_DIAGNOSIS_FRAME.test(wordsBefore(hit, 6)) || EN_REPORTED.test(`${wordsBefore(hit, 6)} ${hit.match}`) || isQuestion(hit);
const ZH_DIAGNOSIS_EXEMPT = (hit: Hit) => zhNegated(hit) || isQuestion(hit);

/** Reducing or stopping: "don't stop taking your medication" is the safe advice, so negation exempts. */
const EN_CHANGE_VERBS = alt(
  "increas(?:e|ing)",
  "decreas(?:e|ing)",
  "reduc(?:e|ing)",
  "rais(?:e|ing)",
  "lower(?:ing)?",
  "doubl(?:e|ing)",
  "halv(?:e|ing)",
  "up(?:ping)?",
  "adjust(?:ing)?",
  "chang(?:e|ing)",
  "switch(?:ing)?",
  "skip(?:ping)?",
  "stop(?:ping)?",
  "quit(?:ting)?",
  "drop(?:ping)?",
  "ditch(?:ing)?",
  "(?:come|coming|go|going|get|getting) off",
  "cut(?:ting)? (?:down|back)(?: on)?",
  "taper(?:ing)?(?: off)?",
  "wean(?:ing)?(?: yourself)? off",
);
const EN_TAKE_VERBS = alt(
  "tak(?:e|ing)",
  "tr(?:y|ying)",
  "start(?:ing)?",
  "us(?:e|ing)",
  "get(?:ting)?",
  "buy(?:ing)?",
  "pop(?:ping)?",
  "ask(?:ing)? for",
  "(?:go|going|get|getting) on",
);
const EN_MED_DETERMINERS = "(?:(?:taking|using|on|your|the|my|this|that|those|these|some|a|an|any|all|of|more|extra|another|few|two|one|something like|over-the-counter|otc|new|prescribed|different|higher|lower|bigger|smaller)\\s+)*";
/** Conditions and deferrals around a medication verb: "ask your doctor whether to change your dose". */
const EN_MED_DEFERRAL = /\b(?:whether|if|about|before|unless|until|ask|asking|talk|talking|speak|speaking|check|checking|consult|consulting|discuss|discussing)\b/i;

const ZH_STOP_VERBS = alt("停掉", "停用", "停止服用", "停止吃", "停", "减少", "减掉", "减", "断掉", "断", "换掉", "换成", "换");
const ZH_TAKE_VERBS = alt("吃", "服用", "服", "来", "开", "买", "加大", "增加", "加");
const ZH_AMOUNT = "(?:点儿?|些|一点儿?|一些|上|掉)?(?:你的|那个|这种|这个|一些|点儿?)?";

const RULES: readonly Rule[] = [
  // (a) diagnosis
  {
    id: "you_have_disorder",
    category: "diagnosis",
    pattern: new RegExp(
      `\\byou(?:'ve|'re| are| have)?\\s+(?:[a-z]+\\s+){0,2}?(?:have|got|suffer(?:ing)? from|developed)\\s+(?:(?:a|an|some|classic|clinical|textbook|typical|mild|moderate|severe|full-blown)\\s+)*(?:${DISORDER}|${DISORDER_WEAK})\\b`,
      "gi",
    ),
    exempt: DIAGNOSIS_EXEMPT,
  },
  {
    id: "you_are_label",
    category: "diagnosis",
    pattern:
      /\byou(?:'re| are)\s+(?:(?:probably|likely|definitely|clearly|obviously|certainly|actually|really|kind of|sort of)\s+)?(?:clinically (?:depressed|anxious)|bipolar|schizophrenic|psychotic|anorexic|bulimic|autistic|manic|borderline|mentally ill|an? (?:alcoholic|addict|narcissist|sociopath|psychopath|hypochondriac))\b/gi,
    exempt: DIAGNOSIS_EXEMPT,
  },
  {
    id: "sounds_like_disorder",
    category: "diagnosis",
    pattern: new RegExp(
      `\\b(?:sounds?|seems?|looks?|appears?)\\s+(?:to me\\s+)?(?:a lot\\s+|very much\\s+)?like\\s+(?:you(?:'ve| have)?\\s+(?:got\\s+|have\\s+)?)?(?:(?:a|an|classic|clinical|textbook|typical)\\s+)*(?:case of\\s+)?(?:${DISORDER})\\b`,
      "gi",
    ),
    exempt: DIAGNOSIS_EXEMPT,
  },
  {
    id: "signs_of_disorder",
    category: "diagnosis",
    pattern: new RegExp(
      `\\b(?:these|those|this|that|it|they|what you(?:'re| are)? describ(?:e|ed|ing)|your (?:symptoms|answers|scores?|results?))\\s+(?:(?:is|are|sounds?|looks?|seems?|could|might|may|would|definitely|clearly|really|probably|likely|be|like|consistent with|suggests?|indicates?|points? to|means?|match(?:es)?|fits?|typical of)\\s+){1,4}(?:(?:a|an|the|classic|clear|typical|textbook)\\s+)*(?:(?:signs?|symptoms?|indications?)\\s+of\\s+)?(?:${DISORDER})\\b`,
      "gi",
    ),
    exempt: DIAGNOSIS_EXEMPT,
  },
  {
    id: "i_diagnose",
    category: "diagnosis",
    pattern:
      /\b(?:i(?:'d| would| will| can| could)?\s+diagnose|diagnos(?:e|ing) you (?:with|as)|you(?:'d| would)? (?:meet|meets|fit|fits) (?:all )?(?:the )?(?:diagnostic )?criteria|my diagnosis (?:is|would be))\b/gi,
    exempt: DIAGNOSIS_EXEMPT,
  },
  {
    id: "zh_you_have_disorder",
    category: "diagnosis",
    pattern: new RegExp(
      `你(?:这|这个|这种情况|的情况|的症状)?(?:很)?(?:可能|应该|大概|估计|肯定|显然|明显|就|其实|多半|八成|也许|或许|似乎|好像)?(?:是|患有|患了|患上了|得了|得的是|有|属于|这是)(?:了)?(?:典型的|轻度的?|中度的?|重度的?|一种|比较严重的|严重的)?${ZH_DISORDER}`,
      "gu",
    ),
    exempt: ZH_DIAGNOSIS_EXEMPT,
  },
  {
    id: "zh_sounds_like_disorder",
    category: "diagnosis",
    pattern: new RegExp(
      `(?:听起来|看起来|看上去|我看|我觉得|我认为|我判断|初步判断|估计|八成|多半)(?:你)?(?:像是|像|是|有|得了|患有|属于)(?:了)?(?:典型的|轻度|中度|重度|一种)?${ZH_DISORDER}`,
      "gu",
    ),
    exempt: ZH_DIAGNOSIS_EXEMPT,
  },
  {
    id: "zh_diagnose",
    category: "diagnosis",
    pattern: /符合[^，。！？,.!?]{0,10}诊断(?:标准)?|(?:诊断|确诊)(?:你|为)/gu,
    exempt: ZH_DIAGNOSIS_EXEMPT,
  },

  // (b) medication and dosage
  {
    id: "dosage",
    category: "medication",
    pattern: /\b\d+(?:[.,]\d+)?\s?(?:mg|milligrams?|mcg|micrograms?|µg|ml|millilit(?:er|re)s?)\b/gi,
  },
  {
    id: "pill_count",
    category: "medication",
    pattern: /\b(?:take|taking|have|swallow)\s+(?:one|two|three|four|five|half an?|a couple of|\d+)\s+(?:more\s+|extra\s+)?(?:pills?|tablets?|capsules?)\b/gi,
  },
  {
    id: "change_medication",
    category: "medication",
    pattern: new RegExp(`\\b${EN_CHANGE_VERBS}\\s+${EN_MED_DETERMINERS}(?:[a-z-]+\\s+)?${MED_NOUN}\\b`, "gi"),
    // Advice only: "stopping medication suddenly can be risky" informs, "don't stop" is the safe advice.
    exempt: (hit) => enAdviceContext(hit) !== "advice" || enNegated(hit) || EN_MED_DEFERRAL.test(wordsBefore(hit, 8)) || isQuestion(hit),
  },
  {
    id: "take_medication",
    category: "medication",
    pattern: new RegExp(`\\b${EN_TAKE_VERBS}\\s+${EN_MED_DETERMINERS}(?:[a-z-]+\\s+)?${MED_NOUN}\\b`, "gi"),
    exempt: (hit) => {
      const context = enAdviceContext(hit);
      // "Don't take any new medication without asking your doctor" keeps the decision with the doctor.
      if (context === "against") return /\b(?:without|unless|until|before|more than|other than|except)\b/i.test(clauseAfter(hit));
      return context === null || EN_MED_DEFERRAL.test(wordsBefore(hit, 8)) || isQuestion(hit);
    },
  },
  {
    id: "zh_dosage",
    category: "medication",
    pattern:
      /(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百半]+)\s?(?:毫克|微克|毫升)|(?:吃|服|服用|口服|吞)[^，。！？,.!?]{0,4}(?:\d+|[一二两三四五六七八九十半]+)\s?(?:片|粒|颗)|每(?:天|日|晚|次)(?:服用|服|吃|口服)[^。！？.!?]{0,12}(?:毫克|mg|片|粒|颗)/giu,
  },
  {
    id: "zh_stop_medication",
    category: "medication",
    pattern: new RegExp(`${ZH_STOP_VERBS}${ZH_AMOUNT}${ZH_MED}`, "gu"),
    exempt: (hit) => zhAdviceContext(hit) !== "advice" || zhNegated(hit) || isQuestion(hit),
  },
  {
    id: "zh_take_medication",
    category: "medication",
    pattern: new RegExp(`${ZH_TAKE_VERBS}${ZH_AMOUNT}${ZH_MED}`, "gu"),
    exempt: (hit) => {
      const context = zhAdviceContext(hit);
      // "不要自行服药" / "在问医生之前不要吃药": the decision stays with the doctor.
      if (context === "against") return /自行|擅自|随意|随便/u.test(clauseBefore(hit)) || /之前|以前|前先/u.test(clauseBefore(hit));
      return context === null || /是否|要不要|需不需要|如果/u.test(clauseBefore(hit)) || isQuestion(hit);
    },
  },

  // (c) promises of cure or outcomes
  {
    id: "i_promise_outcome",
    category: "promise",
    pattern: /\bi\s+(?:can\s+|will\s+|do\s+)?(?:promise|guarantee|assure you)\b/gi,
    exempt: (hit) =>
      !/\b(?:you'll|you will|you're going to|it will|it'll|things will|everything|this will|that will|better|fine|okay|ok|cure|fix|recover|heal|work|go away|get rid)\b/i.test(
        clauseAfter(hit),
      ),
  },
  {
    id: "will_cure",
    category: "promise",
    // "fix" and "get rid of" only with a mental-health object: "that could fix the rota" is no promise.
    pattern:
      /\b(?:(?:this|that|the|these|our|my) (?:exercises?|techniques?|methods?|approach|program(?:me)?|treatment|therapy|practice|sessions?|conversations?|work)|this|that|it|these|therapy|counsel(?:l)?ing|talking|i)(?:'ll|\s+(?:will|is going to|are going to|can|could|would))\s+(?:definitely\s+|certainly\s+|completely\s+|fully\s+|totally\s+)?(?:cure|heal|(?:fix|eliminate|get rid of|take away)\s+(?:(?:your|the|this|that|all|of)\s+)*(?:depression|anxiety|sadness|low mood|pain|panic|worries|worry|insomnia|feelings?|problems?|everything|it all)|make (?:it|them|this|that|everything|your [a-z]+(?: [a-z]+)?) (?:all )?go away)\b/gi,
  },
  {
    id: "certain_outcome",
    category: "promise",
    pattern:
      /\b(?:you(?:'ll| will| are going to|'re going to)|things will|everything will|it will|it'll)\s+(?:definitely|certainly|surely|absolutely|100%|for sure|undoubtedly|without (?:a )?doubt|be guaranteed to)\s+(?:be|feel|get|recover|heal)\b/gi,
  },
  {
    id: "be_cured",
    category: "promise",
    pattern:
      /\b(?:you(?:'ll| will| can| are going to|'re going to) (?:be|get) (?:completely |fully |totally )?(?:cured|healed)|you(?:'ll| will) never (?:feel|be) (?:like this|this way|sad|anxious|depressed|down|low) again|guaranteed (?:to|that)|(?:is|are) (?:the|a) cure for|(?:completely|totally|permanently|fully) (?:cure|heal)s?)\b/gi,
    exempt: (hit) => enNegated(hit),
  },
  {
    id: "zh_guarantee",
    category: "promise",
    pattern: /(?:保证|担保|打包票|包你|包您)[^，。！？,.!?]{0,6}(?:好起来|好转|治好|治愈|痊愈|康复|变好|没事|不会再|不再|有效|管用|解决|走出来|摆脱)/gu,
    exempt: (hit) => /不|无法|没法|没有人|谁也/u.test(clauseBefore(hit).slice(-6)),
  },
  {
    id: "zh_certain_outcome",
    category: "promise",
    pattern: /(?:一定|肯定|绝对|必然|百分之百|100%)(?:会|能|可以)?(?:让你)?(?:好起来|好转|治好|治愈|痊愈|康复|摆脱|走出来|不再(?:抑郁|焦虑|难过|痛苦))/gu,
    exempt: (hit) => /不$|未必$/u.test(clauseBefore(hit)),
  },
  {
    id: "zh_cure",
    category: "promise",
    pattern: /(?:能|可以|会|将)(?:彻底|完全|从根本上)?(?:治好|治愈|根治|痊愈)/gu,
    exempt: (hit) => /不$|没$|无法$|没法$/u.test(clauseBefore(hit)) || isQuestion(hit),
  },

  // (d) harmful content: methods and encouragement
  {
    id: "method_instructions",
    category: "harmful",
    pattern:
      /\b(?:how to|ways? to|the (?:best|easiest|quickest|fastest|most painless|least painful|surest) way to|an? (?:painless|quick|easy|sure) way to)\s+(?:kill (?:yourself|myself|oneself)|end (?:your|one's|my) (?:own )?life|commit suicide|take (?:your|one's|my) (?:own )?life|die|hurt (?:yourself|myself)|harm (?:yourself|myself)|cut (?:yourself|myself)|overdose|hang (?:yourself|myself)|self-harm)\b/gi,
    exempt: isQuestion,
  },
  {
    id: "encourage_self_harm",
    category: "harmful",
    pattern:
      /\b(?:you should|you could|you can|you might as well|go ahead and|just|why not|you deserve to)\s+(?:kill yourself|end your (?:own )?life|end it all|take your (?:own )?life|hurt yourself|harm yourself|cut yourself(?! (?:some )?slack)|give up on life|overdose|hang yourself)\b|\b(?:you should|go ahead and|why not|you deserve to|just) die\b/gi,
    exempt: (hit) => isQuestion(hit) || EN_NEGATION.test(wordsBefore(hit, 6)),
  },
  {
    id: "lethal_amount",
    category: "harmful",
    pattern: /\b(?:lethal|fatal|deadly) (?:dose|dosage|amount|quantity)s?\b/gi,
  },
  {
    id: "better_off_without_you",
    category: "harmful",
    pattern:
      /\b(?:the world|everyone|everybody|your family|they|people) (?:would be|is|are|will be) better off without you\b|\b(?:no one|nobody) (?:would|will) (?:miss|care about|notice)\b|\byou(?:'re|'d be| are| would be) better off dead\b/gi,
    // Before the match only: "without you" is part of it.
    exempt: (hit) => reflects(hit) || EN_NEGATION.test(wordsBefore(hit, 6)) || isQuestion(hit),
  },
  {
    id: "self_harm_as_answer",
    category: "harmful",
    pattern:
      /\b(?:suicide|killing yourself|self-harm|self harm|cutting|hurting yourself|ending your life|dying) (?:is|would be|might be|could be|seems like) (?:the|a|an|your) (?:answer|solution|way out|only way|only option|good idea|good option|reasonable (?:choice|option)|relief|release)\b/gi,
    exempt: isQuestion,
  },
  {
    id: "method_detail",
    category: "harmful",
    pattern:
      /\b(?:cut(?:ting)? (?:deeper|(?:your|my) wrists?|along the veins?)|slit(?:ting)? (?:your|my) wrists?|hang(?:ing)? yourself|jump(?:ing)? (?:off|from) (?:a|the) (?:bridge|building|roof|balcony)|overdos(?:e|ing) on|mix(?:ing)? (?:pills|medications?|meds) (?:with|and) alcohol|(?:stockpil|sav|hoard)(?:e|ing) (?:up )?(?:pills|medications?|meds))\b/gi,
    exempt: (hit) => enNegated(hit, 8) || reflects(hit) || isQuestion(hit),
  },
  {
    id: "zh_method_instructions",
    category: "harmful",
    pattern: /(?:怎么|如何|怎样|教你|告诉你|方法|办法|方式)[^，。！？,.!?]{0,4}(?:自杀|轻生|割腕|上吊|跳楼|结束(?:自己的)?生命|烧炭|自残|伤害自己)/gu,
    exempt: (hit) => isQuestion(hit) || zhNegated(hit, 4),
  },
  {
    id: "zh_encourage_self_harm",
    category: "harmful",
    pattern: /(?:你可以|你应该|你就|不如|干脆|那就|那你就|你还是|去)(?:去)?(?:死|自杀|轻生|割腕|跳楼|上吊|结束(?:自己的)?生命|伤害自己|自残)/gu,
    exempt: (hit) => isQuestion(hit) || /不$|别$|不要$/u.test(clauseBefore(hit)),
  },
  {
    id: "zh_lethal_amount",
    category: "harmful",
    pattern: /致死(?:剂)?量|致命(?:的)?剂量|吃多少[^，。！？]{0,4}(?:才)?会死/gu,
  },
  {
    id: "zh_better_off_without_you",
    category: "harmful",
    pattern: /(?:没有人|没人|谁都不)会(?:在乎|在意|想念|想你)|(?:世界|大家|家人|他们)(?:没有你|少了你)(?:会)?更好/gu,
    exempt: (hit) => zhReflects(hit) || isQuestion(hit),
  },
  {
    id: "zh_self_harm_as_answer",
    category: "harmful",
    pattern: /(?:自杀|轻生|死|自残|伤害自己)(?:是|才是|也是|就是)(?:一种)?(?:解脱|出路|唯一的办法|唯一的出路|好办法|好的选择)/gu,
    exempt: isQuestion,
  },
];

/** Curly quotes and full-width forms would otherwise slip past the patterns. */
const normalise = foldStreamingText;

/** The rules' patterns, also matching where a match has begun that the text so far cuts short. */
const OPEN_PATTERNS: readonly RegExp[] = openEndedUnion(RULES.map((rule) => rule.pattern));

/**
 * How many characters at the start of an unfinished sentence can be sent before it ends: those
 * before the earliest place where a rule's match lies or may lie once the sentence goes on (a
 * finished match counts too: its exemption may depend on what follows). Whatever the sentence
 * turns out to be, a violating match starts at or after this point.
 *
 * `from` (in normalised characters) skips places an earlier, shorter text of the same sentence
 * already ruled out: a place no match can start at stays so as the text grows.
 */
export function releasableLength(sentence: string, from = 0): { length: number; reach: number } {
  // A combining mark in the next delta could still change the last letter (NFKC composes them),
  // and so whether a word boundary holds after it: only the part before it is judged.
  const stable = sentence.slice(0, unsettledTail(sentence));
  const normalised = normalise(stable);
  let reach = normalised.length;
  for (const pattern of OPEN_PATTERNS) {
    pattern.lastIndex = Math.min(from, reach);
    const found = pattern.exec(normalised);
    if (found && found.index < reach) reach = found.index;
  }
  if (normalised === stable) return { length: reach, reach };
  // Back to raw characters: the longest prefix whose normalised form fits before `reach`.
  let low = 0;
  let high = stable.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (normalise(stable.slice(0, mid)).length <= reach) low = mid;
    else high = mid - 1;
  }
  // A surrogate pair must not split.
  if (low > 0 && /[\uD800-\uDBFF]/.test(stable.charAt(low - 1))) low--;
  return { length: low, reach };
}

/**
 * Where the text's last letter and any marks after it begin (the text's length when it ends in
 * anything else): a letter can still compose with a mark that has not arrived. Han characters
 * never compose, so Chinese text is not held back for it.
 */
function unsettledTail(text: string): number {
  const tail = /\p{L}\p{M}*$|\p{M}+$/u.exec(text);
  if (!tail || /^\p{Script=Han}/u.test(tail[0])) return text.length;
  return tail.index;
}

/** The first violation in `text`, or null when it is safe to send. */
export function checkOutput(text: string): GuardrailViolation | null {
  const normalised = normalise(text);
  for (const rule of RULES) {
    for (const found of normalised.matchAll(rule.pattern)) {
      const hit: Hit = { text: normalised, start: found.index, end: found.index + found[0].length, match: found[0] };
      if (!rule.exempt?.(hit)) return { category: rule.category, rule: rule.id, match: found[0], at: found.index };
    }
  }
  return null;
}

// --- sentence-by-sentence streaming ------------------------------------------------------------

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
        const { length, reach } = releasableLength(this.sentence, this.reach);
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

/** What ends a message whose next sentence was withheld: short, and safe whatever was cut. */
const SAFE_ENDINGS: Record<"en" | "zh", Record<GuardrailCategory, string>> = {
  en: {
    diagnosis: "I can't diagnose anything, but a doctor can help you look into this.",
    medication: "Questions about medication are best talked through with a doctor.",
    promise: "I can't promise how things will turn out, but we can keep working on this together.",
    harmful: "Your safety matters most to me. If you're thinking about hurting yourself, please tell me, or reach out to a crisis line.",
  },
  zh: {
    diagnosis: "我不能做诊断，不过医生可以帮你进一步了解。",
    medication: "关于用药的问题，最好和医生商量。",
    promise: "我无法保证结果会怎样，但我们可以继续一起努力。",
    harmful: "你的安全对我来说最重要。如果你有伤害自己的想法，请告诉我，或者联系心理危机热线。",
  },
};

export function safeEnding(category: GuardrailCategory, language: "en" | "zh"): string {
  return SAFE_ENDINGS[language][category];
}
