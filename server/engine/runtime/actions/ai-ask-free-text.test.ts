/**
 * Template mode: a free-text field takes the whole reply, but an unsure reply ("no idea really")
 * or an off-topic question ("did you see the match last night?") is not stored as the answer.
 */
import { describe, expect, it } from "vitest";
import { templateLlm } from "../../llm/template";
import { collect, start, turn, type SessionState } from "../index";
import { compileOrThrow } from "../test-support";

const script = compileOrThrow(`
session:
  session_id: free_text
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_ask
              action_id: ask_concern
              config:
                content: "What brings you here today?"
                output: [{ get: concern, type: text, required: true }]
                max_rounds: 3
            - action_type: ai_say
              action_id: done
              config: { content: "Thanks." }
`);
const options = { llm: templateLlm, scriptVersion: "v1" };

async function converse(replies: string[]) {
  let { state } = await collect(start(script, options));
  const turns: string[][] = [];
  for (const reply of replies) {
    const result = await collect(turn(script, state, reply, options));
    state = result.state;
    turns.push(result.messages);
  }
  return { turns, value: (state as SessionState).variables.session.concern?.value };
}

describe("ai_ask free text in template mode", () => {
  it("does not store a short unsure reply as the answer, and asks once more", async () => {
    const { turns, value } = await converse(["no idea really"]);
    expect(value).toBeUndefined();
    expect(turns[0]?.join(" ")).toContain("What brings you here today?");
  });

  it("does not store an off-topic question as the answer, and bridges back", async () => {
    const { turns, value } = await converse(["did you see the match last night?"]);
    expect(value).toBeUndefined();
    expect(turns[0]?.join(" ")).toContain("Let's come back to that later");
  });

  it("still takes a hedged answer that says enough", async () => {
    const { value } = await converse(["I'm not sure, I've just been feeling flat since the move"]);
    expect(value).toBe("I'm not sure, I've just been feeling flat since the move");
  });
});
