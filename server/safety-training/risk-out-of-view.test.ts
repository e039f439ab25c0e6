import { describe, expect, it } from "vitest";
import type { CorpusMessage } from "../engine/safety/corpus";
import { riskOutOfView } from "./train-risk-model";

const turn = (text: string, label: CorpusMessage["label"], kind: string, client = "", writer = "w-conv"): CorpusMessage => ({
  text,
  lang: "en",
  label,
  category: label === "none" || label === "low" ? "none" : "suicidal_ideation",
  kind,
  writer,
  context: { bot: "How are you feeling now?", client },
});

describe("replies whose risk lies further back than the detector reads", () => {
  it("are the context replies carried on from a previous turn that was itself risky only in context", () => {
    const yes = turn("yes", "high", "context_reply", "I'm done");
    const carried = turn("I'm not sure", "high", "context_reply", "yes");
    const plan = turn("I have the pills here", "imminent", "preparation", "yes");
    const afterPlan = turn("ok", "imminent", "context_reply", "I have the pills here");
    const out = riskOutOfView([yes, carried, plan, afterPlan]);
    expect([...out]).toEqual([carried]);
  });

  it("follow a previous turn only within its own writer", () => {
    const yes = turn("yes", "high", "context_reply", "I'm done", "w-a");
    const other = turn("I'm not sure", "high", "context_reply", "yes", "w-b");
    expect(riskOutOfView([yes, other]).size).toBe(0);
  });
});
