import { describe, expect, it } from "vitest";
import { renderChartSvg } from "@/components/charts/render-svg";
import type { FunnelStep } from "@/server/services/analytics/funnel";
import { completionChart, funnelChart, safetyChart } from "./chart-options";

const topic = (position: number, topicId: string, reached: number, stoppedHere: number): FunnelStep => ({ level: "topic", position, phaseId: "p", topicId, actionId: null, actionType: null, reached, stoppedHere });
const action = (position: number, topicId: string, actionId: string, reached: number, stoppedHere: number): FunnelStep => ({ level: "action", position, phaseId: "p", topicId, actionId, actionType: "ai_say", reached, stoppedHere });

describe("funnelChart", () => {
  const steps = [topic(1, "welcome", 8, 3), topic(2, "mood", 5, 5), action(1, "welcome", "hello", 8, 3), action(2, "mood", "ask", 5, 5)];

  it("lists each topic then its actions, with the share of the first topic and the drop-off to the next topic", () => {
    const { table } = funnelChart(steps);
    expect(table.rows).toEqual([
      { step: "welcome", kind: "topic (p)", reached: 8, share: 100, stopped: 3, dropOff: 3 },
      { step: "welcome › hello", kind: "ai_say", reached: 8, share: 100, stopped: 3, dropOff: null },
      { step: "mood", kind: "topic (p)", reached: 5, share: 62.5, stopped: 5, dropOff: null },
      { step: "mood › ask", kind: "ai_say", reached: 5, share: 62.5, stopped: 5, dropOff: null },
    ]);
  });

  it("draws the topics in script order with both series", () => {
    const svg = renderChartSvg(funnelChart(steps).option);
    expect(svg.indexOf(">welcome<")).toBeGreaterThan(-1);
    expect(svg.indexOf(">mood<")).toBeGreaterThan(-1);
    expect(svg).toContain(">Reached<");
    expect(svg).toContain(">Stopped here<");
  });
});

describe("completionChart and safetyChart", () => {
  const labels = new Map([
    ["v1", "check_in v1"],
    ["v2", "check_in v2"],
  ]);

  it("names versions by script and number", () => {
    const { table, option } = completionChart([{ versionId: "v2", scriptKey: "check_in", scriptPath: "s.yaml", versionNumber: 2, started: 4, completed: 1, completionRate: 25 }], labels);
    expect(table.rows).toEqual([{ version: "check_in v2", started: 4, completed: 1, rate: 25 }]);
    expect(renderChartSvg(option)).toContain(">25%<");
  });

  it("gives one series per compared version over the levels", () => {
    const rows = (["v1", "v2"] as const).flatMap((versionId, i) =>
      (["low", "high"] as const).map((level) => ({ versionId, level, sessions: 10, events: i + 1, sessionsWithEvents: 1, per100Sessions: (i + 1) * 10 })),
    );
    const { option, table } = safetyChart(rows, labels);
    const series = (option as { series: { name: string; data: number[] }[] }).series;
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ["check_in v1", [10, 10]],
      ["check_in v2", [20, 20]],
    ]);
    expect(table.rows[0]).toEqual({ version: "check_in v1", level: "Low", sessions: 10, events: 1, withEvents: 1, per100: 10 });
  });
});
