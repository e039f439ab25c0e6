/**
 * Hostile input: each must come back as diagnostics, quickly, never as an exception or a hang.
 * The time bounds are generous (CI machines are slow); they catch exponential blow-ups, not speed.
 */
import { describe, expect, it } from "vitest";
import { compileScript, validateScript } from "./index";
import { MAX_ALIAS_COUNT, MAX_DIAGNOSTICS, MAX_SCRIPT_BYTES } from "./limits";

function timed(text: string) {
  const start = performance.now();
  const diagnostics = validateScript(text);
  return { diagnostics, codes: diagnostics.map((d) => d.code), ms: performance.now() - start };
}

const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ..."bcdefghi".split("").map((name, i) => {
    const previous = "abcdefghi"[i]!;
    return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`;
  }),
  "session: *i",
].join("\n");

describe("hostile input", () => {
  it("stops a billion-laughs alias bomb", () => {
    const { codes, diagnostics, ms } = timed(billionLaughs);
    expect(codes).toContain("alias-limit");
    expect(diagnostics.find((d) => d.code === "alias-limit")?.message).toContain("billion laughs");
    expect(ms).toBeLessThan(2_000);
  });

  it("stops more aliases than MAX_ALIAS_COUNT even when each is small", () => {
    const text = `x: &x 1\nlist: [${Array(MAX_ALIAS_COUNT + 5).fill("*x").join(", ")}]\n`;
    expect(timed(text).codes).toContain("alias-limit");
  });

  it("stops an alias that contains itself", () => {
    expect(timed("session: &s { again: *s }\n").codes).toContain("alias-limit");
  });

  it("stops very deep bracket nesting before the YAML parser sees it", () => {
    const depth = 200_000;
    const { codes, ms } = timed(`session: ${"[".repeat(depth)}${"]".repeat(depth)}`);
    expect(codes).toEqual(["nesting-too-deep"]);
    expect(ms).toBeLessThan(2_000);
  });

  it("stops very deep indentation nesting", () => {
    const lines = Array.from({ length: 1_500 }, (_, i) => `${" ".repeat(i)}k${i}:`);
    const { codes, ms } = timed(lines.join("\n"));
    expect(codes).toContain("nesting-too-deep");
    expect(ms).toBeLessThan(5_000);
  });

  it("refuses a 10 MB file at once", () => {
    const { diagnostics, ms } = timed(`session:\n  description: "${"x".repeat(10 * 1024 * 1024)}"\n`);
    expect(diagnostics).toEqual([expect.objectContaining({ code: "source-too-large", line: 1, column: 1 })]);
    expect(ms).toBeLessThan(500);
  });

  it("counts bytes, not characters: 800k Chinese characters are 2.4 MB", () => {
    const text = `session:\n  description: ${"情".repeat(800_000)}\n`;
    expect(text.length).toBeLessThan(MAX_SCRIPT_BYTES);
    expect(timed(text).codes).toEqual(["source-too-large"]);
  });

  it("recognises binary junk", () => {
    let seed = 7;
    const junk = Array.from({ length: 50_000 }, () => String.fromCharCode((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256)).join("");
    const { codes, ms } = timed(junk);
    expect(codes).toEqual(["binary-content"]);
    expect(ms).toBeLessThan(500);
  });

  it("reports duplicate keys, and still checks the rest of the script", () => {
    const text = "session:\n  session_id: a\n  session_id: b\n  phases: []\n";
    const { diagnostics } = timed(text);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ["duplicate-key", 3],
      ["empty-list", 4],
    ]);
  });

  it("caps the number of diagnostics for a file full of problems", () => {
    const text = `session:\n${Array.from({ length: 5_000 }, (_, i) => `  bad_${i}: 1`).join("\n")}\n`;
    const { diagnostics, ms } = timed(text);
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(diagnostics.at(-1)?.code).toBe("too-many-problems");
    expect(ms).toBeLessThan(3_000);
  });

  it("survives pathological conditions and placeholders", () => {
    const text = [
      "session:",
      "  session_id: s",
      "  phases:",
      "    - phase_id: p",
      `      entry_condition: "${"(".repeat(5_000)}"`,
      "      topics:",
      "        - topic_id: t",
      "          actions:",
      "            - action_type: ai_say",
      "              action_id: a",
      `              config: { content: "${"${".repeat(20_000)}{{{{{{" }`,
    ].join("\n");
    const { codes, ms } = timed(text);
    expect(codes).toContain("condition-syntax");
    expect(ms).toBeLessThan(2_000);
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
