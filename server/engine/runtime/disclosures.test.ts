/** The plan, means and timing recognisers: exact spans, in English and Chinese. */
import { describe, expect, it } from "vitest";
import { findDisclosures, type Disclosure } from "./disclosures";

/** `kind:means-or-when:text`, with `!` for a negated mention, in text order. */
function short(text: string): string[] {
  return findDisclosures(text).map((d: Disclosure) => `${d.negated ? "!" : ""}${d.kind}:${d.means ?? d.when ?? ""}:${d.text}`);
}

describe("findDisclosures — English", () => {
  it("finds means and timing in an explicit plan, with offsets into the message", () => {
    const text = "I've decided to end my life tonight, I have the pills ready";
    expect(short(text)).toEqual(["timing:today:tonight", "means:pills:pills"]);
    const [tonight] = findDisclosures(text);
    expect(tonight && text.slice(tonight.start, tonight.end)).toBe("tonight");
  });

  it.each([
    ["after everyone's asleep", "timing:today:after everyone's asleep"],
    ["when everyone is asleep", "timing:today:when everyone is asleep"],
    ["after my parents go to bed", "timing:today:after my parents go to bed"],
    ["this weekend", "timing:days:this weekend"],
    ["Tomorrow night", "timing:days:Tomorrow night"],
    ["tomorrow", "timing:days:tomorrow"],
    ["on Friday", "timing:days:on Friday"],
    ["after the exams", "timing:later:after the exams"],
    ["Today.", "timing:today:Today"],
  ])("recognises the time %j", (text, expected) => {
    expect(short(text)).toEqual([expected]);
  });

  it.each([
    ["I have the pills", "means:pills:pills"],
    ["a rope", "means:rope:rope"],
    ["I'll jump off the bridge", "means:height:jump off"],
    ["from the roof", "means:height:roof"],
    ["a knife", "means:knife:knife"],
    ["charcoal", "means:charcoal:charcoal"],
    ["the pesticide in the shed", "means:pesticide:pesticide"],
    ["my dad's gun", "means:gun:gun"],
  ])("recognises the means in %j", (text, expected) => {
    expect(short(text)[0]).toBe(expected);
  });

  it("recognises a plan: decided how, a plan made", () => {
    expect(short("I've decided how")).toEqual(["plan::decided how"]);
    expect(short("I have a plan.")).toEqual(["plan::have a plan"]);
    expect(short("I know exactly how I'd do it")).toEqual(["plan::know exactly how I'd do it"]);
    expect(short("it's all planned")).toEqual(["plan::it's all planned"]);
  });

  it("marks a mention said as a no, within its own clause", () => {
    expect(short("I don't have any pills")).toEqual(["!means:pills:pills"]);
    expect(short("I don't have a plan")).toEqual(["!plan::have a plan"]);
    expect(short("I don't want to die, but I have the pills")).toEqual(["means:pills:pills"]);
    expect(short("I can't stop thinking about the pills")).toEqual(["means:pills:pills"]);
  });

  it("keeps the longer of two overlapping mentions of one kind", () => {
    expect(short("sleeping pills")).toEqual(["means:pills:sleeping pills"]);
    expect(short("razor blades")).toEqual(["means:knife:razor blades"]);
  });

  it("finds nothing in ordinary words", () => {
    expect(short("I'm fine.")).toEqual([]);
    expect(short("Yes, I will.")).toEqual([]);
    expect(short("I'll make a safety plan with you")).toEqual([]);
    expect(short("I don't know how to cope")).toEqual([]);
    expect(short("my pillow is flat, I'm on the bridge team")).toEqual(["means:height:bridge"]);
  });
});

describe("findDisclosures — Chinese", () => {
  it("finds means and timing in an explicit plan", () => {
    const text = "我打算今晚吃药结束自己";
    expect(short(text)).toEqual(["timing:today:今晚", "means:pills:药"]);
    const means = findDisclosures(text)[1];
    expect(means && text.slice(means.start, means.end)).toBe("药");
  });

  it.each([
    ["今晚", "timing:today:今晚"],
    ["今天晚上", "timing:today:今天晚上"],
    ["等他们都睡着以后", "timing:today:等他们都睡着以后"],
    ["等清明以后", "timing:later:等清明以后"],
    ["等考完试以后", "timing:later:等考完试以后"],
    ["明天", "timing:days:明天"],
    ["这周末", "timing:days:这周末"],
    ["下个月", "timing:later:下个月"],
  ])("recognises the time %j", (text, expected) => {
    expect(short(text)).toEqual([expected]);
  });

  it.each([
    ["药都攒好了", "means:pills:药"],
    ["安眠药", "means:pills:安眠药"],
    ["绳子", "means:rope:绳子"],
    ["去楼顶", "means:height:楼顶"],
    ["用刀", "means:knife:刀"],
    ["烧炭", "means:charcoal:烧炭"],
    ["喝农药", "means:pesticide:农药"],
  ])("recognises the means in %j", (text, expected) => {
    expect(short(text)).toEqual([expected]);
  });

  it("recognises a plan: 想好了怎么做, 计划好了", () => {
    expect(short("我已经想好了怎么做")).toEqual(["plan::想好了怎么做"]);
    expect(short("都计划好了")).toEqual(["plan::计划好了"]);
    expect(short("我有一个计划")).toEqual(["plan::有一个计划"]);
  });

  it("marks a mention said as a no", () => {
    expect(short("我没有药")).toEqual(["!means:pills:药"]);
    expect(short("还没想好怎么做")).toEqual(["!plan::想好怎么做"]);
    expect(short("不是今晚")).toEqual(["!timing:today:今晚"]);
    expect(short("我不打算今晚")).toEqual(["!timing:today:今晚"]);
    expect(short("不想活了，绳子都准备好了")).toEqual(["means:rope:绳子"]);
    expect(short("我不知道今晚能不能睡着")).toEqual(["timing:today:今晚"]);
  });

  it("reads 农药 as a poison, not as medicine, and finds nothing in ordinary words", () => {
    expect(short("他喝了农药")).toEqual(["means:pesticide:农药"]);
    expect(short("我没事")).toEqual([]);
    expect(short("好的，我会的")).toEqual([]);
  });

  it("reads a code-switched message", () => {
    expect(short("我想 end it tonight，药都准备好了")).toEqual(["timing:today:tonight", "means:pills:药"]);
  });
});
