/**
 * assess in model mode: a reply the deterministic reader takes as unsure ("honestly it comes and
 * goes") is still an answer when the model reads it as one of the options; only a reply the model
 * finds unclear too gets the clarifying re-ask. Template mode is unchanged.
 */
import { describe, expect, it } from "vitest";
import type { InterpretRequest, LlmPort } from "../../llm/port";
import { templateLlm } from "../../llm/template";
import { collect, start, turn, type EngineOptions } from "../index";
import { compileOrThrow, fakeLlm } from "../test-support";

const script = compileOrThrow(`
session:
  session_id: screen
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: assess
              action_id: phq2_assessment
              config: { instrument: phq2, output_prefix: phq2 }
            - action_type: ai_say
              action_id: done
              config: { content: "Thanks." }
`);

const HEDGED = "honestly it comes and goes";

function modelLlm(interpret: (request: InterpretRequest) => Promise<number | null>): { llm: LlmPort; calls: InterpretRequest[] } {
  const calls: InterpretRequest[] = [];
  const llm = fakeLlm({
    interpret: async (request) => {
      calls.push(request);
      return interpret(request);
    },
  });
  return { llm, calls };
}

async function converse(options: EngineOptions, replies: readonly string[]) {
  let { state } = await collect(start(script, options));
  const purposes: string[][] = [];
  for (const reply of replies) {
    const run = await collect(turn(script, state, reply, options));
    state = run.state;
    purposes.push(run.events.flatMap((e) => (e.type === "message-start" ? [e.purpose] : [])));
  }
  return { state, purposes, items: state.variables.session.phq2_items?.value };
}

describe("assess: a hedged answer in model mode", () => {
  it("is scored when the model reads it as one of the options, without a re-ask", async () => {
    const { llm, calls } = modelLlm(async () => 2);
    const { purposes, items } = await converse({ llm, scriptVersion: "v1" }, ["not at all", HEDGED]);
    expect(items).toEqual([0, 2]);
    expect(purposes[1]).not.toContain("assess_reask");
    expect(calls.map((c) => c.reply)).toEqual([HEDGED]);
  });

  it("gets the clarifying re-ask when the model finds it unclear too, then takes the clear answer", async () => {
    const { llm, calls } = modelLlm(async () => null);
    const { purposes, items } = await converse({ llm, scriptVersion: "v1" }, ["not at all", "no idea honestly", "several days"]);
    expect(purposes[1]).toEqual(["assess_reask"]);
    expect(items).toEqual([0, 1]);
    expect(calls.map((c) => c.reply)).toEqual(["no idea honestly"]);
  });

  it("is unchanged in template mode: one clarifying re-ask, no model", async () => {
    const { purposes, items } = await converse({ llm: templateLlm, scriptVersion: "v1" }, ["not at all", HEDGED, "several days"]);
    expect(purposes[1]).toEqual(["assess_reask"]);
    expect(items).toEqual([0, 1]);
  });
});
