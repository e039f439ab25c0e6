/**
 * Output guardrail for model mode: a rule-based check of generated client-visible text
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

import type { GuardrailCategory } from "./guardrail-rules";

export type { GuardrailCategory, GuardrailViolation } from "./guardrail-rules";
export { checkOutput, releasableLength } from "./guardrail-match";
export { GuardedText, sentenceEnd, splitSentences } from "./guardrail-stream";

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
