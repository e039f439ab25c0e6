/**
 * One case per diagnostic code: a small script, the exact position reported, and the words an
 * author needs to see. The last test fails when a code is added without a case here.
 */
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES, type DiagnosticCode } from "./diagnostics";
import { validateScript } from "./index";
import { MAX_DIAGNOSTICS, MAX_NESTING_DEPTH, MAX_SCRIPT_BYTES } from "./limits";

/** Lines 1–7 of a minimal session; actions start on line 8 with keys at column 15, config keys at 17. */
const HEAD = ["session:", "  session_id: s", "  phases:", "    - phase_id: p", "      topics:", "        - topic_id: t", "          actions:"];
const session = (...actionLines: string[]) => `${[...HEAD, ...actionLines].join("\n")}\n`;
const say = (id: string, ...configLines: string[]) => [
  "            - action_type: ai_say",
  `              action_id: ${id}`,
  "              config:",
  ...configLines.map((line) => `                ${line}`),
];

interface Case {
  code: DiagnosticCode;
  yaml: string;
  at: [line: number, column: number, endLine: number, endColumn: number];
  message: RegExp;
  options?: { knownTechniques?: string[]; forClients?: boolean };
}

const CASES: Case[] = [
  {
    code: "source-too-large",
    yaml: `session: ${"x".repeat(MAX_SCRIPT_BYTES)}`,
    at: [1, 1, 1, 1],
    message: /at most 2\.0 MB/,
  },
  { code: "binary-content", yaml: "session:\u0000\u0001", at: [1, 9, 1, 10], message: /control character U\+0000/ },
  {
    code: "nesting-too-deep",
    yaml: `x: ${"[".repeat(MAX_NESTING_DEPTH + 6)}${"]".repeat(MAX_NESTING_DEPTH + 6)}\n`,
    // The 65th nested list starts at column 4 + 64.
    at: [1, 68, 1, 80],
    message: /more than 64 levels deep/,
  },
  { code: "alias-limit", yaml: "session: &s [1, *s]\n", at: [1, 17, 1, 19], message: /refers to a value that contains it/ },
  { code: "yaml-syntax", yaml: "session:\n\tsession_id: x\n", at: [2, 1, 2, 2], message: /Tabs cannot indent YAML/ },
  { code: "yaml-warning", yaml: session(...say("a", "content: !custom Hi")), at: [11, 26, 11, 33], message: /Unresolved tag: !custom/ },
  {
    code: "duplicate-key",
    yaml: session(...say("a", "content: Hi", "content: Hello")),
    at: [12, 17, 12, 24],
    message: /The key `content` appears more than once in this mapping/,
  },
  { code: "multiple-documents", yaml: "session: {}\n---\ntopic: {}\n", at: [2, 1, 2, 4], message: /one YAML document/ },
  { code: "complex-key", yaml: "session:\n  ? [a, b]\n  : 1\n", at: [2, 5, 2, 11], message: /cannot be a key/ },
  { code: "missing-root", yaml: "metadata: { name: x }\nsesion:\n  session_id: s\n", at: [2, 1, 2, 7], message: /Did you mean `session` instead of `sesion`\?/ },
  { code: "multiple-roots", yaml: "session: {}\ntopic: {}\n", at: [2, 1, 2, 6], message: /`session:` and `topic:` cannot share a file/ },
  {
    code: "missing-field",
    yaml: session("            - action_type: ai_say", "              config:", "                content: Hi"),
    at: [8, 15, 8, 34],
    message: /`action_id` is required: an id unique in the script/,
  },
  {
    code: "invalid-type",
    yaml: session(...say("a", "content: Hi", "max_rounds: three")),
    at: [12, 29, 12, 34],
    message: /`max_rounds` must be a number, not text "three"/,
  },
  {
    code: "invalid-value",
    yaml: session(...say("a", "content: Hi", "max_rounds: 20")),
    at: [12, 29, 12, 31],
    message: /`max_rounds` must be at most 10, not the number 20/,
  },
  {
    code: "invalid-id",
    yaml: session(...say("say hello", "content: Hi")),
    at: [9, 26, 9, 35],
    message: /`action_id` may only contain letters, digits and `_`.*Try `say_hello`/,
  },
  {
    code: "invalid-name",
    yaml: session(
      "            - action_type: ai_ask",
      "              action_id: a",
      "              config:",
      "                content: Age?",
      "                output: [{ get: 2nd_answer }]",
    ),
    at: [12, 33, 12, 43],
    message: /"2nd_answer" is not a variable name/,
  },
  { code: "empty-list", yaml: session().replace("actions:", "actions: []"), at: [7, 20, 7, 22], message: /`actions` needs at least one action/ },
  {
    code: "unknown-action-type",
    yaml: session("            - action_type: ai_sya", "              action_id: a", "              config: { content: Hi }"),
    at: [8, 28, 8, 34],
    message: /Unknown action_type text "ai_sya".*Did you mean `ai_say`\?/,
  },
  {
    code: "unknown-instrument",
    yaml: session("            - action_type: assess", "              action_id: a", "              config: { instrument: phq8 }"),
    at: [10, 37, 10, 41],
    message: /one of phq9, gad7, phq2, gad2, not text "phq8". Did you mean `phq9`\?/,
  },
  {
    code: "unknown-field",
    yaml: session(...say("a", "contnet: Hi", "content: Hello")),
    at: [11, 17, 11, 24],
    message: /Unknown field `contnet` in the config of ai_say; it is ignored. Did you mean `content`\?/,
  },
  {
    code: "alias-field",
    yaml: session(...say("a", "content_template: Hi")),
    at: [11, 17, 11, 33],
    message: /`content_template` is the older name of `content`/,
  },
  {
    code: "field-beside-config",
    yaml: session("            - action_type: ai_say", "              action_id: a", "              content: Hi"),
    at: [10, 15, 10, 22],
    message: /`content` belongs inside `config:`; it is read as `config.content`/,
  },
  {
    code: "conflicting-fields",
    yaml: session(...say("a", "content: Hi", "content_template: Hello")),
    at: [12, 17, 12, 33],
    message: /`content_template` is the older name of `content`, which is also given; `content_template` is ignored/,
  },
  {
    code: "duplicate-id",
    yaml: session(...say("greet", "content: Hi"), ...say("greet", "content: Hello")),
    at: [13, 26, 13, 31],
    message: /action_id `greet` is already used at line 9/,
  },
  {
    code: "duplicate-declaration",
    yaml: session(...say("a", "content: Hi")).replace(
      "  session_id: s\n",
      "  session_id: s\n  declare:\n    - { var: mood }\n    - { var: mood, type: number }\n",
    ),
    at: [5, 14, 5, 18],
    message: /`mood` is declared twice in this session/,
  },
  {
    code: "condition-syntax",
    yaml: session("            - action_type: ai_say", "              action_id: a", "              condition: mood = 'low'", "              config: { content: Hi }"),
    at: [10, 31, 10, 32],
    message: /does not parse: A single `=` is not a comparison; write `==`/,
  },
  {
    code: "unknown-variable",
    yaml: session(...say("a", 'content: "Hello ${nmae}"')),
    at: [11, 33, 11, 40],
    message: /`nmae` is never declared nor set by an earlier action/,
  },
  {
    code: "variable-used-before-set",
    yaml: session(
      "            - action_type: ai_say",
      "              action_id: a",
      "              condition: mood == 'low'",
      "              config: { content: Hi }",
      "            - action_type: ai_ask",
      "              action_id: ask_mood",
      "              config: { content: How are you?, output: [{ get: mood }] }",
    ),
    at: [10, 26, 10, 30],
    message: /`mood` is used before it is set: the first action that sets it is `ask_mood` \(line 14\)/,
  },
  {
    code: "unknown-technique",
    yaml: session("            - action_type: use_skill", "              action_id: a", "              config: { skill: socratic_questionin }"),
    at: [10, 32, 10, 51],
    message: /no technique `socratic_questionin` in this project. Did you mean `socratic_questioning`\?/,
    options: { knownTechniques: ["socratic_questioning", "breathing"] },
  },
  {
    code: "unknown-topic",
    yaml: `${session(...say("a", "content: Hi"))}triggers:\n  - { trigger_id: c, on: risk_high, run: { topic: safety } }\n`,
    at: [13, 51, 13, 57],
    message: /There is no topic `safety` in this script/,
  },
  {
    code: "unknown-confirmed-variable",
    yaml: session("            - action_type: ai_ask", "              action_id: a", "              config:", "                content: Right?", "                confirms: [main_concern]"),
    at: [12, 28, 12, 40],
    message: /`main_concern` is never declared nor set before this question/,
  },
  {
    code: "unreachable",
    yaml: session(...say("a", "content: Hi")).replace("    - phase_id: p\n", "    - phase_id: p\n      entry_condition: 1 == 2\n"),
    at: [5, 24, 5, 30],
    message: /This phase never runs: its entry_condition is always false/,
  },
  {
    code: "model-only-placeholder",
    yaml: session(
      "            - action_type: ai_think",
      "              action_id: think",
      "              config:",
      "                content: Summarise the session.",
      "                output: [{ get: session_summary }]",
      ...say("a", 'content: "Today: ${session_summary} And ${session_summary|that is all}."'),
    ),
    at: [16, 34, 16, 52],
    message: /`session_summary` is only set by a model \(`think`, line 12\), so in template mode \(no model\) it is empty here\. Give it a fallback/,
  },
  {
    code: "instruction-as-content",
    yaml: session(...say("a", "content: Ask the client how they have been sleeping.")),
    at: [11, 26, 11, 69],
    message: /reads as an instruction to a model \("Ask the client how they have been sleepi…"\).*Write what the client should read/,
  },
  {
    code: "free-text-mid-sentence",
    yaml: session(
      "            - action_type: ai_ask",
      "              action_id: ask",
      "              config:",
      "                content: What brings you here?",
      "                output: [{ get: main_concern }]",
      ...say("a", 'content: "So you came in because of ${main_concern}. You said: ${main_concern|x} / \\"${main_concern}\\""'),
    ),
    at: [16, 53, 16, 68],
    message: /`main_concern` is free text placed mid-sentence without a fallback.*`\$\{main_concern\|…\}`/,
  },
  {
    code: "invalid-pattern",
    yaml: session(
      "            - action_type: ai_ask",
      "              action_id: a",
      "              config:",
      "                content: Age?",
      "                output: [{ get: age, extraction_method: pattern, pattern: '(\\d+' }]",
    ),
    at: [12, 75, 12, 81],
    message: /`pattern` is not a valid regular expression/,
  },
  {
    code: "missing-pattern",
    yaml: session(
      "            - action_type: ai_ask",
      "              action_id: a",
      "              config:",
      "                content: Age?",
      "                output: [{ get: age, extraction_method: pattern }]",
    ),
    at: [12, 57, 12, 64],
    message: /`extraction_method: pattern` needs a `pattern`/,
  },
  {
    code: "enum-without-values",
    yaml: session(
      "            - action_type: ai_ask",
      "              action_id: a",
      "              config:",
      "                content: Mood?",
      "                output: [{ get: mood, type: enum }]",
    ),
    at: [12, 45, 12, 49],
    message: /`type: enum` needs `values`/,
  },
  {
    code: "not-yet-supported",
    yaml: "consciousness:\n  trigger_config: { every_turn: true }\n",
    at: [2, 3, 2, 17],
    message: /`consciousness.trigger_config` is accepted for older scripts but not used by this engine yet/,
  },
  {
    code: "missing-client-description",
    yaml: `metadata: { name: Check-in, description: PHQ-2 and GAD-2 brief screens }\n${session(...say("a", "content: Hi"))}`,
    options: { forClients: true },
    at: [1, 1, 1, 9],
    message: /Clients choose this conversation from a card that says nothing about it: add `metadata.client_description`/,
  },
  {
    code: "too-many-problems",
    yaml: session(...say("a", "content: Hi", ...Array.from({ length: MAX_DIAGNOSTICS + 20 }, (_, i) => `extra_${i}: 1`))),
    // The 500 reported are extra_0..extra_499 (lines 12–511); the summary sits after the last.
    at: [511, 26, 511, 26],
    message: /20 more problems are not listed/,
  },
];

describe("every diagnostic code", () => {
  for (const testCase of CASES) {
    it(`${testCase.code} is reported at the exact position`, () => {
      const diagnostics = validateScript(testCase.yaml, testCase.options);
      const found = diagnostics.find((d) => d.code === testCase.code);
      expect(found, JSON.stringify(diagnostics, null, 1)).toBeDefined();
      expect([found!.line, found!.column, found!.endLine, found!.endColumn]).toEqual(testCase.at);
      expect(found!.message).toMatch(testCase.message);
      expect(found!.severity).toBe(DIAGNOSTIC_CODES[testCase.code].severity);
    });
  }

  it("has a case for every code in the table (internal-error is tested in compile.internal-error.test.ts)", () => {
    const covered = new Set<string>([...CASES.map((c) => c.code), "internal-error"]);
    expect(Object.keys(DIAGNOSTIC_CODES).filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe("diagnostics", () => {
  it("are sorted in file order, errors before warnings before hints on the same spot", () => {
    const diagnostics = validateScript(
      session(...say("a", 'content: "Hi ${who}"', "max_rounds: 0"), ...say("b", "content_template: Bye", "tone: 5")),
    );
    const positions = diagnostics.map((d) => [d.line, d.column]);
    expect(positions).toEqual([...positions].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
    expect(diagnostics.map((d) => d.code)).toEqual(["unknown-variable", "invalid-value", "alias-field", "invalid-type"]);
  });

  it("name the canonical path of the offending value", () => {
    const [problem] = validateScript(session(...say("a", "content: Hi", "max_rounds: 0")));
    expect(problem?.path).toBe("session.phases[0].topics[0].actions[0].config.max_rounds");
  });

  it("report a moved field at the place where it is written", () => {
    const diagnostics = validateScript(session("            - action_type: ai_say", "              action_id: a", "              content_template: 7"));
    expect(diagnostics.map((d) => d.code).sort()).toEqual(["alias-field", "field-beside-config", "invalid-type"]);
    expect(diagnostics.find((d) => d.code === "invalid-type")).toMatchObject({
      path: "session.phases[0].topics[0].actions[0].config.content",
      line: 10,
      column: 33,
      message: "`content` must be text, not the number 7.",
    });
  });

  it("point a typo that is closest to an older field name at the current name", () => {
    const diagnostics = validateScript(session("            - action_type: ai_ask", "              action_id: a", "              config: { question: Why? }"));
    expect(diagnostics.find((d) => d.code === "unknown-field")?.message).toBe("Unknown field `question` in the config of ai_ask; it is ignored. Did you mean `content` (`question_template` in older scripts)?");
  });

  it("read a YAML boolean condition as the condition it stands for", () => {
    const text = session("            - action_type: ai_say", "              action_id: a", "              condition: false", "              config: { content: Hi }");
    expect(validateScript(text)).toEqual([
      expect.objectContaining({ code: "unreachable", line: 10, column: 26, message: "This action never runs: its condition is always false." }),
    ]);
  });

  it("say nothing about the structure while the YAML itself is broken", () => {
    const diagnostics = validateScript("session:\n  session_id: s\n  phases: [\n");
    expect(diagnostics.map((d) => d.code)).toEqual(["yaml-syntax"]);
  });
});
