/**
 * The output guardrail's rules: what generated text must not do (diagnose, advise on medication,
 * promise outcomes, harm), each with what exempts a match (negated, a question, reported, ...). Pure.
 */
import {
  clauseAfter,
  clauseBefore,
  EN_DIAGNOSIS_FRAME,
  EN_NEGATION,
  EN_REPORTED,
  enAdviceContext,
  enNegated,
  isQuestion,
  reflects,
  wordsBefore,
  zhAdviceContext,
  zhNegated,
  zhReflects,
  type Hit,
} from "./guardrail-context";
import {
  DISORDER,
  DISORDER_WEAK,
  EN_CHANGE_VERBS,
  EN_MED_DEFERRAL,
  EN_MED_DETERMINERS,
  EN_TAKE_VERBS,
  MED_NOUN,
  ZH_AMOUNT,
  ZH_DISORDER,
  ZH_MED,
  ZH_STOP_VERBS,
  ZH_TAKE_VERBS,
} from "./guardrail-vocabulary";

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

export interface Rule {
  id: string;
  category: GuardrailCategory;
  pattern: RegExp;
  /** True when this match does not count (negated, a question, reported, ...). */
  exempt?: (hit: Hit) => boolean;
}

const DIAGNOSIS_EXEMPT = (hit: Hit) =>
  enNegated(hit) || EN_DIAGNOSIS_FRAME.test(wordsBefore(hit, 6)) || EN_REPORTED.test(`${wordsBefore(hit, 6)} ${hit.match}`) || isQuestion(hit);
const ZH_DIAGNOSIS_EXEMPT = (hit: Hit) => zhNegated(hit) || isQuestion(hit);

export const RULES: readonly Rule[] = [
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

