import { describe, expect, it } from "vitest";
import { extractName } from "./names";
import { readReply } from "./read-reply";

const nameFrom = (reply: string) => readReply({ kind: "name", lang: /\p{Script=Han}/u.test(reply) ? "zh" : "en", text: "What would you like me to call you?" }, reply);

describe("the name a client asks to be called", () => {
  it.each([
    ["umm I guess... Mo?", "Mo"],
    ["hmm, I guess Winter? that's my online name", "Winter"],
    ["Hmm, Frankie. Not my real one but close enough", "Frankie"],
    ["Whatever's easiest. Chris.", "Chris"],
  ])("a name said after some hesitation: %j → %j", (reply, value) => {
    expect(nameFrom(reply)).toMatchObject({ intent: "answer", value });
  });

  it.each([
    ["just put Hope. like the word", "Hope"],
    ["Hendrik, but the Aussies at work made it Henno so Henno I guess", "Henno"],
    ["Christopher, Chris, Topher, whatever. Chris I suppose", "Chris"],
    ["Priya ji is how everyone addresses me, but Priya alone is okay", "Priya"],
  ])("where the reply settles on a name: %j → %j", (reply, value) => {
    expect(nameFrom(reply).value).toBe(value);
  });

  it.each([
    ["Priya. P is fine too honestly", "Priya"],
    ["Billy. Well, William, but nobody's called me that since school.", "Billy"],
    ["Thabo. T-H-A-B-O", "Thabo"],
    ["Mrs. Henley, please. I'm a bit old-fashioned.", "Mrs. Henley"],
    ["Rosa. Full name is Rosalind but that's a mouthful", "Rosa"],
    ["小杰吧，或者你叫我杰哥也行", "小杰"],
  ])("a second choice, a spelling or a title does not replace the name first given: %j → %j", (reply, value) => {
    expect(nameFrom(reply).value).toBe(value);
  });

  it.each([
    ["Tom. Not Thomas, please. Thomas is what my boss calls me", "Tom"],
    ["It's Grace — never Gracie, my aunt keeps calling me Gracie and I hate it", "Grace"],
    ["Liz, short for Elizabeth. only the bank calls me Elizabeth", "Liz"],
    ["叫我阿美就好，我老公叫我美美，你别这么叫", "阿美"],
    ["Friends call me Robbie. Dad calls me Robert when I'm late", "Robbie"],
  ])("a name turned down, or used only by someone else, is not the one: %j → %j", (reply, value) => {
    expect(nameFrom(reply).value).toBe(value);
  });

  it.each([
    ["Johanna, though Jo is simpler", "Jo"],
    ["Siobhan. Everyone shortens it to Shiv", "Shiv"],
    ["Nate. Wait no — Nathaniel, I'm trying to be formal", "Nathaniel"],
  ])("a short form offered, or a correction after a dash, is the name: %j → %j", (reply, value) => {
    expect(nameFrom(reply).value).toBe(value);
  });

  it.each([
    ["你叫我May姐得喇", "May姐"],
    ["阿Lin啦", "阿Lin"],
  ])("a Latin name with a Chinese form of address: %j → %j", (reply, value) => {
    expect(nameFrom(reply).value).toBe(value);
  });

  it("no name in a request to be put through to a person", () => {
    expect(nameFrom("Honestly can I just get put through to a counsellor, like a person").value).toBeUndefined();
  });

  it.each([
    ["Father Dermot will do grand.", "Father Dermot"],
    ["Father Michael Brennan. Father Mick is what the parish calls me and you might as well too.", "Father Mick"],
    ["Mrs O'Sullivan to you, thank you.", "Mrs O'Sullivan"],
  ])("a form of address and the name one answers to: %j → %j", (reply, value) => {
    expect(nameFrom(reply).value).toBe(value);
  });

  it.each([
    ["Bill. Well it's William on all the forms but I've been Bill since I was in short trousers.", "Bill"],
    ["My christened name is Patricia but nobody has called me that since the nuns. Pat.", "Pat"],
    ["叫我老陳啦，唔好叫陳先生，好老土", "老陳"],
  ])("a name disowned or turned down is not the one: %j → %j", (reply, value) => {
    expect(nameFrom(reply).value).toBe(value);
  });

  it.each([
    ["call me june full stop", "June"],
    ["ok um its dan", "Dan"],
    ["我叫周建国，你叫我建国要得", "建国"],
    ["May姐啦 街坊都咁叫", "May姐"],
  ])("a name typed in lower case is written back capitalised, and dialect particles are left off: %j → %j", (reply, value) => {
    expect(nameFrom(reply).value).toBe(value);
  });

  it("the name one answers to, after the full one", () => {
    expect(extractName("It's Kathleen here. Well, Kath. Kath is what I answer to.")).toBe("Kath");
  });

  it.each([
    ["Is my name kept after we finish? I don't want to end up on some list."],
    ["今天好冷啊 你那边冷不冷"],
    ["唔使叫名啦"],
    ["idc"],
  ])("no name in a question about names, a remark about the day, or a refusal: %j", (reply) => {
    expect(extractName(reply)).toBeUndefined();
  });

  it("a name confirmed with 是 is the name without it", () => {
    expect(extractName("是小宇 宇宙的宇 不是下雨的雨")).toBe("小宇");
  });
});

describe("a reply that skips or hedges is not a name", () => {
  it.each(["跳过", "略过", "保密", "不知道", "skip", "not sure"])("%s gives no name, and the reader takes it as what it is", (reply) => {
    expect(extractName(reply)).toBeUndefined();
    expect(readReply({ kind: "name", text: "你希望我怎么称呼你？", lang: "zh" }, reply).intent).not.toBe("answer");
  });

  it.each([
    ["My full name is Alexandra Maria Santos but nobody uses that. Lex, please.", "Lex"],
    ["It's Robert but I've gone by Bo for years", "Bo"],
    ["Sam. I'm Dr Okafor at work, not here", "Sam"],
    ["Wren. My aunt calls me Birdie but that's only for her", "Wren"],
    ["Tomasz, though my mates call me Tom", "Tomasz"],
    ["Online everyone calls me Pixel. But for here maybe Hana", "Hana"],
    ["Anneke. At school they write Annika but Anneke is correct", "Anneke"],
  ])("a name others use, or one on paper, yields to the one asked for: %j → %j", (reply, value) => {
    expect(extractName(reply)).toBe(value);
  });

  it.each([
    ["A.J. is fine", "A.J."],
    ["T.J. - with the dots", "T.J."],
    ["Anil bhai is fine", "Anil bhai"],
    ["Mama Njeri is how people know me", "Mama Njeri"],
    ["my name is margaret but peg is fine", "Peg"],
    ["I was born Giovanni but I've been John since school", "John"],
    ["It's Will.", "Will"],
    ["Ken啦 大家都这么叫", "Ken"],
  ])("initials with their stops, an honorific kept, a name in lower case, a name that is also a word: %j → %j", (reply, value) => {
    expect(extractName(reply)).toBe(value);
  });

  it.each([
    ["叫我小王也行，叫我王工也行……还是小王吧", "小王"],
    ["我姓李 叫李哥也行 还是老李吧", "老李"],
    ["我妈说叫我乖乖 但我不要 叫我阿杰", "阿杰"],
    ["就叫我老师吧，习惯了", "老师"],
    ["mum of two works lol. ok fine, Dana", "Dana"],
  ])("the name settled on (还是…吧, ok fine), one turned down, a form of address asked for: %j → %j", (reply, value) => {
    expect(extractName(reply)).toBe(value);
  });

  it.each(["May I ask why?", "我是老师", "that's what everyone calls me these days"])("no name: %j", (reply) => {
    expect(extractName(reply)).toBeUndefined();
  });

  it.each([
    ["myself Anjali, from Pune", "Anjali"],
    ["Hi, Deepak here", "Deepak"],
  ])("introductions with 'myself' and 'here': %j → %j", (reply, value) => {
    expect(extractName(reply)).toBe(value);
  });

  it.each(["Myself I'd rather not say", "Here is fine"])("no name: %j", (reply) => {
    expect(extractName(reply)).toBeUndefined();
  });

  it.each([
    ["mikaela but mik is fine. actually just mika", "Mika"],
    ["jess. actually jessie, jess sounds like my mum", "Jessie"],
    ["Joe no sorry it's Jo without an E", "Jo"],
    ["Chief. No? Fine. Marcus.", "Marcus"],
    ["Jason，或者你叫我阿傑也可以。嗯…還是阿傑好了，比較親切", "阿傑"],
    ["嗯……说不好，要不叫我阿晴？对，就阿晴", "阿晴"],
    ["叫啥都行，要不就叫我老王吧", "老王"],
  ])("a self-correction's last name wins; 要不 (how about) is not a refusal: %j", (reply, name) => {
    expect(extractName(reply)).toBe(name);
  });

  it.each([
    ["Grace period", "Grace"],
    ["Marcus comma thanks", "Marcus"],
    ["joan period joan mcgillicuddy but just joan", "Joan"],
    ["it's Niamh. N I A M H. the phone put Neve", "Niamh"],
    ["Tash short for Natasha", "Tash"],
    ["Nana Pat the kids call me that and I've got used to it", "Nana Pat"],
  ])("dictated speech: punctuation said aloud, what the phone put, short for: %j", (reply, name) => {
    expect(extractName(reply)).toBe(name);
  });

  it.each([
    ["jojo i guess", "Jojo"],
    ["bean 😭 dont ask", "Bean"],
    ["aoife (ee-fa)", "Aoife"],
    ["Wei Ling lor", "Wei Ling"],
    ["um Ah Boy lor, everyone at home calls me that. sorry, is that weird", "Ah Boy"],
    ["Ate Marites, or just Tess 😊", "Tess"],
    ["就 Daniel, 不用 Mr", "Daniel"],
    ["阿凱。那你呢？你有名字嗎？", "阿凱"],
    ["叫我「隨便」就好，真的，我網名就叫隨便", "隨便"],
    ["叫我老陈。我今年六十八了，叫小陈不合适哈哈", "老陈"],
    ["Mackenzie on paper. Kenzie to anyone who isn't my dentist.", "Kenzie"],
    ["Liam. well Li, everyone says Li", "Li"],
    ["Sister Mary Clare when I was nursing, plain Clare now", "Clare"],
  ])("a name in lower case set off, particles after it, a question asked back after it, a quoted word, a name turned down: %j", (reply, name) => {
    expect(extractName(reply)).toBe(name);
  });

  it.each(["fine. whatever", "nah. skip", "everyone says I'm too quiet", "idk 😭", "sure.", "my period is late", "叫我「不知道」吧", "不想说，就叫“你”吧", "不用名字了吧, 你就叫我「你」就好"])("no name from these: %j", (reply) => {
    expect(extractName(reply)).toBeUndefined();
  });
});

describe("names in northern colloquial, Taiwanese and companion replies", () => {
  it.each([
    ["叫俺老王就中", "老王"],
    ["俺姓孙，大伙儿叫俺孙大炮，你叫老孙就行", "老孙"],
    ["大伙儿都管我叫大喇叭，你也这么叫吧，哈哈", "大喇叭"],
    ["叫俺老根儿吧，俺爹给起的名叫根生", "老根儿"],
    ["大家都叫我老杨头 你叫老杨就行 别加那个头", "老杨"],
    ["小名，小石头", "小石头"],
    ["蔡志賢，不過叫我阿賢比較習慣", "阿賢"],
    ["叫我佩佩啦，不要叫全名，很怪", "佩佩"],
    ["叫我小胖，不要笑喔，從小被叫到大", "小胖"],
    ["我英文名字是 Vivian，用這個就好", "Vivian"],
    ["麗華…欸不對，用我英文名好了，Joanne", "Joanne"],
    ["我是陪我爸来的，他姓孙，叫他老孙头他最高兴", "老孙头"],
    ["我是她女兒，我媽叫林美玉。——叫我美玉就好，不用叫林女士", "美玉"],
    ["俺闺女给我起的网名叫「开心就好」，就用这个", "开心就好"],
    ["Surname's Brennan. Use that.", "Brennan"],
  ])("%s", (reply, name) => {
    expect(extractName(reply)).toBe(name);
  });

  it("takes no name from 你叫 without a name, nor from being called", () => {
    expect(extractName("你叫什么都行")).toBeUndefined();
    expect(extractName("叫我阿明，从小被叫到大")).toBe("阿明");
  });
});
