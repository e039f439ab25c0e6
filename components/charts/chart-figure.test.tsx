import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { ChartFigure } from "./chart-figure";

const table = {
  columns: [
    { key: "version", label: "Version" },
    { key: "completed", label: "Completed" },
  ],
  rows: [
    { version: "v1", completed: 3 },
    { version: "v2", completed: 9 },
  ],
};

describe("ChartFigure", () => {
  it("renders the chart's SVG, a table of the same rows and the three downloads", () => {
    const html = renderToStaticMarkup(
      <ChartFigure
        id="completion"
        title="Completed sessions"
        filename="completed"
        table={table}
        option={{ xAxis: { type: "category", data: ["v1", "v2"] }, yAxis: {}, series: [{ name: "Completed", type: "bar", data: [3, 9] }] }}
      />,
    );
    expect(html).toMatch(/<div class="chart-image" role="img" aria-label="Completed sessions\. The numbers are in the table that follows\."><svg/);
    expect(html).toContain("<summary>Table: Completed sessions</summary>");
    expect(html).toContain('<th scope="row">v1</th><td class="num">3</td>');
    expect(html).toContain('<th scope="row">v2</th><td class="num">9</td>');
    for (const label of [">SVG<", ">PNG<", ">CSV<"]) expect(html).toContain(label);
  });

  it("says there is no data instead of drawing an empty chart", () => {
    const html = renderToStaticMarkup(
      <ChartFigure id="none" title="Nothing" filename="none" table={{ columns: table.columns, rows: [] }} option={{ series: [] }} emptyMessage="No sessions in this range." />,
    );
    expect(html).toContain("No sessions in this range.");
    expect(html).not.toContain("<svg");
    expect(html).not.toContain(">CSV<");
  });
});
