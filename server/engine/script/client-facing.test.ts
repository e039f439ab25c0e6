import { describe, expect, it } from "vitest";
import { compileScript, validateScript } from "./index";

const SESSION = ["session:", "  session_id: s", "  phases:", "    - phase_id: p", "      topics:", "        - topic_id: t", "          actions:", "            - { action_type: ai_say, action_id: a, config: { content: Hi } }"].join("\n");
const codes = (yaml: string, forClients = true) => validateScript(yaml, { forClients }).map((d) => d.code);

describe("a session's client-facing description", () => {
  it("is asked for when the script is written for clients, on the session when there is no metadata", () => {
    expect(codes(SESSION)).toEqual(["missing-client-description"]);
    expect(validateScript(SESSION, { forClients: true })[0]).toMatchObject({ line: 1, column: 1, severity: "warning" });
    // The engine's own compile (running a stored version) does not ask.
    expect(codes(SESSION, false)).toEqual([]);
  });

  it("is satisfied by a text in the script's language or by one text per language", () => {
    expect(codes(`metadata: { client_description: A short check-in. }\n${SESSION}`)).toEqual([]);
    expect(codes(`metadata:\n  client_description:\n    en: A short check-in.\n    zh-CN: 简短的情绪检查。\n${SESSION}`)).toEqual([]);
    const compiled = compileScript(`metadata:\n  client_description: { en: Hello, zh-CN: 你好 }\n${SESSION}`, { forClients: true });
    expect(compiled.ok && compiled.script.metadata.client_description).toEqual({ en: "Hello", "zh-CN": "你好" });
  });

  it("is still asked for when blank, and a language key must be a language tag", () => {
    expect(codes(`metadata: { client_description: "  " }\n${SESSION}`)).toContain("missing-client-description");
    expect(validateScript(`metadata:\n  client_description: { "not a tag": Hello }\n${SESSION}`)).toEqual([
      expect.objectContaining({ code: "invalid-value", line: 2, message: "`not a tag` is not a language tag: write one text per language, as `en: …` or `zh-CN: …`." }),
    ]);
  });

  it("is not asked of techniques and safety files", () => {
    expect(codes("topic:\n  topic_id: t\n  actions:\n    - { action_type: ai_say, action_id: a, config: { content: Hi } }\n")).toEqual([]);
    expect(codes("triggers: []\n")).toEqual([]);
  });
});
