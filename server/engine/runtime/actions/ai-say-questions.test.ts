import { describe, expect, it } from "vitest";
import { compileScript } from "../../script";
import { collect, start, turn } from "..";
import { templateLlm } from "../../llm/template";

const script = (language: "en" | "zh", say: string, ask: string) => {
  const compiled = compileScript(`
metadata: { name: t, language: ${language} }
session:
  session_id: say_questions
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_say
              action_id: explain
              config: { content: "${say}", require_acknowledgment: true }
            - action_type: ai_ask
              action_id: consent
              config:
                content: "${ask}"
                output: [{ get: consent, type: boolean }]
`);
  if (!compiled.ok) throw new Error("does not compile");
  return compiled.script;
};

async function replyTo(compiled: ReturnType<typeof script>, text: string): Promise<string[]> {
  const options = { llm: templateLlm, scriptVersion: "t" };
  const started = await collect(start(compiled, options));
  const run = await collect(turn(compiled, started.state, text, options));
  return run.events.flatMap((event) => (event.type === "message-end" ? [event.text] : []));
}

describe("a reply to something said", () => {
  it("asking who reads this gets the answer before the script goes on", async () => {
    const said = await replyTo(script("en", "What you write here is confidential. Anything you'd like to ask about that?", "Shall we begin?"), "Who actually reads these messages?");
    expect(said).toHaveLength(2);
    expect(said[0]).toMatch(/read/i);
    expect(said[1]).toContain("Shall we begin?");
  });

  it("a plain acknowledgement just goes on, in Chinese too", async () => {
    expect(await replyTo(script("zh", "这里说的话都会保密。关于这一点你有什么想问的吗？", "我们开始吧？"), "好的，没问题")).toEqual(["我们开始吧？"]);
    const asked = await replyTo(script("zh", "这里说的话都会保密。关于这一点你有什么想问的吗？", "我们开始吧？"), "我说的话谁会看到？");
    expect(asked).toHaveLength(2);
    expect(asked[1]).toContain("我们开始吧？");
  });
});
