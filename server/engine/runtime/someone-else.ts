/**
 * When the client says someone else is in danger now (a friend who took pills and cannot be woken,
 * a partner with a gun behind a locked door), the client is not the one at risk, and the crisis
 * protocol's questions ("are you having thoughts of ending your life?") would be the wrong ones.
 * They are told at once how to get that person help, and the script waits for the reply. Whatever
 * the reply, it is acknowledged, with the call to get help said once more in other words for in
 * case help is not on its way yet, and the script resumes: replies to the guidance ("ok I called
 * them", "the ambulance is here") share its emergency's words, and reading them again as an
 * emergency repeated the guidance to someone who had done what it asked.
 */
import { crisisLinesFor, formatCrisisLine } from "../safety/crisis-lines";
import { crisisLinesText } from "./protocol";
import type { Language } from "./types";

/** The guidance given, while its reply is awaited. */
export interface SomeoneElseState {
  /** The turn (client message) the guidance was given in. */
  turn: number;
}

const TEXT = {
  en: {
    guidance:
      "It sounds like someone may be in danger right now. Please call emergency services for them straight away, even if you're not sure it's needed:",
    anyNumber: "your local emergency number (for example 911 in the US, 999 in the UK, 112 in the EU, 120 or 110 in China).",
    whileWaiting:
      "If it's safe for you, stay with them or ask someone nearby to go to them, and keep anything they could hurt themselves with out of reach. If they have taken something, keep the packet or bottle to show the ambulance crew. I'm here with you. When you can, tell me how things are.",
    reminder: "If they are still in danger and help isn't on the way yet, please call now; you don't need to be sure before you call:",
    after: "Thank you for letting me know.",
    forYou: "That sounds frightening, and you don't have to carry it on your own. If you'd like to talk it through with someone too, these lines are there for you as well:",
    afterEnd: "Whenever you're ready, we can go back to where we were.",
  },
  zh: {
    guidance: "听起来现在可能有人处在危险中。请马上替对方拨打急救电话，哪怕你不确定是否需要：",
    anyNumber: "当地的急救电话（中国大陆 120 或 110，香港 999，台湾 119 或 110，美国 911）。",
    whileWaiting:
      "如果对你来说安全，请陪在对方身边，或者请附近的人过去，并把可能用来伤害自己的东西拿开。如果对方吃了什么药，请保留药盒或药瓶，交给急救人员。我在这里陪着你。方便的时候，告诉我现在怎么样了。",
    reminder: "如果对方仍然有危险，而救援还没有出发，请现在就打电话，不需要先确定再打：",
    after: "谢谢你告诉我。",
    forYou: "这一定很吓人，你不需要独自承受。如果你也想找人聊聊，这些热线同样可以帮你：",
    afterEnd: "等你准备好了，我们可以回到刚才的地方。",
  },
} as const;

/** The region's emergency numbers as lines, or one sentence with common ones when the region is unknown. */
function emergencyNumbers(language: Language, region?: string): string {
  const local = region ? crisisLinesFor({ lang: language, region }).filter((line) => line.kind === "emergency" && line.regions.length > 0) : [];
  if (local.length === 0) return TEXT[language].anyNumber;
  return local.map((line) => `• ${formatCrisisLine(line, language)}`).join("\n");
}

/** The first message: call for help now, the numbers, what to do while help comes. */
export function emergencyGuidance(language: Language, region?: string): string {
  const t = TEXT[language];
  return `${t.guidance}\n${emergencyNumbers(language, region)}\n${t.whileWaiting}`;
}

/** The reply to the guidance: thanks, the call for help once more in other words, and lines for the client themselves. */
export function afterEmergency(language: Language, region?: string): string {
  const t = TEXT[language];
  return `${t.after}\n${t.reminder}\n${emergencyNumbers(language, region)}\n${t.forYou}\n${crisisLinesText(language, region)}\n${t.afterEnd}`;
}

/** What to say to this message, given whether it reads as someone else's emergency and what was said before. */
export type SomeoneElseStep = { kind: "guidance"; state: SomeoneElseState; message: string } | { kind: "after"; message: string } | { kind: "none" };

export function someoneElseStep(previous: SomeoneElseState | undefined, urgent: boolean, turn: number, language: Language, region?: string): SomeoneElseStep {
  if (previous && previous.turn === turn - 1) return { kind: "after", message: afterEmergency(language, region) };
  if (urgent) return { kind: "guidance", state: { turn }, message: emergencyGuidance(language, region) };
  return { kind: "none" };
}
