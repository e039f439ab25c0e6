/** RunContext.say(): the output guardrail on streamed model text (model mode only). */
import { describe, expect, it } from "vitest";
import { compileOrThrow, fakeLlm } from "./test-support";
import { templateLlm } from "../llm/template";
import { LlmError, type ComposeRequest, type LlmPort } from "../llm/port";
import { collect, start, turn, type EngineEvent, type EngineOptions } from "./index";

const compile = compileOrThrow;

const script = (language = "en") =>
  compile(`
metadata: { name: Guarded, language: ${language} }
session:
  session_id: guarded
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_say
              action_id: hello
              config: { content: "Welcome. We'll talk about your week." }
            - action_type: ai_ask
              action_id: ask_week
              config:
                content: "How was your week?"
                output: [{ get: week, type: text, extraction_method: direct }]
            - action_type: ai_say
              action_id: bye
              config: { content: "Thank you. Take care." }
`);

/** A model whose compose streams the scripted deltas for each action, in order of calls. */
function scriptedModel(replies: string[][]): LlmPort & { requests: ComposeRequest[]; closed: number } {
  const queue = [...replies];
  const port = Object.assign(
    fakeLlm({
      async *compose(request) {
        port.requests.push(request);
        try {
          for (const delta of queue.shift() ?? []) yield delta;
        } finally {
          port.closed++;
        }
      },
    }),
    { requests: [] as ComposeRequest[], closed: 0 },
  );
  return port;
}

const opts = (llm: LlmPort): EngineOptions => ({ llm, scriptVersion: "v1" });

function deltasOf(events: EngineEvent[], actionId: string): string[] {
  return events.flatMap((e) => (e.type === "text-delta" && e.actionId === actionId ? [e.delta] : []));
}

describe("output guardrail in RunContext.say (model mode)", () => {
  it("streams clean text sentence by sentence, in the model's own deltas", async () => {
    const llm = scriptedModel([["Hi, and ", "welcome. ", "This week ", "we'll look at ", "how things went."], ["How has ", "your week been?"]]);
    const run = await collect(start(script(), opts(llm)));
    expect(deltasOf(run.events, "hello")).toEqual(["Hi, and ", "welcome. ", "This week ", "we'll look at ", "how things went."]);
    expect(run.messages).toEqual(["Hi, and welcome. This week we'll look at how things went.", "How has your week been?"]);
    expect(run.events.filter((e) => e.type === "safety")).toEqual([]);
  });

  it("never emits a violating match mid-stream; goes on with a short safe sentence and logs it", async () => {
    const llm = scriptedModel([
      ["Thanks for ", "coming. ", "Honestly, you ", "clearly have ", "depression", ". Let's ", "begin."],
      ["How was your week?"],
    ]);
    const run = await collect(start(script(), opts(llm)));
    const sent = deltasOf(run.events, "hello");
    expect(sent.join("")).not.toMatch(/depression|clearly|Let's begin/);
    // Words no rule could reach went out at once, before the sentence ended.
    expect(sent.slice(0, 3)).toEqual(["Thanks for ", "coming. ", "Honestly, "]);
    expect(run.messages[0]).toBe("Thanks for coming. Honestly, I can't diagnose anything, but a doctor can help you look into this.");
    // The model's stream was closed as soon as the sentence failed.
    expect(llm.closed).toBe(2);
    const index = run.events.findIndex((e) => e.type === "safety");
    expect(run.events[index]).toEqual({ type: "safety", level: "low", reason: "output_guardrail:diagnosis", source: "output_guardrail", action: "replaced" });
    expect(run.events[index - 1]).toMatchObject({ type: "message-end", actionId: "hello" });
    // Memory (the next prompt) holds what the client saw, not what the model tried to say.
    expect(run.state.memory.recent[0]?.text).toBe(run.messages[0]);
    // The session goes on as usual.
    expect(run.messages[1]).toBe("How was your week?");
  });

  it("marks a sentence cut short after a word with a dash", async () => {
    const llm = scriptedModel([["You should ", "increase your dose", " of sertraline."], ["How was your week?"]]);
    const run = await collect(start(script(), opts(llm)));
    expect(run.messages[0]).toBe("You should — questions about medication are best talked through with a doctor.");
  });

  it("replaces a message whose first sentence violates before any of it was sent by the script's own text", async () => {
    const llm = scriptedModel([["Welcome."], ["How was ", "your week?"], ["Increase ", "your dose", " of sertraline. Bye."]]);
    const started = await collect(start(script(), opts(llm)));
    const run = await collect(turn(script(), started.state, "busy", opts(llm)));
    expect(deltasOf(run.events, "bye")).toEqual(["Thank you. Take care."]);
    expect(run.messages).toEqual(["Thank you. Take care."]);
    expect(run.events).toContainEqual(expect.objectContaining({ type: "safety", reason: "output_guardrail:medication", action: "replaced" }));
    expect(run.state.status).toBe("complete");
  });

  it("checks the last sentence when the stream ends without a mark", async () => {
    const llm = scriptedModel([["Welcome. ", "I promise ", "you'll feel better"], ["How was your week?"]]);
    const run = await collect(start(script(), opts(llm)));
    expect(run.messages[0]).toBe("Welcome. I can't promise how things will turn out, but we can keep working on this together.");
  });

  it("uses the client's language for the safe ending", async () => {
    const llm = scriptedModel([["欢迎你。", "你这是", "焦虑症。"], ["这周怎么样？"]]);
    const run = await collect(start(script("zh"), opts(llm)));
    expect(run.messages[0]).toBe("欢迎你。我不能做诊断，不过医生可以帮你进一步了解。");
  });

  it("continues a Chinese sentence cut short after a clause mark as is, and after a word with an ellipsis", async () => {
    const afterComma = await collect(start(script("zh"), opts(scriptedModel([["说实话，", "你这是", "焦虑症。"], ["这周怎么样？"]]))));
    expect(afterComma.messages[0]).toBe("说实话，我不能做诊断，不过医生可以帮你进一步了解。");
    const afterWord = await collect(start(script("zh"), opts(scriptedModel([["所以", "你这是", "焦虑症。"], ["这周怎么样？"]]))));
    expect(afterWord.messages[0]).toBe("所以……我不能做诊断，不过医生可以帮你进一步了解。");
  });

  it("does not check template mode: the author's text is sent as written", async () => {
    const authored = compile(`
session:
  session_id: authored
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_say
              action_id: note
              config: { content: "Only a doctor can say whether you have depression. Increase your dose only if they say so." }
`);
    const run = await collect(start(authored, { llm: templateLlm, scriptVersion: "v1" }));
    expect(run.messages).toEqual(["Only a doctor can say whether you have depression. Increase your dose only if they say so."]);
    expect(run.events.filter((e) => e.type === "safety")).toEqual([]);
  });

  it("still fails the turn when the model fails mid-stream (nothing is replaced then)", async () => {
    const failing: LlmPort = {
      ...scriptedModel([]),
      async *compose() {
        yield "Welcome. ";
        throw new LlmError("cut", "compose:say", true);
      },
    };
    await expect(collect(start(script(), opts(failing)))).rejects.toBeInstanceOf(LlmError);
  });
});
