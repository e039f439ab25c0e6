/**
 * Hostile input: each must come back as diagnostics, never as an exception or a hang (a hang
 * fails on the test timeout). How long each takes is printed by bench/hostile-input.bench.ts.
 */
import { describe, expect, it } from "vitest";
import { compileScript, validateScript } from "./index";
import { MAX_ALIAS_COUNT, MAX_DIAGNOSTICS, MAX_SCRIPT_BYTES } from "./limits";
import { billionLaughs, binaryJunk, pathologicalConditions } from "../../../tests/support/hostile-scripts";

function validated(text: string) {
  const diagnostics = validateScript(text);
  return { diagnostics, codes: diagnostics.map((d) => d.code) };
}

describe("hostile input", () => {
  it("stops a billion-laughs alias bomb", () => {
    const { codes, diagnostics } = validated(billionLaughs);
    expect(codes).toContain("alias-limit");
    expect(diagnostics.find((d) => d.code === "alias-limit")?.message).toContain("billion laughs");
  });

  it("stops more aliases than MAX_ALIAS_COUNT even when each is small", () => {
    const text = `x: &x 1\nlist: [${Array(MAX_ALIAS_COUNT + 5).fill("*x").join(", ")}]\n`;
    expect(validated(text).codes).toContain("alias-limit");
  });

  it("stops an alias that contains itself", () => {
    expect(validated("session: &s { again: *s }\n").codes).toContain("alias-limit");
  });

  it("stops very deep bracket nesting before the YAML parser sees it", () => {
    const depth = 200_000;
    const { codes } = validated(`session: ${"[".repeat(depth)}${"]".repeat(depth)}`);
    expect(codes).toEqual(["nesting-too-deep"]);
  });

  it("stops very deep indentation nesting", () => {
    const lines = Array.from({ length: 1_500 }, (_, i) => `${" ".repeat(i)}k${i}:`);
    const { codes } = validated(lines.join("\n"));
    expect(codes).toContain("nesting-too-deep");
  });

  it("refuses a 10 MB file at once", () => {
    const { diagnostics } = validated(`session:\n  description: "${"x".repeat(10 * 1024 * 1024)}"\n`);
    expect(diagnostics).toEqual([expect.objectContaining({ code: "source-too-large", line: 1, column: 1 })]);
  });

  it("counts bytes, not characters: 800k Chinese characters are 2.4 MB", () => {
    const text = `session:\n  description: ${"情".repeat(800_000)}\n`;
    expect(text.length).toBeLessThan(MAX_SCRIPT_BYTES);
    expect(validated(text).codes).toEqual(["source-too-large"]);
  });

  it("recognises binary junk", () => {
    const { codes } = validated(binaryJunk());
    expect(codes).toEqual(["binary-content"]);
  });

  it("reports duplicate keys, and still checks the rest of the script", () => {
    const text = "session:\n  session_id: a\n  session_id: b\n  phases: []\n";
    const { diagnostics } = validated(text);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ["duplicate-key", 3],
      ["empty-list", 4],
    ]);
  });

  it("caps the number of diagnostics for a file full of problems", () => {
    const text = `session:\n${Array.from({ length: 5_000 }, (_, i) => `  bad_${i}: 1`).join("\n")}\n`;
    const { diagnostics } = validated(text);
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(diagnostics.at(-1)?.code).toBe("too-many-problems");
  });

  it("survives pathological conditions and placeholders", () => {
    const { codes } = validated(pathologicalConditions);
    expect(codes).toContain("condition-syntax");
  });

  it("treats keys named like Object.prototype members as ordinary unknown fields", () => {
    const text = [
      "constructor: 1",
      "session:",
      "  session_id: s",
      "  toString: x",
      "  phases:",
      "    - phase_id: p",
      "      topics:",
      "        - topic_id: t",
      "          actions:",
      "            - { action_type: ai_say, action_id: a, constructor: 1, config: { content: Hi, hasOwnProperty: 2 } }",
      "            - { action_type: toString, action_id: b }",
      "",
    ].join("\n");
    const diagnostics = validateScript(text);
    expect(diagnostics.map((d) => d.code)).toEqual(["unknown-field", "unknown-field", "unknown-field", "unknown-field", "unknown-action-type"]);
    for (const d of diagnostics) expect(d.message).not.toMatch(/function|native code|\[object/);
    const technique = "constructor: 1\ntopic:\n  topic_id: t\n  actions:\n    - { action_type: ai_say, action_id: a, config: { content: Hi } }\n";
    expect(compileScript(technique)).toMatchObject({ ok: true, diagnostics: [expect.objectContaining({ code: "unknown-field", line: 1 })] });
  });

  it("never throws, whatever the input", () => {
    const inputs = ["", "   \n# only a comment\n", "---", "null", "42", "- a\n- b", "'text'", "session: [", "{{{{", "session:\n  - 1", "\uFEFFsession: {}", "__proto__: { polluted: true }"];
    for (const input of inputs) {
      expect(() => compileScript(input)).not.toThrow();
      expect(compileScript(input).ok).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
