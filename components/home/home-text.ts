/** The client home page's text in English and Chinese (the chat's own text is in components/chat/i18n.ts). */
import type { UiLanguage } from "@/components/chat/i18n";

const en = {
  title: "Talk things through, at your own pace",
  lede: "Heartline is a guided conversation with an AI counselling assistant. Counsellors write each conversation; the assistant follows it, listens, and asks questions that help you reflect.",
  start: "Start a conversation",
  startNote: "No sign-up needed. You can stop at any time.",
  whatHeading: "What this is",
  what: [
    "An AI assistant, not a person. It follows conversations written by counsellors.",
    "It can help you check in on your mood, put things into words and plan a small next step.",
    "It cannot diagnose, prescribe or replace a counsellor or doctor.",
  ],
  urgentHeading: "Not an emergency service",
  urgentBody:
    "If you are in danger or might act on thoughts of harming yourself, call your local emergency number now (112 works from mobile phones in many countries; 911 in the US; 120 or 110 in mainland China), or talk to someone at one of these free lines:",
  linesLabel: "Free crisis lines",
  privacyHeading: "Your privacy, in plain words",
  privacy: [
    "You don't give your name, email or phone number. A cookie in this browser keeps your conversations together, and only this browser can open them.",
    "What you write is stored so the conversation can continue. Counsellors authorised by this service may read conversations, to keep the service safe and helpful: for example when something you write suggests you may be at risk.",
    "Your words are never written to the service's logs, and conversations are kept only as long as the service's retention policy allows.",
  ],
  staff: "For counsellors and script authors:",
  studio: "Script studio",
  review: "Review",
};

type HomeText = typeof en;

const zh: HomeText = {
  title: "按你自己的节奏，慢慢聊",
  lede: "Heartline 是与 AI 心理咨询助手进行的引导式对话。每个对话都由咨询师编写，助手按照对话内容倾听、提问，帮助你梳理自己的想法和感受。",
  start: "开始一次对话",
  startNote: "无需注册，你可以随时停止。",
  whatHeading: "这是什么",
  what: [
    "这是一个 AI 助手，不是真人。它按照咨询师编写的对话进行。",
    "它可以帮你了解自己近来的情绪，把想法说出来，并计划一个小小的下一步。",
    "它不能做诊断、开药，也不能代替咨询师或医生。",
  ],
  urgentHeading: "这不是紧急服务",
  urgentBody: "如果你现在有危险，或者可能按照伤害自己的念头去做，请立即拨打当地紧急电话（中国大陆：急救 120，报警 110；在许多国家，手机可拨打 112），或者拨打下面的免费热线，找人谈谈：",
  linesLabel: "免费求助热线",
  privacyHeading: "关于你的隐私，说得明白些",
  privacy: [
    "你不需要提供姓名、邮箱或电话。这个浏览器里的一个 Cookie 会把你的对话归在一起，只有这个浏览器能打开它们。",
    "你写下的内容会被保存，这样对话才能继续。本服务授权的咨询师可能会阅读对话，以保证服务安全、有帮助：比如你写的内容显示你可能有危险时。",
    "你说的话绝不会写进服务的日志；对话只按本服务的保存期限保留。",
  ],
  staff: "咨询师与脚本作者入口：",
  studio: "脚本工作室",
  review: "会谈审阅",
};

export const HOME_TEXT: Readonly<Record<UiLanguage, HomeText>> = { en, zh };
