import { describe, expect, it } from "vitest";
import { buildFlowGraph, type FlowOutlineNode } from "./flow-graph";

const node = (kind: string, id: string, extra: Partial<FlowOutlineNode> = {}): FlowOutlineNode => ({ kind, id, label: id, line: 1, column: 1, children: [], ...extra });

const session = node("session", "intake", {
  children: [
    node("phase", "opening", {
      label: "Opening",
      line: 3,
      children: [
        node("topic", "welcome", {
          line: 5,
          children: [node("action", "hello", { actionType: "ai_say", label: "Hello there", line: 7 }), node("action", "ask", { actionType: "ai_ask", condition: "x > 1", line: 10 })],
        }),
        node("topic", "breathe", {
          condition: "ready",
          line: 14,
          children: [node("action", "calm", { actionType: "use_skill", skill: "breathing", condition: "anxious", line: 16, label: "use_skill breathing" })],
        }),
      ],
    }),
    node("phase", "closing", { condition: "done == true", line: 20, children: [node("topic", "bye", { line: 22, children: [node("action", "bye_say", { actionType: "ai_say", line: 24 })] })] }),
  ],
});

describe("buildFlowGraph", () => {
  it("chains phases between Start and End, topics inside phases and actions inside topics", () => {
    const graph = buildFlowGraph([session]);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const title = (id: string) => byId.get(id)?.title;
    const next = graph.edges.filter((e) => e.kind === "next").map((e) => `${title(e.source)} → ${title(e.target)}`);
    expect(next).toEqual(["hello → ask", "welcome → breathe", "Start → Opening", "Opening → closing", "closing → End"]);
    const nested = graph.nodes.filter((n) => n.kind === "action").map((n) => [n.title, title(n.parent!), title(byId.get(n.parent!)!.parent!)]);
    expect(nested).toEqual([
      ["hello", "welcome", "Opening"],
      ["ask", "welcome", "Opening"],
      ["calm", "breathe", "Opening"],
      ["bye_say", "bye", "closing"],
    ]);
    expect(graph.counts).toEqual({ phases: 2, topics: 3, actions: 4, skillCalls: 1, triggers: 0 });
  });

  it("puts a condition on the edge into the step, or on the step when no sibling edge leads to it", () => {
    const graph = buildFlowGraph([session]);
    const labelled = graph.edges.filter((e) => e.conditional).map((e) => e.label);
    expect(labelled).toEqual(["if x > 1", "if ready", "if done == true"]);
    const calm = graph.nodes.find((n) => n.title === "calm")!;
    // First action of its topic: no edge from a sibling, so the node carries it.
    expect(calm.condition).toBe("anxious");
    expect(graph.nodes.find((n) => n.title === "ask")!.condition).toBeNull();
    expect(graph.nodes.find((n) => n.title === "Opening")!.condition).toBeNull();
  });

  it("links technique calls and safety triggers to what they run, one node per technique", () => {
    const graph = buildFlowGraph([
      session,
      node("trigger", "crisis", { on: "risk_high", skill: "breathing", line: 30 }),
      node("trigger", "sad", { on: "condition", condition: "mood == 'low'", runTopic: "bye", line: 34 }),
      node("trigger", "lost", { on: "keyword", runTopic: "missing_topic", line: 38 }),
    ]);
    const skills = graph.nodes.filter((n) => n.kind === "skill");
    expect(skills.map((n) => n.title)).toEqual(["breathing"]);
    const title = (id: string) => graph.nodes.find((n) => n.id === id)!.title;
    expect(graph.edges.filter((e) => e.kind !== "next").map((e) => [e.kind, title(e.source), title(e.target), e.label])).toEqual([
      ["skill", "calm", "breathing", "use_skill"],
      ["trigger", "crisis", "breathing", "runs"],
      ["trigger", "sad", "bye", "runs"],
    ]);
    const sad = graph.nodes.find((n) => n.title === "sad")!;
    expect([sad.subtitle, sad.detail, sad.condition, sad.line]).toEqual(["on condition", "runs topic bye", "mood == 'low'", 34]);
    // A trigger naming a missing topic is drawn without an edge (the validator reports it).
    expect(graph.nodes.find((n) => n.title === "lost")!.detail).toBe("runs topic missing_topic");
    expect(graph.counts.triggers).toBe(3);
  });

  it("keeps every node's editor position and lists parents before their children", () => {
    const graph = buildFlowGraph([session]);
    expect(graph.nodes.find((n) => n.title === "ask")).toMatchObject({ line: 10, subtitle: "ask", actionType: "ai_ask" });
    expect(graph.nodes.find((n) => n.title === "hello")).toMatchObject({ line: 7, detail: "Hello there" });
    const seen = new Set<string>();
    for (const n of graph.nodes) {
      if (n.parent) expect(seen.has(n.parent)).toBe(true);
      seen.add(n.id);
    }
  });

  it("draws a technique file as its topic inside the technique", () => {
    const graph = buildFlowGraph([node("technique", "breathing", { label: "Breathing", children: [node("topic", "breathe", { children: [node("action", "in", { actionType: "ai_say" })] })] })]);
    expect(graph.nodes.map((n) => [n.kind, n.title, n.parent === null ? null : graph.nodes.find((p) => p.id === n.parent)!.title])).toEqual([
      ["technique", "Breathing", null],
      ["topic", "breathe", "Breathing"],
      ["action", "in", "breathe"],
    ]);
  });

  it("is empty for an empty outline", () => {
    expect(buildFlowGraph([])).toEqual({ nodes: [], edges: [], counts: { phases: 0, topics: 0, actions: 0, skillCalls: 0, triggers: 0 } });
  });
});
