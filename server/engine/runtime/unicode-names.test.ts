/** Chinese (Unicode) variable names in the running engine: extraction, scopes, placeholders, conditions, techniques, initial values. */
import { describe, expect, it } from "vitest";
import { compileOrThrow } from "./test-support";
import { templateLlm } from "../llm/template";
import { collect, start, turn, type EngineOptions } from "./index";
import type { CompiledTechniqueScript } from "../script";
import { nameFrom } from "./actions/extraction";

const technique = compileOrThrow(`
technique_id: encourage_zh
input_parameters: [{ name: 称呼 }]
output_variables: [鼓励语]
topic:
  topic_id: encourage
  actions:
    - action_type: ai_ask
      action_id: ask_strength
      config:
        content: "{{称呼}}，你最近做成了什么？"
        output: [{ get: 鼓励语, extraction_method: direct }]
`) as CompiledTechniqueScript;

const script = compileOrThrow(
  `
metadata: { language: zh-CN }
session:
  session_id: zh_names
  declare:
    - { var: 用户称呼, type: text, define: 来访者希望被怎么称呼 }
    - { var: 年龄, type: number }
  phases:
    - phase_id: intro
      topics:
        - topic_id: name
          strategy: 先问清楚用户称呼，之后一直用它。
          actions:
            - action_type: ai_ask
              action_id: ask_name
              config:
                content: 你希望我怎么称呼你？
                output: [{ get: 用户称呼, type: text }]
            - action_type: ai_ask
              action_id: ask_age
              config:
                content: "\${用户称呼}，你今年多大？"
                output: [{ get: 年龄, type: number }]
    - phase_id: later
      topics:
        - topic_id: adult
          entry_condition: "年龄 >= 18"
          actions:
            - action_type: ai_say
              action_id: adult_note
              condition: "用户称呼 == '小林'"
              config: { content: "{{用户称呼}}，谢谢你。你{年龄}岁了。" }
        - topic_id: skill
          actions:
            - action_type: use_skill
              action_id: run_skill
              config:
                skill: encourage_zh
                input: [{ set: 称呼, value: "\${用户称呼}" }]
                output: [{ get: 本周亮点, from: 鼓励语 }]
            - action_type: ai_say
              action_id: bye
              config: { content: "再见，{用户称呼}。你说的是：\${本周亮点}" }
`,
  ["encourage_zh"],
);

const opts = (extra: Partial<EngineOptions> = {}): EngineOptions => ({
  llm: templateLlm,
  scriptVersion: "draft",
  techniques: { encourage_zh: technique },
  ...extra,
});

describe("Chinese variable names at run time", () => {
  it("extract, carry across topics, fill all three placeholder forms, pass conditions and go through a technique", async () => {
    const first = await collect(start(script, opts()));
    expect(first.messages).toEqual(["你希望我怎么称呼你？"]);
    const named = await collect(turn(script, first.state, "叫我小林就好", opts()));
    expect(named.state.variables.session.用户称呼).toMatchObject({ value: "小林", source: "ask_name" });
    expect(named.messages).toEqual(["小林，你今年多大？"]);
    const aged = await collect(turn(script, named.state, "二十五", opts()));
    expect(aged.state.variables.session.年龄).toMatchObject({ value: 25 });
    expect(aged.messages).toEqual(["小林，谢谢你。你25岁了。", "小林，你最近做成了什么？"]);
    const done = await collect(turn(script, aged.state, "按时睡觉了三天", opts()));
    expect(done.messages).toEqual(["再见，小林。你说的是：按时睡觉了三天"]);
    expect(done.state.variables.session.本周亮点).toMatchObject({ value: "按时睡觉了三天" });
    expect(done.state.status).toBe("complete");
  });

  it("skips what the conditions exclude", async () => {
    const first = await collect(start(script, opts()));
    const named = await collect(turn(script, first.state, "叫我阿明吧", opts()));
    expect(named.state.variables.session.用户称呼).toMatchObject({ value: "阿明" });
    const aged = await collect(turn(script, named.state, "16", opts()));
    expect(aged.messages).toEqual(["阿明，你最近做成了什么？"]);
  });

  it("take initialVariables by Chinese name, in NFC (a decomposed name is the same variable)", async () => {
    const run = await collect(start(script, opts({ startTopicId: "adult", initialVariables: { 用户称呼: "小林", 年龄: 30 } })));
    expect(run.messages[0]).toBe("小林，谢谢你。你30岁了。");
    const accented = compileOrThrow(`
session:
  session_id: accents
  declare: [{ var: "caf\u00e9", type: text, value: noir }]
  phases: [{ phase_id: p, topics: [{ topic_id: t, actions: [{ action_type: ai_say, action_id: s, config: { content: "{cafe\u0301}" } }] }] }]
`);
    const said = await collect(start(accented, opts()));
    expect(said.messages).toEqual(["noir"]);
    const given = await collect(start(accented, opts({ initialVariables: { "cafe\u0301": "au lait" } })));
    expect(given.messages).toEqual(["au lait"]);
    expect(given.state.variables.session["caf\u00e9"]).toMatchObject({ value: "au lait" });
  });
});

describe("HeartRule's profile variable 用户名", () => {
  it("is a name field: the call-me rule applies to it", async () => {
    const profile = compileOrThrow(`
session:
  session_id: profile
  phases: [{ phase_id: p, topics: [{ topic_id: t, actions: [
    { action_type: ai_ask, action_id: ask, config: { content: 你叫什么名字？, output: [{ get: 用户名 }] } },
    { action_type: ai_say, action_id: hi, config: { content: "你好，{用户名}。" } } ] }] }]
`);
    const first = await collect(start(profile, opts()));
    const next = await collect(turn(profile, first.state, "我叫小林。", opts()));
    expect(next.messages).toEqual(["你好，小林。"]);
  });
});

describe('the "call me" rule', () => {
  it.each([
    ["叫我小林就好", "小林"],
    ["叫我小林吧", "小林"],
    ["叫我小林就行了。", "小林"],
    ["你叫我小林就可以了", "你叫我小林"],
    ["我叫小林", "小林"],
    ["小林", "小林"],
    ["Call me Sam, please", "Sam"],
    ["call me Sam", "Sam"],
  ])("%s → %s", (reply, name) => {
    expect(nameFrom(reply)).toBe(name);
  });
});
