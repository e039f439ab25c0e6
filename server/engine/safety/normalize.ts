/**
 * Matching copy of a message: the same length as the original, so every match offset is also an
 * offset into what the client wrote. Only one-code-unit-for-one-code-unit substitutions are made.
 */

/**
 * Traditional → Simplified for the characters the rules and context words use. Not a full
 * converter (that needs phrase tables); it covers the crisis vocabulary cheaply.
 */
const TRADITIONAL_PAIRS =
  "殺杀殘残藥药燒烧過过沒没傷伤們们經经從从說说個个對对為为這这麼么時时後后會会遺遗書书結结樓楼橋桥" +
  "開开邊边準准備备兒儿媽妈話话覺觉還还電电劇剧裡里裏里現现聽听幫帮動动無无義义見见謝谢愛爱親亲體体" +
  "頭头氣气熱热餓饿煩烦睏困嚇吓醫医護护車车暈晕繩绳槍枪農农蟲虫劑剂讓让難难辦办歲岁學学點点離离種种" +
  "樣样計计劃划畫画寫写條条術术據据與与處处給给嗎吗該该誰谁願愿東东戀恋絕绝筆笔囑嘱腦脑臺台陽阳閉闭" +
  "關关門门間间問问聞闻幾几歡欢總总認认識识讀读課课試试錯错隻只雙双萬万顆颗塊块錢钱買买賣卖帶带掛挂" +
  "綁绑繫系墜坠滅灭斷断燙烫膚肤脈脉褻亵強强姦奸負负淩凌罵骂搧扇牆墙鎖锁聯联脅胁訴诉講讲網网貼贴發发" +
  "閨闺繼继爺爷孫孙師师鄰邻視视遊游戲戏詞词報报導导紀纪錄录預预幹干線线徵征跡迹論论題题並并決决" +
  "別别來来著着夠够攢攒膠胶敵敌潔洁廁厕靈灵臥卧軌轨頂顶懸悬鐵铁悶闷輕轻尋寻盡尽屬属緊紧張张趕赶憂忧" +
  "鬱郁瘋疯厭厌壓压環环淚泪嗚呜聲声變变態态確确實实滿满興兴慶庆麗丽醜丑尷尴飯饭" +
  "誤误騙骗詛诅廢废週周慘惨撐撑婦妇歷历驗验嘗尝療疗診诊訪访諮咨詢询務务" +
  "園园龍龙鳥鸟魚鱼飛飞馬马蘇苏緒绪憤愤";

const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2) {
    const from = TRADITIONAL_PAIRS.charCodeAt(i);
    const to = TRADITIONAL_PAIRS.charCodeAt(i + 1);
    if (from !== to) map.set(from, to);
  }
  return map;
})();

/** Apostrophe look-alikes (curly, modifier letter, prime, backtick) all become `'`. */
const APOSTROPHES = new Set([0x2019, 0x2018, 0x02bc, 0x2032, 0x0060]);

/**
 * Returns a string of exactly `text.length` code units: fullwidth ASCII folded to ASCII (so
 * `，！？` act like `,!?`), apostrophe variants unified, common Traditional characters mapped
 * to Simplified. Case is left alone: every rule is compiled case-insensitive.
 */
export function normalizeForMatching(text: string): string {
  let changed = false;
  const units = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let mapped = code;
    if (code >= 0xff01 && code <= 0xff5e) mapped = code - 0xfee0;
    else if (code === 0x3000) mapped = 0x20;
    else if (APOSTROPHES.has(code)) mapped = 0x27;
    else if (code >= 0x3400) mapped = TRADITIONAL_TO_SIMPLIFIED.get(code) ?? code;
    if (mapped !== code) changed = true;
    units[i] = mapped;
  }
  if (!changed) return text;
  // Chunked to stay clear of argument-count limits on very long messages.
  let out = "";
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.slice(i, i + 8192));
  return out;
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const LATIN_WORD = /[a-z]{2}/i;

/** Which rule languages can possibly match: a rule cannot match text without its script. */
export function scriptsPresent(text: string): { en: boolean; zh: boolean } {
  return { en: LATIN_WORD.test(text), zh: CJK.test(text) };
}
