/** Variable names are Unicode identifiers (NFC) wherever a script names or uses one; ids stay ASCII. */
import { describe, expect, it } from "vitest";
import { compileScript, findPlaceholders, parseCondition, renderTemplate, scriptJsonSchema, validateScript } from "./index";
import { isVariableName, normaliseName } from "./names";

const errors = (yaml: string, knownTechniques?: string[]) =>
  validateScript(yaml, knownTechniques ? { knownTechniques } : {}).filter((d) => d.severity === "error");
const problems = (yaml: string) => validateScript(yaml).filter((d) => d.severity !== "hint");

describe("isVariableName", () => {
  it.each(["user_name", "_x", "用户称呼", "年龄", "用户称呼_2", "𠀀字", "café", "Ωmega"])("accepts %s", (name) => {
    expect(isVariableName(name)).toBe(true);
  });
  it.each(["2nd", "", "用户 称呼", "a-b", "名字！", "${x}", "１号"])("refuses %j", (name) => {
    expect(isVariableName(name)).toBe(false);
  });
  it("compares in NFC", () => {
    expect(normaliseName("cafe\u0301")).toBe("caf\u00e9");
    expect(normaliseName("用户称呼")).toBe("用户称呼");
  });
});

describe("placeholders with Chinese names", () => {
  it("finds all three forms", () => {
    expect(findPlaceholders("${用户称呼}、{{ 用户称呼 }}、{年龄}").map((p) => p.name)).toEqual(["用户称呼", "用户称呼", "年龄"]);
  });
  it("renders all three forms", () => {
    const values: Record<string, unknown> = { 用户称呼: "小林", 年龄: 25 };
    expect(renderTemplate("${用户称呼}，{{用户称呼}}，你{年龄}岁", (name) => values[name])).toBe("小林，小林，你25岁");
  });
  it("reads a decomposed name as its NFC form", () => {
    expect(findPlaceholders("{cafe\u0301}")[0]?.name).toBe("caf\u00e9");
  });
});

describe("conditions with Chinese names", () => {
  it.each([
    ["用户称呼 == '小林'", ["用户称呼"]],
    ["年龄 >= 18", ["年龄"]],
    ["${用户称呼} != '' and 年龄>=18", ["用户称呼", "年龄"]],
    ["𠀀字 == 1", ["𠀀字"]],
  ])("parses %s", (text, names) => {
    const parsed = parseCondition(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.variables.map((v) => v.name)).toEqual(names);
  });
});

const heartRuleStyle = `
metadata: { name: 初次访谈, language: zh-CN }
session:
  session_id: heartrule_intake
  declare:
    - { var: 用户称呼, type: text }
  phases:
    - phase_id: opening
      topics:
        - topic_id: name
          strategy: 先了解用户称呼和年龄，再根据年龄调整说话方式。
          topic_goal: 知道怎么称呼来访者
          actions:
            - action_type: ai_ask
              action_id: ask_name
              config:
                content: 你希望我怎么称呼你？
                output: [{ get: 用户称呼, define: 来访者希望的称呼 }]
            - action_type: ai_ask
              action_id: ask_age
              config:
                content: "\${用户称呼}，方便说一下你的年龄吗？"
                tone: 温和，像对{{用户称呼}}说话
                output: [{ get: 年龄, type: number }]
        - topic_id: adult
          entry_condition: "年龄 >= 18"
          actions:
            - action_type: ai_say
              action_id: greet
              condition: "用户称呼 == '小林'"
              config: { content: "{用户称呼}，我们开始吧。" }
            - action_type: use_skill
              action_id: skill
              config:
                skill: encourage
                input: [{ set: 称呼, value: "\${用户称呼}" }]
                output: [{ get: 亮点, from: 鼓励语 }]
            - action_type: ai_say
              action_id: bye
              config: { content: "再见，{{用户称呼}}。\${亮点}" }
`;

describe("a HeartRule-style script with Chinese variable names", () => {
  it("validates with no errors and no warnings (prose that names a variable without a placeholder is not scanned)", () => {
    expect(problems(heartRuleStyle)).toEqual([]);
    expect(compileScript(heartRuleStyle, { knownTechniques: ["encourage"] }).ok).toBe(true);
  });

  it("a strategy's placeholder may name what the topic's own actions set; a later topic's variable still warns", () => {
    const own = heartRuleStyle.replace("strategy: 先了解用户称呼和年龄，再根据年龄调整说话方式。", "strategy: 用{用户称呼}称呼对方，{{年龄}}岁的人说话方式不同。");
    expect(problems(own)).toEqual([]);
    const later = own.replace("{{年龄}}岁", "{{亮点}}");
    expect(problems(later).map((d) => d.code)).toEqual(["variable-used-before-set"]);
  });

  it("a technique with Chinese inputs and outputs validates", () => {
    const technique = `
technique_id: encourage
input_parameters: [{ name: 称呼 }]
output_variables: [鼓励语]
topic:
  topic_id: t
  actions:
    - action_type: ai_ask
      action_id: a
      config: { content: "{{称呼}}，最近做成了什么？", output: [{ get: 鼓励语 }] }
`;
    expect(problems(technique)).toEqual([]);
  });

  it("still warns about a Chinese placeholder that names nothing, and one used before it is set", () => {
    const yaml = heartRuleStyle.replace("你希望我怎么称呼你？", "你希望我怎么称呼你，{{年龄}}？").replace("{用户称呼}，我们开始吧。", "{用户名字}，我们开始吧。");
    const found = problems(yaml).map((d) => [d.code, d.message.slice(0, 8)]);
    expect(found).toContainEqual(["variable-used-before-set", "`年龄` is "]);
    expect(found).toContainEqual(["unknown-variable", "`用户名字` i"]);
  });

  it("refuses names that are not identifiers, and Chinese ids (ids keep their rule)", () => {
    const bad = heartRuleStyle.replace("get: 年龄", "get: 年 龄").replace("topic_id: adult", "topic_id: 成年");
    const codes = errors(bad, ["encourage"]).map((d) => [d.code, d.path]);
    expect(codes).toContainEqual(["invalid-name", "session.phases[0].topics[0].actions[1].config.output[0].get"]);
    expect(codes).toContainEqual(["invalid-id", "session.phases[0].topics[1].topic_id"]);
  });
});

describe("the JSON Schema", () => {
  it("describes variable names as Unicode identifiers the editor can check", () => {
    const text = JSON.stringify(scriptJsonSchema());
    const patterns = [...text.matchAll(/"pattern":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    const unicode = patterns.filter((p) => p.includes("ID_Start"));
    expect(unicode.length).toBeGreaterThan(0);
    for (const source of unicode) {
      expect(new RegExp(source, "u").test("用户称呼")).toBe(true);
      expect(new RegExp(source, "u").test("2nd")).toBe(false);
    }
    expect(text).toContain("用户称呼");
  });
});
