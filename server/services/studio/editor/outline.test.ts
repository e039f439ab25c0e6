import { describe, expect, it } from "vitest";
import { describeDraft } from "./outline";

describe("describeDraft", () => {
  it("reads older field names like the compiler does (aliases, fields beside config, shorthands)", () => {
    const yaml = `session:
  session_id: old
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_ask
              action_id: ask
              question_template: "Hi {name_hint}, what is your name?"
              target_variable: user_name
            - action_type: use_skill
              action_id: call
              skill_id: breathing
            - action_type: ai_think
              action_id: think
              think_goal: summarise
              output_variables: [summary]
`;
    const { outline, variables, placeholders } = describeDraft(yaml);
    const actions = outline[0]?.children[0]?.children[0]?.children ?? [];
    expect(actions.map((a) => [a.id, a.actionType, a.label, a.skill])).toEqual([
      ["ask", "ai_ask", "Hi {name_hint}, what is your name?", undefined],
      ["call", "use_skill", "use_skill breathing", "breathing"],
      ["think", "ai_think", "summarise", undefined],
    ]);
    expect(actions[1]).toMatchObject({ line: 12, column: 15, endLine: 14 });
    expect(variables.map((v) => [v.name, v.scope, v.producedBy])).toEqual([
      ["user_name", "session", "ask"],
      ["summary", "session", "think"],
      ["risk_level", "builtin", null],
    ]);
    expect(placeholders).toEqual(["name_hint"]);
  });

  it("describes a technique: its topic and actions, parameters as inputs, everything else in the technique's scope", () => {
    const yaml = `technique_id: grounding
name: Grounding
input_parameters:
  - { name: client_name, required: false }
topic:
  topic_id: ground
  declare:
    - { var: anchor, type: text }
  actions:
    - action_type: assess
      action_id: check
      config: { instrument: phq2, output_prefix: mood }
    - action_type: ai_say
      action_id: s
      config:
        content: "${"x".repeat(80)}"
`;
    const { outline, variables } = describeDraft(yaml);
    expect(outline).toHaveLength(1);
    expect(outline[0]).toMatchObject({ kind: "technique", id: "grounding", label: "Grounding" });
    const topic = outline[0]!.children[0]!;
    expect(topic).toMatchObject({ kind: "topic", id: "ground" });
    expect(topic.children[0]).toMatchObject({ label: "assess phq2" });
    expect(topic.children[1]!.label).toBe(`${"x".repeat(59)}…`);
    expect(variables).toEqual([
      { name: "client_name", type: "text", scope: "input", declaredAt: { line: 4, column: 13 }, producedBy: null },
      { name: "anchor", type: "text", scope: "skill", declaredAt: { line: 8, column: 14 }, producedBy: null },
      { name: "mood_items", type: "list", scope: "skill", declaredAt: null, producedBy: "check" },
      { name: "mood_total", type: "number", scope: "skill", declaredAt: null, producedBy: "check" },
      { name: "mood_band", type: "text", scope: "skill", declaredAt: null, producedBy: "check" },
      { name: "risk_level", type: "enum", scope: "builtin", declaredAt: null, producedBy: null },
    ]);
  });

  it("lists triggers with what they run and when", () => {
    const yaml = `triggers:
  - trigger_id: sad
    on: condition
    condition: "mood == 'low'"
    run: { topic: comfort }
  - trigger_id: crisis
    on: risk_high
    run: { skill: crisis_support }
`;
    const { outline } = describeDraft(yaml);
    expect(outline.map((n) => [n.kind, n.id, n.label, n.on, n.condition, n.skill, n.runTopic, n.line])).toEqual([
      ["trigger", "sad", "on condition → run topic comfort", "condition", "mood == 'low'", undefined, "comfort", 2],
      ["trigger", "crisis", "on risk_high → run skill crisis_support", "risk_high", undefined, "crisis_support", undefined, 6],
    ]);
  });

  it("gives nothing (and never throws) for text that is not a script", () => {
    const empty = { outline: [], variables: [], placeholders: [] };
    expect(describeDraft("")).toEqual(empty);
    expect(describeDraft("just: a mapping")).toEqual(empty);
    expect(describeDraft("- a list")).toEqual(empty);
    expect(describeDraft("\u0000\u0001\u0002binary")).toEqual(empty);
    expect(describeDraft("session: [unclosed").outline).toEqual([]);
  });

  it("keeps nodes whose ids are still missing, with a readable label", () => {
    const { outline } = describeDraft("session:\n  phases:\n    - topics:\n        - actions:\n            - action_type: ai_say\n");
    expect(outline[0]).toMatchObject({ kind: "session", id: "", label: "(session without an id)" });
    expect(outline[0]!.children[0]!.children[0]!.children[0]).toMatchObject({ kind: "action", id: "", actionType: "ai_say", label: "(action without an id)" });
  });

  it("lists Chinese variable names (declared, extracted, technique parameters) and the placeholders in all three forms, for completion", () => {
    const yaml = `session:
  session_id: zh
  declare: [{ var: 用户称呼, type: text }]
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          strategy: 先问用户称呼，不扫描这句话。
          actions:
            - action_type: ai_ask
              action_id: ask
              config: { content: "\${用户称呼}，你多大？{{称呼}}", output: [{ get: 年龄, type: number }] }
            - action_type: ai_say
              action_id: say
              config: { content: "{年龄}岁" }
`;
    const { variables, placeholders } = describeDraft(yaml);
    expect(variables.map((v) => [v.name, v.type])).toEqual(expect.arrayContaining([["用户称呼", "text"], ["年龄", "number"]]));
    expect(placeholders).toEqual(["用户称呼", "称呼", "年龄"]);
  });
});

