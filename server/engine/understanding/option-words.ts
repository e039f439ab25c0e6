/**
 * Words people use for the things counselling scripts commonly offer as choices, in English and
 * Chinese: "can't switch my brain off at night" is about sleep, "老板天天催" about work. An option
 * whose id or label names one of these topics is also known by its words. A vocabulary of everyday
 * topics, not phrases from any test: a reply still has to share words with exactly one option.
 */
const TOPIC_WORDS: Readonly<Record<string, string>> = {
  sleep: "sleep sleeping insomnia night nights bed bedtime awake tired nap brain off 睡 睡眠 失眠 晚上 夜里 夜裡 床 瞓 熬夜 醒",
  work: "work job boss manager office colleague colleagues shift shifts deadline contract career 工作 上班 老板 老闆 领导 領導 同事 公司 加班 单位 單位 返工",
  study: "study school exam exams finals boards tests uni university college grades homework thesis class course 学业 學業 考试 考試 学校 學校 论文 論文 考研 成绩 成績 作业 作業 上课",
  family: "family fam home parents mum mom dad mother father sister brother siblings kids 家 家里 家裡 家庭 屋企 家人 爸 妈 媽 父母 孩子 兄弟 姐妹",
  parents: "parents mum mom dad mother father folks mummy daddy amma appa mama papa 爸 妈 媽 父母 爸爸 妈妈 媽媽 老爸 老妈 阿爸 阿媽",
  partner: "partner boyfriend girlfriend husband wife spouse relationship marriage ex 男朋友 女朋友 老公 老婆 对象 對象 伴侣 伴侶 丈夫 妻子 感情 婚姻",
  relationships: "relationship relationships people friends partner boyfriend girlfriend husband wife coworkers 人际 人際 关系 關係 感情 对象 對象 朋友 同事 相处 相處 老公 老婆 拍拖 婚姻",
  friends: "friend friends mates mate group chat classmates 朋友 闺蜜 閨蜜 兄弟 同学 同學 好友",
  coworkers: "coworkers colleagues colleague boss team 同事 领导 領導 老板 老闆",
  children: "children kids son daughter child baby teenager 孩子 小孩 儿子 兒子 女儿 女兒",
  money: "money cash debt debts bills rent mortgage credit cards loan loans broke pay salary finances 钱 錢 房贷 房貸 房租 债 債 欠 工资 工資 经济 經濟 贷款 貸款",
  health: "health body pain pains ill illness sick doctor symptoms headache headaches migraine hospital 身体 身體 健康 病 医生 醫生 疼 痛 不舒服",
  housing: "housing home flat apartment landlord lease evicted eviction move moving rent 住 房子 房东 房東 搬家 租房",
  anxiety: "anxiety anxious worry worried worrying nervous nerves panic on edge what if 焦虑 焦慮 担心 擔心 紧张 緊張 不安 慌 悬着 懸著",
  worry: "worry worried worrying anxious nervous what if bad thing 担心 擔心 焦虑 焦慮 害怕 不安",
  low_mood: "low mood down sad depressed flat empty heavy unmotivated numb 心情 情绪 情緒 低落 难过 難過 不开心 不開心 提不起劲 提不起勁 沮丧 沮喪 郁闷 鬱悶",
  sadness: "sad sadness cry crying tears heavy down low 难过 難過 伤心 傷心 哭 低落",
  anger: "anger angry rage irritable snap snapping furious temper 生气 生氣 发火 發火 愤怒 憤怒 脾气 脾氣 烦躁 煩躁",
  loneliness: "lonely loneliness alone isolated nobody 孤独 孤獨 寂寞 一个人 一個人 没人 沒人",
  grief: "grief loss lost died death passed gone mourning 去世 离开 離開 走了 失去 悲伤 悲傷 过世 過世",
  stress: "stress stressed pressure overwhelmed too much piling juggling everything at once 压力 壓力 累 崩溃 崩潰",
  morning: "morning mornings wake waking breakfast early 上晌 早上 早晨 起床 上午 一早",
  afternoon: "afternoon arvo lunch lunchtime midday 下晌 晌午 下午 中午 午饭 午飯",
  evening: "evening evenings night bedtime after work dinner 晚上 睡前 下班 夜里 夜晚",
  short: "short quick brief shortest minutes 短 快 简短 簡短 五分钟",
  long: "long longer longest lot time 长 長 久 多一点",
  talk: "talk talking chat chatting natter yarn just talking listen 聊 聊天 说话 說話 倾诉 傾訴 讲 講",
  exercise: "exercise walk walking run running move moving gym 运动 運動 走 跑 动一动 動一動 锻炼 鍛鍊",
  breathing: "breathing breathe breath calm 呼吸 深呼吸",
  career: "career job change jobs profession direction 职业 職業 转行 轉行 工作 方向",
  self_esteem: "self esteem confidence worth myself 自我 自信 自尊 认同 認同",
  coping_skills: "coping skills tools practical techniques strategies 方法 技巧 工具 办法 辦法",
  understanding: "understand understanding why 理解 明白 为什么 為什麼 原因",
  in_person: "in person face to face office visit 当面 當面 面对面 面對面 见面 見面",
  phone: "phone call calling ring 电话 電話",
  video: "video zoom camera 视频 視頻 视讯",
  marriage: "marriage husband wife spouse 老公 老婆 丈夫 妻子 夫妻 婚姻",
  home: "home house family flat 家 家里 家裡 家庭 屋企 家人",
  walking: "walk walking stroll outside 走 走路 散步 走走 行下 行街",
  journaling: "journal journaling write writing diary pen paper 写 寫 日记 日記",
  daily: "daily day days each day 每天 天天 每日",
  weekly: "weekly once a week week weeks 每周 每週 礼拜 禮拜 星期",
  listening: "listen listening hear vent 听 聽 倾听 傾聽 倾诉 傾訴",
  listen: "listen listening hear vent 听 聽 倾听 傾聽 倾诉 傾訴",
  advice: "advice tips suggestions 建议 建議 意见 意見 主意 出主意 支招",
  job: "job jobs work laid off fired redundant redundancy contract hired hiring unemployed interview 工作 失业 失業 裁员 裁員 找工作 面试 面試",
  exams: "exam exams finals boards tests test revision grades 考试 考試 考 复习 複習 成绩 成績",
  night: "night nights midnight late 3am 2am 4am 半夜 深夜 凌晨 夜里 夜裡 晚上",
  audio: "audio listen listening hear voice podcast 听 聽 语音 語音 声音 聲音",
  text: "text read reading written words 文字 看 读 讀",
  pause: "pause break rest breather later for now 歇 休息 暂停 暫停 等一下 先停",
  continue: "continue keep going go on carry on 继续 繼續 接着 接著",
  end: "end stop finish done quit enough 结束 結束 到这里 到這裡",
  fortnightly: "fortnightly fortnight biweekly other week two weeks 两周 兩週 隔周 隔週 双周 雙週",
  self: "myself me mine 自己 我自己",
  someone_else: "someone else husband wife partner son daughter friend mum mom dad kid child brother sister 他 她 家人 朋友 孩子 老公 老婆",
  none: "none neither nothing any no reminders 不用 不要 都不用 都不要 算了 甭",
  no_preference: "no preference doesn't matter don't mind either whoever any 无所谓 無所謂 都可以 都行 随便 隨便",
  music: "music song songs playlist singing 音乐 音樂 听歌 聽歌 唱歌 歌",
  insomnia: "insomnia sleep sleeping awake 失眠 睡不着 睡不著 睡不好 睡眠",
  unrefreshing: "unrefreshed unrefreshing still tired exhausted 不解乏 没睡一样 沒睡一樣 还是累 還是累 没精神 沒精神",
  voice: "voice speak speaking talk audio call 语音 語音 说话 說話 讲话 講話 打电话 打電話",
  free_talk: "chat chatting just talk talk freely 聊聊 随便聊 隨便聊 唠 嘮 聊天 倾偈 傾偈",
  present: "present now current these days 现在 現在 眼下 目前 当下 當下 最近",
  past: "past before childhood back then 过去 過去 以前 小时候 小時候 从前 從前",
  vent: "vent rant let off steam 发泄 發洩 吐槽 倾诉 傾訴",
};

/** Extra words an option is known by, from its id ("low_mood", "job_search" → job). */
export function optionWords(option: string): string {
  const id = option.toLowerCase();
  const direct = TOPIC_WORDS[id];
  if (direct) return direct;
  return id
    .split(/[_\s-]+/)
    .map((part) => TOPIC_WORDS[part] ?? TOPIC_WORDS[`${part}s`] ?? TOPIC_WORDS[part.replace(/s$/u, "")] ?? "")
    .join(" ");
}
