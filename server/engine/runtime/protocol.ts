/**
 * The built-in safety protocol, run when a client may be at risk and the script has no trigger of
 * its own: acknowledge, ask directly about suicidal thoughts, plan, means and timing (a short
 * C-SSRS-style sequence), give crisis lines, offer a Stanley-Brown safety plan, and hand back to
 * the script only after the client has twice said they are safe. Its wording is fixed (never
 * passed through a model): in a crisis, every word is chosen on purpose.
 */
import { crisisLinesFor, formatCrisisLine } from "../safety";
import type { JsonValue } from "../llm/port";
import { coerceBoolean } from "./coerce";
import type { Language } from "./types";

export type ProtocolStep = "ideation" | "plan" | "offer_plan" | "plan_section" | "confirm" | "confirm_again";

export interface ProtocolState {
  step: ProtocolStep;
  /** Index into SAFETY_PLAN_SECTIONS while building the plan. */
  section: number;
  plan: Record<string, string>;
  /** What started it (for review). */
  reason: string;
}

export const SAFETY_PLAN_SECTIONS = [
  "warning_signs",
  "internal_coping",
  "social_distraction",
  "help_contacts",
  "professional_contacts",
  "safe_environment",
] as const;

const TEXT = {
  en: {
    ideation:
      "Thank you for telling me. It sounds like you're going through something really painful, and I want to make sure you're safe. I need to ask you directly: are you having thoughts of ending your life?",
    plan: "Thank you for being honest with me. Have you thought about how you might do it, or do you have what you would need? Have you thought about when?",
    urgent:
      "Your safety matters most right now. Please contact emergency services now (your local emergency number, for example 911 in the US, 999 in the UK, 112 in the EU, 120 or 110 in China) or go to the nearest emergency department. If you can, move away from anything you could use to hurt yourself, and ask someone to stay with you.",
    notIdeation: "Thank you for telling me. I'm still glad we're talking about how you're feeling.",
    lines: "You don't have to face this alone. You can talk to someone right now:",
    offerPlan:
      "Would you like to make a short safety plan together? It's a list, in your own words, of what helps and who you can reach when things get this hard.",
    sections: {
      warning_signs: "Let's start. What thoughts, feelings or situations tell you that a crisis might be starting?",
      internal_coping: "What can you do on your own to take your mind off things or feel a little calmer, even for a few minutes?",
      social_distraction: "Which people or places help you feel a bit better or take your mind off things?",
      help_contacts: "Who could you reach out to and ask for help, and how would you contact them?",
      professional_contacts: "Which professionals or services could you contact in a crisis, such as a doctor, a counsellor or a crisis line?",
      safe_environment:
        "What could you do to make your surroundings safer, for example putting away or handing over anything you might use to hurt yourself?",
    },
    planTitle: "Here is your safety plan. Keep it somewhere you can find it quickly:",
    planLabels: {
      warning_signs: "Warning signs",
      internal_coping: "Things I can do on my own",
      social_distraction: "People and places that help",
      help_contacts: "People I can ask for help",
      professional_contacts: "Professionals and services",
      safe_environment: "Making my surroundings safer",
    },
    confirm: "Before we go on: are you safe right now?",
    confirmAgain: "I'm glad to hear that. If things change later, will you reach out to one of these lines or to someone you trust?",
    notSafe: "I'm worried about you, and I want you to get help right away.",
    stillHere: "Are you somewhere safe right now?",
    resume:
      "Thank you. Whenever you're ready, we can go back to where we were. A member of our team may also look at this conversation to make sure you're supported.",
    checkIn:
      "It sounds like things have been really heavy lately. If you ever feel unsafe, you can talk to someone any time:",
    checkInEnd: "I'm here, and we can keep going at your pace.",
  },
  zh: {
    ideation: "谢谢你愿意告诉我。听起来你正在经历很痛苦的事情，我想确认你是安全的。我需要直接问你：你现在有结束自己生命的想法吗？",
    plan: "谢谢你这么坦诚。你有没有想过要怎么做，或者已经准备了需要的东西？有没有想过在什么时候？",
    urgent:
      "你的安全现在最重要。请马上联系紧急救助：拨打当地急救电话（中国大陆 120 或 110），或者去最近的医院急诊。如果可以的话，请远离可能用来伤害自己的东西，并请身边的人陪着你。",
    notIdeation: "谢谢你告诉我。我仍然很高兴我们能聊聊你的感受。",
    lines: "你不需要独自面对。现在就可以找人聊聊：",
    offerPlan: "我们要不要一起做一个简短的安全计划？就是用你自己的话，写下在特别难熬的时候什么能帮到你、可以找谁。",
    sections: {
      warning_signs: "我们开始吧。哪些想法、感受或情境会提醒你危机可能要来了？",
      internal_coping: "你自己可以做些什么，让自己转移注意力或稍微平静一点，哪怕只有几分钟？",
      social_distraction: "哪些人或地方能让你感觉好一点，或者帮你转移注意力？",
      help_contacts: "你可以向谁求助？你会怎么联系他们？",
      professional_contacts: "在危机时，你可以联系哪些专业人员或机构，比如医生、咨询师或危机热线？",
      safe_environment: "你可以做些什么让周围环境更安全，比如把可能用来伤害自己的东西收起来或交给别人保管？",
    },
    planTitle: "这是你的安全计划，请放在随时能找到的地方：",
    planLabels: {
      warning_signs: "预警信号",
      internal_coping: "我自己可以做的事",
      social_distraction: "能帮到我的人和地方",
      help_contacts: "我可以求助的人",
      professional_contacts: "专业人员和机构",
      safe_environment: "让环境更安全",
    },
    confirm: "在继续之前，我想确认一下：你现在是安全的吗？",
    confirmAgain: "听到这个我很安心。如果之后情况有变化，你愿意联系这些热线或者你信任的人吗？",
    notSafe: "我很担心你，希望你马上得到帮助。",
    stillHere: "你现在所在的地方安全吗？",
    resume: "谢谢你。你准备好了的话，我们可以回到刚才的地方继续。我们团队的工作人员也可能会查看这段对话，以确保你得到支持。",
    checkIn: "听起来最近你承受了很多。如果你什么时候觉得不安全，随时可以找人聊聊：",
    checkInEnd: "我在这里，我们可以按你的节奏慢慢来。",
  },
} as const;

export function crisisLinesText(language: Language, region?: string): string {
  const lines = crisisLinesFor({ lang: language, ...(region ? { region } : {}) });
  return lines.map((line) => `• ${formatCrisisLine(line, language)}`).join("\n");
}

export function checkInMessage(language: Language, region?: string): string {
  const t = TEXT[language];
  return `${t.checkIn}\n${crisisLinesText(language, region)}\n${t.checkInEnd}`;
}

export function startProtocol(language: Language, reason: string): { state: ProtocolState; messages: string[] } {
  return { state: { step: "ideation", section: 0, plan: {}, reason }, messages: [TEXT[language].ideation] };
}

export interface ProtocolReply {
  state: ProtocolState | null;
  messages: string[];
  /** Set when the protocol has finished: the script may resume. */
  finished: boolean;
  /** The safety plan, once complete, to store as a variable. */
  plan?: Record<string, JsonValue>;
  /** The reply described a plan, means or timing: treat as imminent. */
  urgent: boolean;
}

function linesAndOffer(language: Language, region: string | undefined): string[] {
  const t = TEXT[language];
  return [`${t.lines}\n${crisisLinesText(language, region)}`, t.offerPlan];
}

function planSummary(language: Language, plan: Record<string, string>): string {
  const t = TEXT[language];
  const rows = SAFETY_PLAN_SECTIONS.filter((s) => plan[s]).map((s) => `• ${t.planLabels[s]}: ${plan[s]}`);
  return `${t.planTitle}\n${rows.join("\n")}`;
}

/** One client reply while the protocol runs. `detectedUrgent`: the risk detector saw a plan or means. */
export function continueProtocol(
  state: ProtocolState,
  reply: string,
  language: Language,
  options: { region?: string; detectedUrgent: boolean },
): ProtocolReply {
  const t = TEXT[language];
  const answer = coerceBoolean(reply);
  const urgentNow = options.detectedUrgent;
  const next = (step: ProtocolStep, messages: string[], extra: Partial<ProtocolState> = {}): ProtocolReply => ({
    state: { ...state, ...extra, step },
    messages: urgentNow ? [t.urgent, ...messages] : messages,
    finished: false,
    urgent: urgentNow,
  });

  switch (state.step) {
    case "ideation":
      // Anything but a clear "no" is taken as yes: in doubt, keep asking.
      if (answer === false && !urgentNow) return next("offer_plan", [t.notIdeation, ...linesAndOffer(language, options.region)]);
      return next("plan", [t.plan]);
    case "plan": {
      const hasPlan = answer !== false || urgentNow;
      const messages = hasPlan ? [t.urgent, ...linesAndOffer(language, options.region)] : linesAndOffer(language, options.region);
      return { state: { ...state, step: "offer_plan" }, messages, finished: false, urgent: hasPlan };
    }
    case "offer_plan":
      if (answer === true) return next("plan_section", [t.sections[SAFETY_PLAN_SECTIONS[0]]], { section: 0 });
      return next("confirm", [t.confirm]);
    case "plan_section": {
      const key = SAFETY_PLAN_SECTIONS[state.section] ?? "safe_environment";
      const plan = { ...state.plan, [key]: reply.trim() };
      const following = SAFETY_PLAN_SECTIONS[state.section + 1];
      if (following) return next("plan_section", [t.sections[following]], { section: state.section + 1, plan });
      const done = next("confirm", [planSummary(language, plan), t.confirm], { plan });
      return { ...done, plan };
    }
    case "confirm":
      if (answer === true && !urgentNow) return next("confirm_again", [t.confirmAgain]);
      return next("confirm", [t.notSafe, `${t.lines}\n${crisisLinesText(language, options.region)}`, t.stillHere]);
    case "confirm_again":
      if (answer === true && !urgentNow) return { state: null, messages: [t.resume], finished: true, urgent: false };
      // One "I'm fine" is not enough: start the confirmation again.
      return next("confirm", [t.notSafe, `${t.lines}\n${crisisLinesText(language, options.region)}`, t.stillHere]);
  }
}
