import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateCondition } from "../conditions";
import type { CompiledAction, CompiledScript } from "./compiled";
import { compileScript, validateScript } from "./index";

const FIXTURES = join(__dirname, "../../../tests/fixtures/scripts");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");
const PROJECT_TECHNIQUES = ["cognitive_reframing", "crisis_support", "breathing_exercise"];

function compiled(yaml: string, options: Parameters<typeof compileScript>[1] = {}): CompiledScript {
  const result = compileScript(yaml, options);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 1));
  return result.script;
}

function actionsOf(script: CompiledScript): CompiledAction[] {
  if (script.kind !== "session") throw new Error("not a session");
  return script.session.phases.flatMap((phase) => phase.topics.flatMap((topic) => topic.actions));
}

const oneAction = (...lines: string[]) =>
  [
    "session:",
    "  session_id: s",
    "  phases:",
    "    - phase_id: p",
    "      topics:",
    "        - topic_id: t",
    "          actions:",
    ...lines.map((line) => `            ${line}`),
    "",
  ].join("\n");

describe("golden: compiled fixtures", () => {
  for (const [file, fileName] of [
    ["first-assessment.yaml", undefined],
    ["heartrule-legacy.yaml", undefined],
    ["cognitive-reframing.yaml", undefined],
    ["crisis-consciousness.yaml", "scripts/safety/crisis-consciousness.yaml"],
  ] as const) {
    it(`compiles ${file}`, () => {
      const script = compiled(fixture(file), { knownTechniques: PROJECT_TECHNIQUES, fileName });
      // Stored in the database as JSON: it must survive a round trip unchanged.
      expect(JSON.parse(JSON.stringify(script))).toEqual(script);
      expect(script).toMatchSnapshot();
    });
  }
});

describe("compileScript", () => {
  it("is ok exactly when there is no error", () => {
    const warningsOnly = compileScript(oneAction("- action_type: ai_say", "  action_id: a", "  config: { content: 'Hi ${nobody}' }"));
    expect(warningsOnly.ok).toBe(true);
    expect(warningsOnly.diagnostics.map((d) => d.severity)).toEqual(["warning"]);
    const withError = compileScript(oneAction("- action_type: ai_say", "  action_id: a", "  config: { content: Hi, max_rounds: 0 }"));
    expect(withError).toEqual({ ok: false, diagnostics: [expect.objectContaining({ severity: "error" })] });
  });

  it("returns the same diagnostics as validateScript", () => {
    const text = fixture("heartrule-legacy.yaml");
    expect(compileScript(text).diagnostics).toEqual(validateScript(text));
  });

  it("keys each kind of script", () => {
    expect(compiled(fixture("first-assessment.yaml"), { knownTechniques: PROJECT_TECHNIQUES })).toMatchObject({ kind: "session", key: "cbt_first_assessment" });
    expect(compiled(fixture("cognitive-reframing.yaml"))).toMatchObject({ kind: "technique", key: "cognitive_reframing" });
    expect(compiled(fixture("breathing-exercise.yaml"))).toMatchObject({ kind: "technique", key: "breathing_exercise" });
    expect(compiled(fixture("crisis-consciousness.yaml"), { fileName: "safety/crisis-consciousness.yaml" })).toMatchObject({ kind: "safety", key: "crisis-consciousness" });
    expect(compiled("metadata: { name: Night Watch }\ntriggers: []\n")).toMatchObject({ kind: "safety", key: "night_watch" });
  });

  it("joins crisis keywords of an older consciousness file, whatever their grouping", () => {
    const script = compiled(fixture("crisis-consciousness.yaml"));
    expect(script.kind === "safety" && script.crisis_keywords).toEqual(["自杀", "不想活了", "kill myself", "end my life"]);
  });

  it("pre-parses conditions into ASTs the runtime can evaluate", () => {
    const [, , explain] = actionsOf(compiled(fixture("first-assessment.yaml"), { knownTechniques: PROJECT_TECHNIQUES }));
    expect(explain?.condition?.text).toBe("user_name != ''");
    expect(evaluateCondition(explain!.condition!.ast, (name) => ({ user_name: "Sam" })[name])).toBe(true);
    expect(evaluateCondition(explain!.condition!.ast, (name) => ({ user_name: "" })[name])).toBe(false);
  });

  it("gives every node its source range", () => {
    const script = compiled(fixture("first-assessment.yaml"), { knownTechniques: PROJECT_TECHNIQUES });
    const lines = fixture("first-assessment.yaml").split("\n");
    for (const action of actionsOf(script)) {
      expect(lines[action.range.line - 1]?.slice(action.range.column - 1)).toBe(`action_type: ${action.action_type}`);
    }
    if (script.kind !== "session") throw new Error();
    expect(script.session.phases[1]?.range).toMatchObject({ line: 37, column: 7 });
    expect(script.triggers[0]?.range).toMatchObject({ line: 71, column: 5 });
  });
});

describe("normalisation", () => {
  it("reads an older HeartRule script with hints only, each naming the canonical field", () => {
    const diagnostics = validateScript(fixture("heartrule-legacy.yaml"), { knownTechniques: PROJECT_TECHNIQUES });
    expect(diagnostics.filter((d) => d.severity !== "hint")).toEqual([]);
    expect(diagnostics.map((d) => d.message)).toEqual(
      expect.arrayContaining([
        "`name` is the older name of `var`; it is read as `var`.",
        "`content_template` is the older name of `content`; it is read as `content`.",
        "`question_template` belongs inside `config:`; it is read as `config.content`.",
        "`think_goal` is the older name of `content`; it is read as `content`.",
        "`output_variables` is the older name of `output`; it is read as `output`.",
        "`extract_to` is the older name of `target_variable`; it is read as `target_variable`.",
        "`skill_id` is the older name of `skill`; it is read as `skill`.",
      ]),
    );
  });

  it("moves fields written beside config into it and expands the target_variable shorthand", () => {
    const [ask] = actionsOf(
      compiled(
        oneAction(
          "- action_type: ai_ask",
          "  action_id: ask",
          "  question_template: How old are you?",
          "  target_variable: age",
          "  extraction_prompt: the age in years",
          "  required: false",
          "  max_rounds: 2",
        ),
      ),
    );
    expect(ask).toMatchObject({
      action_type: "ai_ask",
      config: {
        content: "How old are you?",
        max_rounds: 2,
        required: false,
        output: [{ get: "age", define: "the age in years", required: false, mode: "extract" }],
      },
    });
    expect(ask?.config).not.toHaveProperty("target_variable");
    expect(ask?.config).not.toHaveProperty("question_template");
  });

  it("fills the defaults the format gives", () => {
    const [say, ask, think, skill, assess] = actionsOf(
      compiled(
        oneAction(
          "- { action_type: ai_say, action_id: a, config: { content: Hi } }",
          "- { action_type: ai_ask, action_id: b, config: { content: Q?, output: [{ get: x }] } }",
          "- { action_type: ai_think, action_id: c, config: { content: T } }",
          "- { action_type: use_skill, action_id: d, config: { skill: k, output: [{ get: y }] } }",
          "- { action_type: assess, action_id: e, config: { instrument: gad7 } }",
        ),
      ),
    );
    expect(say?.config).toEqual({ content: "Hi", tone: "warm, professional", max_rounds: 1, require_acknowledgment: false });
    expect(ask?.config).toMatchObject({ tone: "gentle, empathic", max_rounds: 3, required: true, exit: "the client has answered" });
    expect(ask?.action_type === "ai_ask" && ask.config.output[0]).toMatchObject({ get: "x", type: "text", extraction_method: "llm", required: true, mode: "extract" });
    expect(think?.config).toMatchObject({ output: [] });
    expect(skill?.config).toEqual({ skill: "k", input: [], output: [{ get: "y", from: "y" }] });
    expect(assess?.config).toEqual({ instrument: "gad7", output_prefix: "gad7" });
  });

  it("reads `set` + `value` in an output field as an assignment", () => {
    const [ask] = actionsOf(compiled(oneAction("- action_type: ai_ask", "  action_id: a", "  config: { content: Q?, output: [{ set: asked, value: true }] }")));
    expect(ask?.action_type === "ai_ask" && ask.config.output[0]).toMatchObject({ get: "asked", value: true, mode: "assign" });
  });

  it("accepts one custom exit condition or a list", () => {
    const [say] = actionsOf(
      compiled(
        oneAction(
          "- action_type: ai_say",
          "  action_id: a",
          "  config: { content: Hi, max_rounds: 3, exit_criteria: { custom_conditions: 'understood == true' } }",
        ).replace("  session_id: s\n", "  session_id: s\n  declare: [{ var: understood, type: boolean }]\n"),
      ),
    );
    expect(say?.action_type === "ai_say" && say.config.exit_criteria?.custom_conditions?.map((c) => c.text)).toEqual(["understood == true"]);
  });

  it("keeps the canonical field when an alias is also given", () => {
    const [say] = actionsOf(compiled(oneAction("- action_type: ai_say", "  action_id: a", "  config: { content: New, content_template: Old }")));
    expect(say?.config).toMatchObject({ content: "New" });
  });
});

describe("variables", () => {
  it("sees variables declared at session, phase and topic level, and outputs of earlier actions in any topic", () => {
    const text = fixture("first-assessment.yaml");
    expect(validateScript(text, { knownTechniques: PROJECT_TECHNIQUES })).toEqual([]);
  });

  it("knows the assess outputs <prefix>_items, _total and _band", () => {
    const text = oneAction(
      "- { action_type: assess, action_id: a, config: { instrument: phq9, output_prefix: mood } }",
      "- { action_type: ai_say, action_id: b, condition: 'mood_total > 9', config: { content: '{mood_band} ${mood_items}' } }",
    );
    expect(validateScript(text)).toEqual([]);
  });

  it("accepts project-wide variables passed as globals and the engine's risk_level", () => {
    const text = oneAction("- { action_type: ai_say, action_id: a, condition: \"risk_level != 'high'\", config: { content: 'Hi {{clinic}}' } }");
    expect(validateScript(text).map((d) => d.code)).toEqual(["unknown-variable"]);
    expect(validateScript(text, { globalVariables: ["clinic"] })).toEqual([]);
  });

  it("asks for the values of an enum declaration", () => {
    const text = oneAction("- { action_type: ai_say, action_id: a, config: { content: Hi } }").replace(
      "  session_id: s\n",
      "  session_id: s\n  declare: [{ var: band, type: enum }, { var: level, type: enum, values: [low, high] }]\n",
    );
    expect(validateScript(text)).toEqual([expect.objectContaining({ code: "enum-without-values", line: 3, column: 32 })]);
  });

  it("makes a technique's input parameters visible inside it", () => {
    expect(validateScript(fixture("cognitive-reframing.yaml"))).toEqual([]);
  });

  it("skips the technique check when no technique list is given, and applies it when one is", () => {
    const text = oneAction("- { action_type: use_skill, action_id: a, config: { skill: anything } }");
    expect(validateScript(text)).toEqual([]);
    expect(validateScript(text, { knownTechniques: [] }).map((d) => d.code)).toEqual(["unknown-technique"]);
  });
});
