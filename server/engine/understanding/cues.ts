/**
 * Cues in a reply: short phrase lists for what a reply does (skips, asks for a person, asks who
 * reads this, hedges, corrects). They are evidence, not verdicts: the trained intent classifier
 * sees them as features beside the words, and decides.
 */
import { foldText } from "../text/normalise";
import type { QuestionTopic } from "./types";

export type Cue =
  | "skip"
  | "handoff"
  | "ask"
  | "unsure"
  | "correction"
  | "negation"
  | "affirmation"
  | "feelings"
  | "chatter"
  | `topic:${QuestionTopic}`;

const CUES: readonly (readonly [Cue, RegExp])[] = [
  [
    "skip",
    /\b(?:skip|pass|next (?:one|question)|move on|rather not|prefer not|would not like to say|don'?t (?:want|wanna|feel like) (?:to )?(?:say|answer|share|talk about|get into)|not (?:comfortable|ready) (?:sharing|saying|answering|to (?:say|share|answer))|leave (?:that|it|this)(?: one)?|none of your business|no comment|private|personal|let'?s not|can we not|not ready to (?:talk|say|go into|share))\b|跳过|下一题|下一个|换个问题|不想说|不太想说|不想回答|不想讲|不方便说|不方便回答|保密|不想透露|不说了|略过|先不答|不回答|私人|唔想講|唔講|不聊|不谈|别问|先不说|都先不说|就算了吧|没准备好|未准备好|不想在这里?说|不想讲太多|不想说太多/iu,
  ],
  [
    "handoff",
    /\b(?:real|actual|live|human|proper) (?:person|human|counsel+or|therapist|people|being|one)\b|\b(?:talk|speak|chat|go through this) (?:to|with) (?:a |an |someone|somebody|a human|someone real|a counsel+or|a therapist|staff|a person|a doctor|my gp)|\b(?:see|get|want|need|prefer) (?:a|an|some) (?:person|human|counsel+or|therapist|psychologist|doctor)\b|\b(?:any|a) human\b|\b(?:human|counsel+or|therapist|psychologist|someone real|person) (?:please|instead|only)|\b(?:transfer|connect|put) me\b|\bphone (?:number|call)|\bcall me back|真人|人工|咨询师|諮詢師|諮商師|心理医生|心理醫生|社工|辅导员|輔導員|找个人|找人聊|轉真人|真係人|换个人|換個人|打电话|打電話|当面|當面|面谈|面談|联系我|聯繫我|聯絡我/iu,
  ],
  ["ask", /\?|？|\b(?:what|why|who|how|where|when|is this|are you|do you|does|can you|will you|could you|wdym|define|(?:you|u) tell me)\b|吗|嗎|什么|甚麼|什麼|为什么|為什麼|谁|誰|怎么|點解|咩|哪里|哪裏|会不会|啥|咋|区别|(\p{Script=Han})[不没]\1|[^\s，,。]{2}不$/iu],
  ["topic:who_reads", /\bwho\b[^.?!]{0,30}\b(?:reads?|reading|sees?|seeing|look(?:s|ing)? at|access|gets? to (?:see|read))\b|\b(?:anyone|anybody|someone|somebody|a (?:person|human|counsel+or|therapist|doctor)|staff|my (?:doctor|gp|therapist|boss|employer|school|parents?|family))\b[^.?!]{0,25}\b(?:read|see|look at|reading|seeing|get to see|find out|know|be told|notified)\b|\bread (?:this|these|my)|谁[^。？?]{0,10}(?:看|读|讀|知道)|誰[^。？?]{0,10}(?:看|讀|知道)|有人[^。？?]{0,6}(?:看|读|讀)|(?:医生|醫生|老师|老師|学校|學校|单位|單位|公司|家人|父母|爸妈|爸媽)[^。？?]{0,8}(?:看到|知道|看得到)|边个[^。？?]{0,6}睇|邊個[^。？?]{0,6}睇/iu],
  ["topic:real_person", /\b(?:are you|is this|r u|am i talking to) (?:a |an )?(?:real|human|bot|robot|ai|machine|person|computer|chatbot|program)|\bbot\b|\bai\b|机器人|機器人|真人吗|是人吗|是人嗎|真人嗎|人工智能|程序|ai吗/iu],
  ["topic:data", /\b(?:data|stored|store|storing|saved|save|record(?:ed|ing)?|delete|deleted|private|privacy|confidential|share[ds]? (?:this|it|my)|insurance|employer|sold|sell)\b|数据|數據|保存|存储|儲存|记录|記錄|隐私|隱私|保密|删除|刪除|泄露|洩露|给别人看|公开/iu],
  ["topic:meaning", /\bwhat (?:do you mean|does .{1,30} mean|counts|kind of|sort of)|\bwhy (?:do|are) you (?:ask|need|want)|\bmean by\b|\bwhat is (?:a|an|the) (?:scale|option)|\bdoes .{1,30} count\b|什么意思|甚麼意思|什麼意思|啥意思|为什么(?:要)?问|為什麼(?:要)?問|指的是|算不算|怎么算|点解要问/iu],
  ["unsure", /\b(?:not sure|unsure|no idea|don'?t know|dunno|idk|hard to say|can'?t say|depends|no clue|who knows|not certain|maybe|perhaps|i guess(?! so)|hmm+|can'?t remember|don'?t remember|lost track|can'?t (?:pick|decide|choose|think)|where to start|difficult to say|hard to tell|not certain)\b|想不起|记不清|没想好|沒想好|没决定|沒決定|再看看|到时候再说|到時候再說|記不清|记不得|記不得|不好算|没法算|沒法算|说不上来|說不上來|很难讲|很難講|难讲|難講|分不清|要是知道就好了|拿不准|拿不準|不晓得|不曉得|唔記得|不知道|不确定|不確定|说不好|說不好|说不清|說不清|说不太清|說不太清|不清楚|看情况|不好说|难说|唔知|冇諗過|也许|或许|可能吧|搞不清|搞不懂|整不明白|讲不出|講唔出|讲唔出|说不出来|没概念|唔肯定|不太确定|好难选|\bcan'?t (?:put my finger on|pin it down|put a number on)|\bhard to put a number/iu],
  ["correction", /\b(?:not (?:quite|exactly|really)|that'?s not (?:it|right|what)|you got (?:it|that) wrong|i didn'?t say|more (?:about|like)|mainly|mostly|actually|rather|instead)\b|不完全|不太对|不对|不是这样|其实|主要是|更多是|應該是|应该是|搞错|搞錯/iu],
  [
    "feelings",
    /\b(?:feel\w*|mood|stress\w*|anx\w*|worr\w*|sad|low|down|tired|sleep\w*|insomnia|work|job|family|partner|relationship\w*|lonel\w*|angry|panic\w*|depress\w*|cry\w*|overwhelm\w*|exhaust\w*|burn\w*|motivat\w*|appetite|energy|focus|concentrat\w*|therapy|counsel\w*|better|worse|cope|coping|help)\b|心情|情绪|情緒|压力|壓力|焦虑|焦慮|担心|擔心|难受|難受|累|睡|失眠|工作|家里|家裡|家人|老公|老婆|孩子|关系|關係|孤独|孤獨|生气|生氣|烦|煩|哭|抑郁|抑鬱|崩溃|崩潰|精神|注意力|胃口|好转|好轉|帮助|幫助|咨询|諮詢/iu,
  ],
  [
    "chatter",
    /\b(?:weather|rain\w*|snow\w*|hot|cat|dog|puppy|kitten|pizza|lunch|dinner|breakfast|food|game|match|football|soccer|f1|movie|film|song|music|netflix|show|episode|meme|reel|tiktok|lol+|haha\w*|brb|hold on|hang on|wait a sec|door|delivery|uber|kettle|phone died|battery|traffic|bus|train|lift|elevator|anyway|unrelated|random|btw|by the way|sunny|snowing|thunder\w*|typhoon|degrees|wifi|internet|petrol|price of|concert|memes?|crosswords?|sudoku|tomatoes|recipe|holiday|trip|what time is it|what day is it|capital of|plumber|jollof|hurling|cricket|rugby|footy)\b|颱風|台风|打雷|下雪|几度|冷不冷|热不热|几点了|几号|涨价|涨了|一斤|买一送一|打折|演唱会|看电影|电视剧|梗|旅游|旅行|去了趟|风景|奶茶|咖啡厅|天气|天氣|下雨|下大雨|好热|好熱|猫|貓|狗|外卖|外賣|吃饭|吃飯|麻辣烫|电影|電影|新歌|游戏|遊戲|抽卡|球赛|球賽|开奖|開獎|刷到|笑死|等我一下|等一下|等等|快递|快遞|顺便问|順便問|跟这个没关系|跟這個沒關係|题外话|題外話|对了|對了/iu,
  ],
  ["negation", /\b(?:no|nope|nah|not|never|don'?t|didn'?t|haven'?t|won'?t|wouldn'?t)\b|不|没|沒|冇|唔/iu],
  ["affirmation", /\b(?:yes|yeah|yep|yup|sure|ok|okay|alright|fine|right|correct|exactly|definitely|of course)\b|是的|对|對|好的|可以|行|嗯|没错|沒錯|係/iu],
];

/** The cues present in a reply. */
export function replyCues(reply: string): Cue[] {
  const text = foldText(reply);
  return CUES.filter(([, pattern]) => pattern.test(text)).map(([cue]) => cue);
}
