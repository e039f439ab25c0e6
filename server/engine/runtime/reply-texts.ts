/**
 * What the engine itself says around a pending question, in English and Chinese: acknowledging a
 * skip, a clarifying re-ask for an unsure reply, a bridge back from something off topic, a check
 * before a "no" that ends the session, and the parts of a summary. The answers to questions about
 * the service (who reads this, is this a person, what happens to my data) and the handoff text are
 * project settings: entries of the prompt scheme a project may override (reply_*).
 */
import type { PromptScheme } from "../prompts/default-scheme";
import type { QuestionKind, QuestionTopic, SummaryPart } from "../understanding";
import type { Language } from "./types";

type Texts = Readonly<Record<Language, string>>;

export const SKIP_ACK: Texts = { en: "That's fine, we can leave that.", zh: "没关系，这个可以先不说。" };

/** A second unsure reply: the question is left, without pressing. */
export const UNSURE_LEAVE: Texts = { en: "That's okay, we can leave that for now.", zh: "没关系，这个我们先放一放。" };

export const CONFIRM_NO: Texts = { en: "Just to check: would you like to stop here for today?", zh: "想确认一下：你今天想先到这里吗？" };

export const OFF_TOPIC_BRIDGE: Texts = { en: "Let's come back to that later if you like.", zh: "这个我们可以稍后再聊。" };

export const CANNOT_ANSWER: Texts = { en: "I can't answer that here, I'm afraid.", zh: "这个问题我在这里没法回答。" };

export const MEANING_GENERIC: Texts = {
  en: "There's no right or wrong answer here; anything in your own words is fine.",
  zh: "这里没有对错之分，用你自己的话说就好。",
};

export function meaningText(hint: string, language: Language): string {
  return language === "zh" ? `我想了解的是：${hint}。用你自己的话说就好。` : `I'm asking about ${hint.replace(/[.。]$/u, "")}; any answer in your own words is fine.`;
}

/** One clarifying re-ask for an unsure reply, by the kind of question; the question follows. */
const UNSURE_REASK: Readonly<Record<QuestionKind, Texts>> = {
  rating: { en: "A rough guess is fine — any number from 0 to 10.", zh: "大概估一个就好，0 到 10 之间任何一个数字都可以。" },
  yes_no: { en: "That's fine, there's no wrong answer. You can say yes or no.", zh: "没关系，怎么回答都可以。说“是”或“不是”就好。" },
  confirm_summary: { en: "That's fine. You can say yes, or tell me which part isn't quite right.", zh: "没关系。你可以说“对”，或者告诉我哪部分不太对。" },
  name: { en: "Any name or nickname you like is fine.", zh: "什么名字或昵称都可以。" },
  duration: { en: "A rough idea is fine: a few weeks, a few months, or longer?", zh: "大概说一下就好：几周、几个月，还是更久？" },
  option: { en: "Whichever answer feels closest is fine.", zh: "选一个最接近的答案就好。" },
  choice: { en: "Whichever feels closest is fine.", zh: "选一个最接近的就好。" },
  open: { en: "That's okay, take your time. Whatever comes to mind is fine.", zh: "没关系，慢慢来，想到什么说什么就好。" },
};

/** The clarifying text, and whether the question should follow (a yes/no clarifier already ends in a cue). */
export function unsureReask(kind: QuestionKind, language: Language): string {
  return UNSURE_REASK[kind][language];
}

/** Lead-ins for asking the same question again, varied from one re-ask to the next. Never a thank-you. */
const REASK_LEADS: Readonly<Record<Language, readonly string[]>> = {
  en: ["Sorry, I didn't quite catch that.", "Let me ask that again.", "Just so I have it right:"],
  zh: ["不好意思，我没太听明白。", "我再问一下。", "想确认一下："],
};

export function reaskLead(count: number, language: Language): string {
  const leads = REASK_LEADS[language];
  return leads[count % leads.length] ?? "";
}

/** The built-in answers to questions about the service, from the project's settings. */
export function serviceAnswer(scheme: PromptScheme, topic: Exclude<QuestionTopic, "meaning" | "other">, language: Language): string {
  return scheme[`reply_${topic}_${language}`];
}

export function handoffText(scheme: PromptScheme, language: Language): string {
  return scheme[`reply_handoff_${language}`];
}

/** How a confirmed variable is named to the client, and how it is asked again on its own. */
const PART_WORDS: Readonly<Record<SummaryPart | "duration", { label: Texts; ask: Texts }>> = {
  concern: {
    label: { en: "what brings you here", zh: "你来这里的原因" },
    ask: { en: "What would you say brings you here, in a few words?", zh: "用几句话说说，是什么让你来到这里的？" },
  },
  goal: {
    label: { en: "what you'd like to be different", zh: "你希望有什么不同" },
    ask: { en: "What would you like to be different?", zh: "你希望有什么变得不一样？" },
  },
  duration: {
    label: { en: "how long it's been going on", zh: "持续了多久" },
    ask: { en: "How long has it been going on?", zh: "这种情况持续多久了？" },
  },
};

export type ConfirmedPart = SummaryPart | "duration" | "other";

/** The part of a summary a confirmed variable is, by its name and description. */
const PARTS: readonly (readonly [Exclude<ConfirmedPart, "other">, RegExp])[] = [
  ["goal", /goal|hope|different|wish|目标|希望|不同|改变/iu],
  ["duration", /duration|how long|多久|持续|时长/iu],
  ["concern", /concern|problem|brings|reason|issue|困扰|问题|原因|烦恼/iu],
];

/** The part of a summary a confirmed variable is: by its name first, then by its description. */
export function partOf(name: string, define = ""): ConfirmedPart {
  for (const text of [name, define]) for (const [part, pattern] of PARTS) if (pattern.test(text)) return part;
  return "other";
}

function readableName(name: string): string {
  return name.replace(/_/g, " ");
}

export function partLabel(part: ConfirmedPart, name: string, language: Language): string {
  return part === "other" ? readableName(name) : PART_WORDS[part].label[language];
}

export function partQuestion(part: ConfirmedPart, name: string, language: Language): string {
  if (part !== "other") return PART_WORDS[part].ask[language];
  return language === "zh" ? `关于“${readableName(name)}”，应该怎么说才对？` : `What should I have for ${readableName(name)}?`;
}

export function whichPartQuestion(labels: readonly string[], language: Language): string {
  if (language === "zh") return `哪一部分我理解得不对：${labels.join("、")}？`;
  const list = labels.length > 1 ? `${labels.slice(0, -1).join(", ")} or ${labels.at(-1) ?? ""}` : (labels[0] ?? "");
  return `Which part did I get wrong: ${list}?`;
}

export const CORRECTION_ACK: Texts = { en: "Sorry I got that wrong.", zh: "抱歉，是我理解错了。" };
