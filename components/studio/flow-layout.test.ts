import { describe, expect, it } from "vitest";
import { clip, FLOW, layoutFlow, type FlowNodeInput } from "./flow-layout";

const node = (kind: string, id: string, extra: Partial<FlowNodeInput> = {}): FlowNodeInput => ({ kind, id, label: id, line: 1, column: 1, children: [], ...extra });

describe("layoutFlow", () => {
  it("puts phases in columns, topics in boxes and lists actions with conditions and skill calls", () => {
    const outline = [
      node("session", "s", {
        children: [
          node("phase", "opening", {
            label: "Opening",
            children: [
              node("topic", "welcome", { children: [node("action", "hello", { actionType: "ai_say" }), node("action", "ask", { actionType: "ai_ask", condition: "x > 1" })] }),
              node("topic", "rate", { condition: "ready", children: [node("action", "skill_call", { actionType: "use_skill", skill: "breathing" })] }),
            ],
          }),
          node("phase", "closing", { condition: "done == true", children: [node("topic", "bye", { children: [node("action", "bye_say", { actionType: "ai_say" })] })] }),
        ],
      }),
      node("trigger", "crisis", { label: "on risk_high → run skill crisis_support", skill: "crisis_support" }),
    ];
    const layout = layoutFlow(outline);
    expect(layout.columns.map((c) => [c.kind, c.title])).toEqual([
      ["phase", "Opening"],
      ["phase", "closing"],
      ["triggers", "Safety triggers"],
    ]);
    expect(layout.columns[1]?.condition).toBe("done == true");
    const [welcome, rate] = layout.columns[0]!.boxes;
    expect(welcome!.lines.map((l) => [l.role, l.text])).toEqual([
      ["action", "hello"],
      ["action", "ask"],
      ["condition", "if x > 1"],
    ]);
    expect(rate!.lines.map((l) => l.text)).toEqual(["if ready", "skill_call", "→ breathing"]);
    expect(rate!.y).toBe(welcome!.y + welcome!.height + FLOW.boxGap);
    expect(layout.columns[2]!.boxes[0]!.lines.map((l) => l.text)).toEqual(["→ crisis_support"]);
    // header→welcome, welcome→rate, header→bye, and opening→closing.
    expect(layout.arrows).toHaveLength(4);
    expect(layout.width).toBe(FLOW.margin * 2 + 3 * FLOW.columnWidth + 2 * FLOW.columnGap);
  });

  it("draws nothing for an empty outline", () => {
    expect(layoutFlow([])).toMatchObject({ width: 0, columns: [], arrows: [] });
  });
});

describe("clip", () => {
  it("flattens whitespace and cuts with an ellipsis", () => {
    expect(clip("a  b\nc", 10)).toBe("a b c");
    expect(clip("abcdefghijkl", 6)).toBe("abcde…");
  });
});
