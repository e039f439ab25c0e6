/**
 * A chart as a figure: the SVG drawn on the server, a table of the same numbers (its text
 * alternative), and buttons to download it as SVG, PNG or CSV. A server component: the only
 * code the browser gets is the few lines behind the download buttons.
 */
import { renderChartSvg, DEFAULT_CHART_SIZE, type ChartOption, type ChartSize } from "./render-svg";
import { chartTableCsv, formatCell, type ChartTable } from "./chart-table";
import { ChartExport } from "./chart-export";
import "./charts.css";

export interface ChartFigureProps {
  /** Unique on the page: names the figure's caption and table. */
  id: string;
  title: string;
  /** One sentence on what the chart shows, read with the title. */
  description?: string;
  option: ChartOption;
  table: ChartTable;
  size?: ChartSize;
  /** Download name without extension, e.g. "sessions-per-day". */
  filename: string;
  /** Shown instead of the chart when the table has no rows. */
  emptyMessage?: string;
}

export function ChartFigure({ id, title, description, option, table, size = DEFAULT_CHART_SIZE, filename, emptyMessage }: ChartFigureProps) {
  const titleId = `${id}-title`;
  if (table.rows.length === 0) {
    return (
      <figure className="chart" aria-labelledby={titleId} data-chart={id}>
        <figcaption id={titleId} className="chart-caption">
          <strong>{title}</strong>
        </figcaption>
        <p className="chart-empty muted">{emptyMessage ?? "No data for these filters."}</p>
      </figure>
    );
  }
  const svg = renderChartSvg(option, size);
  return (
    <figure className="chart" aria-labelledby={titleId} data-chart={id}>
      <figcaption id={titleId} className="chart-caption">
        <strong>{title}</strong>
        {description ? <span className="muted small"> {description}</span> : null}
      </figcaption>
      {/* The SVG is ECharts' output for our own option; ECharts escapes every text it draws. */}
      <div
        className="chart-image"
        role="img"
        aria-label={`${title}. The numbers are in the table that follows.`}
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <details className="chart-data">
        <summary>Table: {title}</summary>
        <div className="chart-table-scroll">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th key={column.key} scope="col">
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, index) => (
                <tr key={index}>
                  {table.columns.map((column, columnIndex) => {
                    const text = formatCell(row[column.key], column);
                    const numeric = typeof row[column.key] === "number";
                    return columnIndex === 0 ? (
                      <th key={column.key} scope="row">
                        {text}
                      </th>
                    ) : (
                      <td key={column.key} className={numeric ? "num" : undefined}>
                        {text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <ChartExport title={title} filename={filename} csv={chartTableCsv(table)} width={size.width} height={size.height} />
    </figure>
  );
}
