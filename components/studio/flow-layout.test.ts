import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { buildFlowGraph, type FlowOutlineNode } from "./flow-graph";
import { FLOW_SIZE, layoutFlowGraph, type PlacedFlowNode } from "./flow-layout";

const node = (kind: string, id: string, extra: Partial<FlowOutlineNode> = {}): FlowOutlineNode => ({ kind, id, label: id, line: 1, column: 1, children: [], ...extra });

const outline = [
  node("session", "s", {
    children: [
      node("phase", "opening", {
        children: [
          node("topic", "welcome", { children: [node("action", "hello", { actionType: "ai_say" }), node("action", "ask", { actionType: "ai_ask", condition: "x > 1" })] }),
          node("topic", "calm", { condition: "ready", children: [node("action", "breathe", { actionType: "use_skill", skill: "breathing" })] }),
        ],
      }),
      node("phase", "closing", { condition: "done == true", children: [node("topic", "bye", { children: [node("action", "bye_say", { actionType: "ai_say" })] })] }),
    ],
  }),
  node("trigger", "crisis", { on: "risk_high", skill: "crisis_support" }),
];

const overlap = (a: PlacedFlowNode, b: PlacedFlowNode) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("layoutFlowGraph", () => {
  it("places phases left to right and topics and actions top to bottom inside their parent, without overlaps", async () => {
    const layout = await layoutFlowGraph(buildFlowGraph(outline), new ELK());
    const at = (title: string) => layout.nodes.find((n) => n.title === title)!;
    expect(at("Start").x).toBeLessThan(at("opening").x);
    expect(at("opening").x + at("opening").width).toBeLessThanOrEqual(at("closing").x);
    expect(at("closing").x).toBeLessThan(at("End").x);
    // Inside a phase: the next topic is below; inside a topic: the next action is below.
    expect(at("calm").y).toBeGreaterThanOrEqual(at("welcome").y + at("welcome").height);
    expect(at("ask").y).toBeGreaterThanOrEqual(at("hello").y + at("hello").height);
    // Children sit inside their parent (positions are relative to it), below its title.
    for (const child of layout.nodes.filter((n) => n.parent)) {
      const parent = layout.nodes.find((n) => n.id === child.parent)!;
      expect(child.x).toBeGreaterThanOrEqual(0);
      expect(child.y).toBeGreaterThanOrEqual(FLOW_SIZE.titleRow);
      expect(child.x + child.width).toBeLessThanOrEqual(parent.width);
      expect(child.y + child.height).toBeLessThanOrEqual(parent.height);
    }
    // Siblings never overlap.
    for (const a of layout.nodes) for (const b of layout.nodes) if (a !== b && a.parent === b.parent) expect(overlap(a, b), `${a.title} / ${b.title}`).toBe(false);
    // The technique a phase calls comes after that phase.
    expect(at("breathing").x).toBeGreaterThan(at("opening").x);
    expect(layout.width).toBeGreaterThanOrEqual(at("End").x + at("End").width);
    expect(layout.nodes).toHaveLength(buildFlowGraph(outline).nodes.length);
  });

  it("lays out nothing for an empty graph", async () => {
    expect(await layoutFlowGraph(buildFlowGraph([]), new ELK())).toEqual({ nodes: [], width: 0, height: 0 });
  });
});
