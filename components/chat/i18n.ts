/**
 * The chat's UI text in English and Chinese. Conversation content comes from the script; only the
 * interface around it is translated here. Keep both languages in step: `zh` must have every key.
 */

export type UiLanguage = "en" | "zh";

export const UI_LANGUAGES: readonly UiLanguage[] = ["en", "zh"];

/** Longest message the server accepts, in characters (kept equal to the server's MAX_MESSAGE_CHARS). */
export const MAX_MESSAGE_CHARS = 4_000;

const number = (lang: UiLanguage, n: number) => n.toLocaleString(lang === "zh" ? "zh-CN" : "en");

const en = {
  languageName: "English",
  languageShort: "EN",
  languageLabel: "Language",
  home: "Heartline home",
  conversations: "Conversations",

  startHeading: "Start a conversation",
  startLede: "Choose a guided conversation. Each one is written by counsellors, and you can stop at any time.",
  notEmergency: "Heartline is not an emergency service. If you are in danger now, call your local emergency number.",
  scriptLanguage: (code: string | null) => (code ? (code.startsWith("zh") ? "In Chinese" : code.startsWith("en") ? "In English" : code) : ""),
  startScript: "Start",
  startScriptLabel: (name: string) => `Start “${name}”`,
  starting: "Starting…",
  startFailed: "The conversation could not be started. Please try again.",
  scriptsLoading: "Loading conversations you can start…",
  scriptsFailed: "The list of conversations could not be loaded.",
  noScripts: "There are no conversations to start yet.",
  tryAgain: "Try again",

  yourConversations: "Your conversations",
  sessionsLoading: "Loading your conversations…",
  sessionsFailed: "Your conversations could not be loaded.",
  noSessions: "You have not started a conversation yet.",
  status: { active: "In progress", completed: "Completed", ended: "Ended" } as Record<string, string>,
  resume: "Resume",
  read: "Read",
  resumeLabel: (name: string) => `Resume “${name}”`,
  readLabel: (name: string) => `Read “${name}”`,
  updated: (when: string) => `Last active ${when}`,

  loadingConversation: "Loading the conversation…",
  conversationNotFound: "This conversation was not found. It may have been started in another browser.",
  conversationFailed: "The conversation could not be loaded.",
  allConversations: "All conversations",
  messageLog: "Conversation",
  speakerClient: "You",
  typing: (bot: string) => `${bot} is writing…`,
  botAvatarLabel: (bot: string) => `${bot}, the counselling assistant`,
  jumpToNewest: "Jump to the newest message",
  quickReplies: "Suggested replies",

  composerLabel: "Your message",
  composerPlaceholder: "Write your message…",
  composerHint: "Enter to send · Shift+Enter for a new line",
  send: "Send",
  charCount: (lang: UiLanguage, n: number) => `${number(lang, n)} / ${number(lang, MAX_MESSAGE_CHARS)}`,
  charCountLabel: (lang: UiLanguage, n: number) => `${number(lang, n)} of ${number(lang, MAX_MESSAGE_CHARS)} characters`,
  tooLong: (lang: UiLanguage, over: number) =>
    `This message is too long to send: the limit is ${number(lang, MAX_MESSAGE_CHARS)} characters. Please shorten it by ${number(lang, over)} ${over === 1 ? "character" : "characters"}, or send it in parts.`,

  errorRateLimited: (seconds: number) =>
    seconds > 0 ? `You are sending messages very quickly. Please wait ${seconds} s, then retry.` : "You can retry now.",
  errorBusy: "Your previous message is still being answered. Please wait a moment, then retry.",
  errorNetwork: "Your message could not be sent because the connection was lost. Check your connection and retry; it will not be sent twice.",
  errorTurn: "Something went wrong while answering. Nothing was lost; please retry.",
  errorTooLarge: "The server refused this message as too long. It is back in the box below so you can shorten it.",
  errorRefused: "This message could not be sent. It is back in the box below.",
  errorEnded: "This conversation has ended, so no more messages can be sent.",
  errorNotFound: "This conversation was not found.",
  errorIdentity: "Your browser's session has expired. Reload the page and try again.",
  retry: "Retry",
  reload: "Reload",

  endConversation: "End conversation",
  endShort: "End",
  endTitle: "End this conversation?",
  endBody: "You will not be able to send more messages in it. You can still read it afterwards.",
  endConfirm: "End conversation",
  endCancel: "Keep talking",
  endFailed: "The conversation could not be ended. Please try again.",
  readOnlyEnded: "This conversation has ended. You can read it all above.",
  readOnlyCompleted: "This conversation is complete. You can read it all above.",
  startNew: "Start a new conversation",

  crisisTitle: "If you are in danger now, call your local emergency number",
  crisisBody: "112 works from mobile phones in many countries. You can also talk to someone right now, for free:",
  crisisMore: "More lines",
  crisisShort: "Help now:",
  crisisMoreShort: "More",
  crisisLess: "Less",
  crisisHideLabel: "Hide the crisis lines",
  crisisShow: "Crisis lines",
  crisisNoteTitle: "You don't have to carry this alone.",
  crisisNoteBody: "If things feel like too much, these free lines are there to listen:",
  crisisNoteLines: "Lines",
  crisisNoteHide: "Dismiss",
  hotlinesLabel: "Crisis lines",
  callNumber: (number: string) => `Call ${number}`,
  textNumber: (number: string) => `Text ${number}`,
  callLabel: (name: string, number: string) => `Call ${number} (${name})`,
  textLabel: (name: string, number: string) => `Text ${number} (${name})`,
};

export type Dictionary = typeof en;

const zh: Dictionary = {
  languageName: "中文",
  languageShort: "中文",
  languageLabel: "语言",
  home: "Heartline 首页",
  conversations: "对话",

  startHeading: "开始一次对话",
  startLede: "选择一个引导式对话。每个对话都由咨询师编写，你可以随时停止。",
  notEmergency: "Heartline 不是紧急服务。如果你现在有危险，请拨打当地紧急电话。",
  scriptLanguage: (code) => (code ? (code.startsWith("zh") ? "中文" : code.startsWith("en") ? "英文" : code) : ""),
  startScript: "开始",
  startScriptLabel: (name) => `开始“${name}”`,
  starting: "正在开始…",
  startFailed: "无法开始对话，请重试。",
  scriptsLoading: "正在加载可开始的对话…",
  scriptsFailed: "无法加载对话列表。",
  noScripts: "目前还没有可以开始的对话。",
  tryAgain: "重试",

  yourConversations: "你的对话",
  sessionsLoading: "正在加载你的对话…",
  sessionsFailed: "无法加载你的对话。",
  noSessions: "你还没有开始过对话。",
  status: { active: "进行中", completed: "已完成", ended: "已结束" },
  resume: "继续",
  read: "查看",
  resumeLabel: (name) => `继续“${name}”`,
  readLabel: (name) => `查看“${name}”`,
  updated: (when) => `最近活动：${when}`,

  loadingConversation: "正在加载对话…",
  conversationNotFound: "找不到这次对话。它可能是在另一个浏览器中开始的。",
  conversationFailed: "无法加载这次对话。",
  allConversations: "全部对话",
  messageLog: "对话内容",
  speakerClient: "你",
  typing: (bot) => `${bot} 正在输入…`,
  botAvatarLabel: (bot) => `${bot}，咨询助手`,
  jumpToNewest: "跳到最新消息",
  quickReplies: "快捷回复",

  composerLabel: "你的消息",
  composerPlaceholder: "写下你想说的话…",
  composerHint: "按 Enter 发送 · Shift+Enter 换行",
  send: "发送",
  charCount: (lang, n) => `${number(lang, n)} / ${number(lang, MAX_MESSAGE_CHARS)}`,
  charCountLabel: (lang, n) => `已输入 ${number(lang, n)} 个字符，上限 ${number(lang, MAX_MESSAGE_CHARS)} 个`,
  tooLong: (lang, over) =>
    `这条消息太长，无法发送：上限为 ${number(lang, MAX_MESSAGE_CHARS)} 个字符。请删减 ${number(lang, over)} 个字符，或分几次发送。`,

  errorRateLimited: (seconds) => (seconds > 0 ? `你发送消息的速度有点快。请等待 ${seconds} 秒后重试。` : "现在可以重试了。"),
  errorBusy: "上一条消息还在回复中。请稍等片刻再重试。",
  errorNetwork: "网络连接中断，消息未能发送。请检查网络后重试，消息不会被重复发送。",
  errorTurn: "回复时出了点问题。没有内容丢失，请重试。",
  errorTooLarge: "服务器认为这条消息太长。消息已放回下方输入框，请删减后再发送。",
  errorRefused: "这条消息无法发送，已放回下方输入框。",
  errorEnded: "这次对话已经结束，不能再发送消息。",
  errorNotFound: "找不到这次对话。",
  errorIdentity: "浏览器会话已过期。请刷新页面后重试。",
  retry: "重试",
  reload: "刷新",

  endConversation: "结束对话",
  endShort: "结束",
  endTitle: "要结束这次对话吗？",
  endBody: "结束后将不能再发送消息，但你仍然可以查看对话记录。",
  endConfirm: "结束对话",
  endCancel: "继续对话",
  endFailed: "无法结束对话，请重试。",
  readOnlyEnded: "这次对话已经结束，完整记录就在上方。",
  readOnlyCompleted: "这次对话已经完成，完整记录就在上方。",
  startNew: "开始新的对话",

  crisisTitle: "如果你现在有危险，请立即拨打当地紧急电话",
  crisisBody: "中国大陆：急救 120，报警 110；在许多国家，手机可拨打 112。你也可以现在就免费找人谈谈：",
  crisisMore: "更多热线",
  crisisShort: "立即求助：",
  crisisMoreShort: "更多",
  crisisLess: "收起",
  crisisHideLabel: "收起求助热线",
  crisisShow: "求助热线",
  crisisNoteTitle: "你不必独自承受这些。",
  crisisNoteBody: "如果感觉难以承受，这些免费热线随时愿意倾听：",
  crisisNoteLines: "热线",
  crisisNoteHide: "关闭",
  hotlinesLabel: "求助热线",
  callNumber: (number) => `拨打 ${number}`,
  textNumber: (number) => `短信 ${number}`,
  callLabel: (name, number) => `拨打 ${number}（${name}）`,
  textLabel: (name, number) => `短信 ${number}（${name}）`,
};

export const DICTIONARIES: Readonly<Record<UiLanguage, Dictionary>> = { en, zh };

/** "zh", "zh-CN", "zh-Hant-TW" → zh; "en", "en-GB" → en; anything else → null (not clear). */
export function uiLanguageOf(tag: string | null | undefined): UiLanguage | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === "zh" || primary === "en" ? primary : null;
}
