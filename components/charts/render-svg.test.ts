import { describe, expect, it } from "vitest";
import { renderChartSvg } from "./render-svg";
import { chartTableCsv, formatCell } from "./chart-table";

describe("renderChartSvg", () => {
  it("draws a bar chart's category labels, series name and value labels into the SVG", () => {
    const svg = renderChartSvg({
      legend: {},
      xAxis: { type: "category", data: ["2026-12-01", "2026-12-02"] },
      yAxis: { type: "value" },
      series: [{ name: "Sessions started", type: "bar", data: [7, 12], label: { show: true } }],
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('viewBox="0 0 720 320"');
    expect(svg).toContain(">2026-12-01<");
    expect(svg).toContain(">2026-12-02<");
    expect(svg).toContain(">Sessions started<");
    expect(svg).toContain(">7<");
    expect(svg).toContain(">12<");
  });

  it("draws each funnel stage's name", () => {
    const svg = renderChartSvg(
      {
        series: [
          {
            type: "funnel",
            sort: "none",
            label: { show: true, formatter: "{b}: {c}" },
            data: [
              { name: "welcome", value: 10 },
              { name: "mood", value: 4 },
            ],
          },
        ],
      },
      { width: 400, height: 300 },
    );
    expect(svg).toContain('viewBox="0 0 400 300"');
    expect(svg).toContain(">welcome: 10<");
    expect(svg).toContain(">mood: 4<");
  });

  it("escapes markup in labels, since topic names come from authors", () => {
    const svg = renderChartSvg({
      xAxis: { type: "category", data: ["<script>alert(1)</script>"] },
      yAxis: {},
      series: [{ type: "line", data: [1] }],
    });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
  });

  it("refuses a size that is not positive", () => {
    expect(() => renderChartSvg({ series: [] }, { width: 0, height: 100 })).toThrow(/must be positive, got 0×100/);
  });
});

describe("chart tables", () => {
  const table = {
    columns: [
      { key: "day", label: "Day" },
      { key: "rate", label: "Completion rate", decimals: 1 },
    ],
    rows: [
      { day: "2026-12-01", rate: 66.6667 },
      { day: "=cmd", rate: null },
    ],
  };

  it("shows numbers with the column's decimals and a dash for no value", () => {
    expect(formatCell(66.6667, table.columns[1]!)).toBe("66.7");
    expect(formatCell(null, table.columns[1]!)).toBe("—");
  });

  it("exports the stored values (unrounded) as CSV, defusing spreadsheet formulas", () => {
    expect(chartTableCsv(table)).toBe("Day,Completion rate\r\n2026-12-01,66.6667\r\n'=cmd,\r\n");
  });
});
