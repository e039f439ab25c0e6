import { describe, expect, it } from "vitest";
import { completionContext, toCompletionVariables, variableAt } from "./variable-completion";

/** The context with the cursor at the `|` in `text`. */
function at(text: string) {
  const column = text.indexOf("|");
  return completionContext(text.replace("|", ""), column);
}

describe("completionContext", () => {
  it("does not close a placeholder that goes on to a fallback", () => {
    const line = "      content: because of ${main_co|what you've described}.";
    const column = line.indexOf("|");
    expect(completionContext(line, column)).toEqual({ close: "" });
    const mustache = "      content: 因为{{主要|你刚才说的}}";
    expect(completionContext(mustache, mustache.indexOf("|"))).toEqual({ close: "" });
  });

  it("offers names inside placeholders and closes them", () => {
    expect(at("      content: Hello ${|")).toEqual({ close: "}" });
    expect(at("      content: Hello ${us|")).toEqual({ close: "}" });
    expect(at("      content: Hello ${us|}, welcome")).toEqual({ close: "" });
    expect(at("      content: Hello {{|")).toEqual({ close: "}}" });
    expect(at("      content: Hello {{ na|}}")).toEqual({ close: "" });
  });

  it("offers names in conditions, but not inside their string literals", () => {
    expect(at('      condition: "|')).toEqual({ close: "" });
    expect(at('      condition: "mood_score <= 3 and st|')).toEqual({ close: "" });
    expect(at("    entry_condition: |")).toEqual({ close: "" });
    expect(at("    - condition: risk_level != 'hi|")).toBeNull();
    expect(at("    - condition: risk_level != 'high' and |")).toEqual({ close: "" });
  });

  it("offers names in inline input_variables lists", () => {
    expect(at("        input_variables: [mood_score, |")).toEqual({ close: "" });
    expect(at("        input_variables: [|")).toEqual({ close: "" });
    expect(at("        input_variables: [a, b]|")).toBeNull();
  });

  it("stays out of the way elsewhere", () => {
    expect(at("      content: Hello |")).toBeNull();
    expect(at("  phase_id: open|")).toBeNull();
    expect(at("      # ${|")).toEqual({ close: "}" });
  });
});

describe("completionContext with Chinese names", () => {
  it("offers and closes placeholders partway through a Chinese name", () => {
    expect(at("      content: 你好，${用户|")).toEqual({ close: "}" });
    expect(at("      content: 你好，${用户|称呼}，欢迎")).toEqual({ close: "" });
    expect(at("      content: 你好，{{用户|")).toEqual({ close: "}}" });
    expect(at("      content: 你好，{{ 用户|称呼 }}")).toEqual({ close: "" });
  });

  it("offers names in a single-brace placeholder that follows text, not in a YAML flow mapping", () => {
    expect(at("      content: 你好，{用|")).toEqual({ close: "}" });
    expect(at("      content: 你好，{用|户称呼}")).toEqual({ close: "" });
    expect(at('      content: "Hi {|"')).toBeNull();
    expect(at("      config: { |")).toBeNull();
    expect(at("      config: {|")).toBeNull();
    expect(at("      output: [{|")).toBeNull();
  });

  it("offers names in conditions after a Chinese name and an operator, not inside literals", () => {
    expect(at('      condition: "年龄 >= 18 and 用户|')).toEqual({ close: "" });
    expect(at('      condition: "年龄>=18 and |')).toEqual({ close: "" });
    expect(at("      condition: 用户称呼 == '小|")).toBeNull();
    expect(at("        input_variables: [用户称呼, 年|")).toEqual({ close: "" });
  });

  it("sorts and describes Chinese names", () => {
    const items = toCompletionVariables([{ name: "用户称呼", type: "text", scope: "session", producedBy: ["ask_name"] }, { name: "年龄", type: "number" }]);
    expect(items.map((i) => i.name).sort()).toEqual(["年龄", "用户称呼"].sort());
    expect(items.find((i) => i.name === "用户称呼")?.detail).toBe("session scope · set by ask_name");
  });
});

describe("toCompletionVariables", () => {
  it("dedupes, sorts and describes where a variable comes from", () => {
    const items = toCompletionVariables([
      { name: "mood", type: "number", scope: "session", declaredAt: { line: 12 }, producedBy: ["ask_mood"] },
      { name: "anxiety", type: null, scope: "topic", producedBy: [{ actionId: "ask_anxiety", line: 30 }] },
      { name: "mood", type: "number", scope: "session" },
    ]);
    expect(items.map((i) => i.name)).toEqual(["anxiety", "mood"]);
    expect(items[1]).toMatchObject({ type: "number", detail: "session scope · declared at line 12 · set by ask_mood" });
    expect(items[0]?.detail).toBe("topic scope · set by ask_anxiety (line 30)");
  });
});

describe("variableAt (hover)", () => {
  const known = [{ name: "用户称呼" }, { name: "年龄" }, { name: "caf\u00e9" }];
  it("finds a Chinese name under the cursor in placeholders and conditions", () => {
    const line = '      content: "${用户称呼}，你{年龄}岁"';
    expect(variableAt(line, line.indexOf("称呼"), known)).toEqual({ variable: { name: "用户称呼" }, start: line.indexOf("用户"), end: line.indexOf("}") });
    expect(variableAt(line, line.indexOf("年龄") + 1, known)?.variable.name).toBe("年龄");
    const condition = "      condition: 年龄>=18 and 用户称呼 == '小林'";
    expect(variableAt(condition, condition.indexOf("年龄"), known)?.variable.name).toBe("年龄");
  });
  it("matches in NFC and ignores words that are not known variables", () => {
    expect(variableAt("{cafe\u0301}", 2, known)?.variable.name).toBe("caf\u00e9");
    expect(variableAt("      content: 你好", 16, known)).toBeNull();
    expect(variableAt("  action_id: ask_name", 15, known)).toBeNull();
  });
});
