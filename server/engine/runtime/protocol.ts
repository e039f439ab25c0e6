/**
 * The built-in safety protocol, run when a client may be at risk and the script has no trigger of
 * its own: acknowledge, ask directly about suicidal thoughts, plan, means and timing (a short
 * C-SSRS-style sequence), give crisis lines, offer a Stanley-Brown safety plan, and hand back to
 * the script only after two explicit confirmations of safety. Its wording is fixed (never passed
 * through a model): in a crisis, every word is chosen on purpose.
 *
 * It listens: what the client has already said about a plan, the means or the timing is not asked
 * again (a crisis message that says it skips the question about thoughts of suicide too); no
 * question is asked twice (an unclear answer gets its question rephrased once, then the protocol
 * moves on); and a bare "I'm fine", "ok" or "我没事" never counts as being safe.
 */
import { crisisLinesFor, formatCrisisLine } from "../safety";
import type { JsonValue } from "../llm/port";
import { readConfirmation, type Confirmation } from "./confirmation";
import type { Language } from "./types";

export type ProtocolStep = "ideation" | "plan" | "offer_plan" | "plan_section" | "confirm" | "confirm_again";

/** Every question the protocol asks, each at most once; `_rephrase` is the second wording. */
export type ProtocolQuestion =
  | "ideation"
  | "ideation_rephrase"
  | "plan"
  | "plan_rephrase"
  | "offer_plan"
  | "offer_plan_rephrase"
  | "confirm"
  | "confirm_rephrase"
  | "confirm_again"
  | "confirm_again_rephrase";

export interface ProtocolState {
  step: ProtocolStep;
  /** Index into SAFETY_PLAN_SECTIONS while building the plan. */
  section: number;
  plan: Record<string, string>;
  /** What started it (for review). */
  reason: string;
  /** The questions asked so far (absent in states saved before it was kept). */
  asked?: ProtocolQuestion[];
}

/** What the client has said so far about a plan, the means and the timing (negated mentions count as answers). */
export interface KnownParts {
  plan: boolean;
  means: boolean;
  timing: boolean;
  /** Something said as a yes: a plan, means or a time. */
  affirmed: boolean;
}

export const NOTHING_KNOWN: KnownParts = { plan: false, means: false, timing: false, affirmed: false };

/** The six parts of a Stanley–Brown safety plan, in order. */
export const SAFETY_PLAN_SECTIONS = [
  "warning_signs",
  "internal_coping",
  "social_distraction",
  "help_contacts",
  "professional_contacts",
  "safe_environment",
] as const;

type PlanPart = "how_and_means" | "means" | "when";

const TEXT = {
  en: {
    ideation:
      "Thank you for telling me. It sounds like you're going through something really painful, and I want to make sure you're safe. I need to ask you directly: are you having thoughts of ending your life?",
    ideationRephrase:
      "It's okay if this is hard to answer. Sometimes, when people are in this much pain, they think about ending their life. Is that something you've been thinking about?",
    heard:
      "Thank you for telling me. It sounds like you're in a lot of pain right now, and I'm taking what you've said seriously. I want to make sure you're safe.",
    thanksHonest: "Thank you for being honest with me.",
    planParts: {
      how_and_means: "Have you thought about how you might do it, or do you have what you would need?",
      means: "Do you have what you would need to do it?",
      when: "Have you thought about when?",
    },
    planRephraseIntro: "I'm asking so I know how best to help you right now.",
    planRephraseParts: {
      how_and_means: "Is there a way you've been thinking of, and is it within reach?",
      means: "Is what you would use within reach right now?",
      when: "Is there a time you've been thinking of?",
    },
    urgent:
      "Your safety matters most right now. Please contact emergency services now (your local emergency number, for example 911 in the US, 999 in the UK, 112 in the EU, 120 or 110 in China) or go to the nearest emergency department. If you can, move away from anything you could use to hurt yourself, and ask someone to stay with you.",
    notIdeation: "Thank you for telling me. I'm still glad we're talking about how you're feeling.",
    lines: "You don't have to face this alone. You can talk to someone right now:",
    offerPlan:
      "Would you like to make a short safety plan together? It's a list, in your own words, of what helps and who you can reach when things get this hard.",
    offerPlanRephrase:
      "It only takes a few minutes, and we can stop whenever you like. Shall we write down together what could help you get through moments like this?",
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
    beSure: "I'd like to be sure, so let me ask it another way.",
    confirmRephrase: "Right now, are you somewhere safe, away from anything you could use to hurt yourself?",
    confirmAgain: "I'm glad to hear that. If things change later, will you reach out to one of these lines or to someone you trust?",
    confirmAgainRephrase:
      "I'd like to hear it in your own words: if things get this hard again, will you contact one of these lines or someone you trust?",
    notSafe: "I'm worried about you, and I want you to get help right away.",
    hold: "I'm staying right here with you. We'll go back to where we were once you can tell me you're safe right now.",
    holdAgain:
      "When you're ready, tell me that you'll contact one of these lines or someone you trust if things get this hard again, and we'll go back to where we were.",
    resume:
      "Thank you. Whenever you're ready, we can go back to where we were. A member of our team may also look at this conversation to make sure you're supported.",
    checkIn:
      "It sounds like things have been really heavy lately. If you ever feel unsafe, you can talk to someone any time:",
    checkInEnd: "I'm here, and we can keep going at your pace.",
  },
  zh: {
    ideation: "谢谢你愿意告诉我。听起来你正在经历很痛苦的事情，我想确认你是安全的。我需要直接问你：你现在有结束自己生命的想法吗？",
    ideationRephrase: "这个问题不好回答也没关系。有时候，人在这么痛苦的时候会想到结束自己的生命。你最近有这样的想法吗？",
    heard: "谢谢你告诉我。听起来你现在非常痛苦，你说的话我会认真对待。我想确认你是安全的。",
    thanksHonest: "谢谢你这么坦诚。",
    planParts: {
      how_and_means: "你有没有想过要怎么做，或者已经准备了需要的东西？",
      means: "你需要的东西已经准备好了吗？",
      when: "有没有想过在什么时候？",
    },
    planRephraseIntro: "我这样问，是为了知道现在怎样才能最好地帮到你。",
    planRephraseParts: {
      how_and_means: "你心里有没有想过某种方式？那样东西现在在你身边吗？",
      means: "你会用的东西现在就在身边吗？",
      when: "你心里有没有想好一个时间？",
    },
    urgent:
      "你的安全现在最重要。请马上联系紧急救助：拨打当地急救电话（中国大陆 120 或 110），或者去最近的医院急诊。如果可以的话，请远离可能用来伤害自己的东西，并请身边的人陪着你。",
    notIdeation: "谢谢你告诉我。我仍然很高兴我们能聊聊你的感受。",
    lines: "你不需要独自面对。现在就可以找人聊聊：",
    offerPlan: "我们要不要一起做一个简短的安全计划？就是用你自己的话，写下在特别难熬的时候什么能帮到你、可以找谁。",
    offerPlanRephrase: "只需要几分钟，你想停随时可以停。我们一起写下在这种时候能帮你撑过去的东西，好吗？",
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
    beSure: "我想确认清楚，换个方式问。",
    confirmRephrase: "此刻你是否在一个安全的地方，远离可能用来伤害自己的东西？",
    confirmAgain: "听到这个我很安心。如果之后情况有变化，你愿意联系这些热线或者你信任的人吗？",
    confirmAgainRephrase: "我想听你亲口说：如果之后又这么难受，你会联系这些热线或者你信任的人吗？",
    notSafe: "我很担心你，希望你马上得到帮助。",
    hold: "我会一直在这里陪着你。等你能告诉我你现在是安全的，我们再回到刚才的地方。",
    holdAgain: "等你准备好了，告诉我如果之后又这么难受，你会联系这些热线或者你信任的人，我们就回到刚才的地方。",
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

export interface ProtocolReply {
  state: ProtocolState | null;
  messages: string[];
  /** Set when the protocol has finished: the script may resume. */
  finished: boolean;
  /** The safety plan, once complete, to store as a variable. */
  plan?: Record<string, JsonValue>;
  /** A plan, means or timing is known (or the answer was no clearer than that): treat as imminent. */
  urgent: boolean;
}

/** What the protocol is told about the moment it runs in. */
export interface ProtocolContext {
  region?: string;
  /** The risk detector saw a plan, means or an emergency in this message. */
  detectedUrgent: boolean;
  /** This message said a plan, means or a time, as a yes. */
  disclosed: boolean;
  /** Everything the client has said about a plan, means and timing so far, this message included. */
  known: KnownParts;
}

/** What callers pass: anything left out is taken as not known. */
export type ProtocolOptions = Partial<ProtocolContext>;

function contextOf(options: ProtocolOptions): ProtocolContext {
  return {
    ...(options.region ? { region: options.region } : {}),
    detectedUrgent: options.detectedUrgent ?? false,
    disclosed: options.disclosed ?? false,
    known: options.known ?? NOTHING_KNOWN,
  };
}

/** The parts of "how, with what, when" still unknown. */
function missingParts(known: KnownParts): PlanPart[] {
  const parts: PlanPart[] = [];
  // Naming the means says how; a plan ("I've decided how") does not say whether the means are at hand.
  if (!known.plan && !known.means) parts.push("how_and_means");
  else if (!known.means) parts.push("means");
  if (!known.timing) parts.push("when");
  return parts;
}

function join(language: Language, sentences: readonly string[]): string {
  return sentences.join(language === "zh" ? "" : " ");
}

/**
 * One protocol turn in the making: the messages so far, the questions asked, and helpers that pick
 * the next question nobody has heard yet.
 */
class Turn {
  readonly t: (typeof TEXT)[Language];
  private readonly asked: Set<ProtocolQuestion>;

  constructor(
    private readonly state: ProtocolState,
    private readonly language: Language,
    private readonly context: ProtocolContext,
  ) {
    this.t = TEXT[language];
    this.asked = new Set(state.asked ?? []);
  }

  get lines(): string {
    return `${this.t.lines}\n${crisisLinesText(this.language, this.context.region)}`;
  }

  wasAsked(question: ProtocolQuestion): boolean {
    return this.asked.has(question);
  }

  reply(step: ProtocolStep, messages: string[], options: { asks?: ProtocolQuestion; urgent?: boolean; extra?: Partial<ProtocolState> } = {}): ProtocolReply {
    if (options.asks) this.asked.add(options.asks);
    const urgent = this.context.detectedUrgent || options.urgent === true;
    const withUrgent = urgent && !messages.includes(this.t.urgent) ? [this.t.urgent, ...messages] : messages;
    return {
      state: { ...this.state, ...options.extra, step, asked: [...this.asked] },
      messages: withUrgent,
      finished: false,
      urgent,
    };
  }

  /** The plan question for what is still unknown (after `intro`), or, when all is known, straight to help. */
  planOrHelp(intro: string[]): ProtocolReply {
    const missing = missingParts(this.context.known);
    if (missing.length === 0 || this.wasAsked("plan")) return this.help(intro, true);
    const question = join(this.language, [...intro, ...missing.map((part) => this.t.planParts[part])]);
    return this.reply("plan", [question], { asks: "plan" });
  }

  planRephrase(): ProtocolReply {
    const missing = missingParts(this.context.known);
    const question = join(this.language, [this.t.planRephraseIntro, ...missing.map((part) => this.t.planRephraseParts[part])]);
    return this.reply("plan", [question], { asks: "plan_rephrase" });
  }

  /** Crisis lines and the offer of a safety plan (emergency help first when urgent). */
  help(before: string[], urgent: boolean): ProtocolReply {
    const lead = before.length ? [join(this.language, before)] : [];
    const messages = urgent ? [...lead, this.t.urgent, this.lines, this.t.offerPlan] : [...lead, this.lines, this.t.offerPlan];
    return this.reply("offer_plan", messages, { asks: "offer_plan", urgent });
  }

  /**
   * Asks whether they are safe now, in words not used yet; once both are used, stays with them
   * without asking. `unclear`: the last answer was no clear yes or no, so the new wording says why.
   */
  checkSafety(before: string[], options: { extra?: Partial<ProtocolState>; unclear?: boolean } = {}): ProtocolReply {
    const extra = options.extra ?? {};
    const question = (["confirm", "confirm_rephrase"] as const).find((q) => !this.wasAsked(q));
    if (!question) return this.reply("confirm", [...before, this.t.hold], { extra });
    const text = question === "confirm" ? this.t.confirm : options.unclear ? join(this.language, [this.t.beSure, this.t.confirmRephrase]) : this.t.confirmRephrase;
    return this.reply("confirm", [...before, text], { asks: question, extra });
  }

  checkCommitment(): ProtocolReply {
    const question = (["confirm_again", "confirm_again_rephrase"] as const).find((q) => !this.wasAsked(q));
    if (!question) return this.reply("confirm_again", [this.t.holdAgain]);
    return this.reply("confirm_again", [question === "confirm_again" ? this.t.confirmAgain : this.t.confirmAgainRephrase], { asks: question });
  }

  notSafe(): ProtocolReply {
    return this.checkSafety([this.t.notSafe, this.lines]);
  }
}

/**
 * Starts the protocol. A crisis message that already said a plan, the means or a time has answered
 * the question about thoughts of suicide: the protocol acknowledges it and asks only what is still
 * unknown, or, when nothing is, goes straight to emergency help, the crisis lines and the plan.
 */
export function startProtocol(language: Language, reason: string, options: ProtocolOptions = {}): { state: ProtocolState; messages: string[]; urgent: boolean } {
  const context = contextOf(options);
  const fresh: ProtocolState = { step: "ideation", section: 0, plan: {}, reason, asked: [] };
  const turn = new Turn(fresh, language, context);
  const started = context.disclosed ? turn.planOrHelp([turn.t.heard]) : turn.reply("ideation", [turn.t.ideation], { asks: "ideation" });
  return { state: started.state ?? fresh, messages: started.messages, urgent: started.urgent };
}

/**
 * Takes over when a script's own safety run ended before the client confirmed they are safe: the
 * run has asked already, so this stays with them without asking again, until they say they are.
 */
export function holdProtocol(language: Language, reason: string): { state: ProtocolState; messages: string[] } {
  return {
    state: { step: "confirm", section: 0, plan: {}, reason, asked: ["confirm", "confirm_rephrase"] },
    messages: [TEXT[language].hold],
  };
}

function planSummary(language: Language, plan: Record<string, string>): string {
  const t = TEXT[language];
  const colon = language === "zh" ? "：" : ": ";
  const rows = SAFETY_PLAN_SECTIONS.filter((s) => plan[s]).map((s) => `• ${t.planLabels[s]}${colon}${plan[s]}`);
  return `${t.planTitle}\n${rows.join("\n")}`;
}

/** One client reply while the protocol runs. */
export function continueProtocol(state: ProtocolState, reply: string, language: Language, options: ProtocolOptions): ProtocolReply {
  const context = contextOf(options);
  const turn = new Turn(state, language, context);
  const t = turn.t;
  const answer: Confirmation = readConfirmation(reply);
  // Telling a plan, means or a time is not being safe, unless said with a clear yes ("yes, I'm safe tonight").
  const unsafe = answer === "no" || context.detectedUrgent || (context.disclosed && answer !== "yes");

  switch (state.step) {
    case "ideation":
      if (context.disclosed) return turn.planOrHelp([t.thanksHonest]);
      if (answer === "yes" || context.detectedUrgent) return turn.planOrHelp([t.thanksHonest]);
      if (answer === "no") return turn.help([t.notIdeation], false);
      // Unclear: asked once more in other words, then, in doubt, the protocol keeps asking.
      if (!turn.wasAsked("ideation_rephrase")) return turn.reply("ideation", [t.ideationRephrase], { asks: "ideation_rephrase" });
      return turn.planOrHelp([]);
    case "plan": {
      const told = context.disclosed || answer === "yes" || context.known.affirmed || context.detectedUrgent;
      if (told) return turn.help([], true);
      if (answer === "no") return turn.help([], false);
      if (!turn.wasAsked("plan_rephrase")) return turn.planRephrase();
      // Still unclear: move on, and in doubt treat it as a plan.
      return turn.help([], true);
    }
    case "offer_plan":
      if (answer === "yes" || answer === "agree") return turn.reply("plan_section", [t.sections[SAFETY_PLAN_SECTIONS[0]]], { extra: { section: 0 } });
      if (answer === "no") return turn.checkSafety([]);
      if (!turn.wasAsked("offer_plan_rephrase")) return turn.reply("offer_plan", [t.offerPlanRephrase], { asks: "offer_plan_rephrase" });
      return turn.checkSafety([]);
    case "plan_section": {
      const key = SAFETY_PLAN_SECTIONS[state.section] ?? "safe_environment";
      const plan = { ...state.plan, [key]: reply.trim() };
      const following = SAFETY_PLAN_SECTIONS[state.section + 1];
      if (following) return turn.reply("plan_section", [t.sections[following]], { extra: { section: state.section + 1, plan } });
      return { ...turn.checkSafety([planSummary(language, plan)], { extra: { plan } }), plan };
    }
    case "confirm":
      if (unsafe) return turn.notSafe();
      // Only a clear yes counts: "I'm fine" or "ok" gets the question in other words, then company.
      if (answer === "yes") return turn.checkCommitment();
      return turn.checkSafety([], { unclear: true });
    case "confirm_again":
      if (unsafe) return turn.notSafe();
      if (answer === "yes") return { state: null, messages: [t.resume], finished: true, urgent: false };
      return turn.checkCommitment();
  }
}
