/**
 * Charts drawn on the server: ECharts lays the chart out in Node and returns SVG markup, so no
 * chart code ships to the browser. Callers build the ECharts option (line, bar, funnel…); this
 * module only adds the shared look and turns the option into an SVG string.
 */
import * as echarts from "echarts/core";
import { BarChart, FunnelChart, LineChart } from "echarts/charts";
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
} from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  FunnelChart,
  LineChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  SVGRenderer,
]);

/** What callers pass: any ECharts option whose series use the chart types registered above. */
export type ChartOption = echarts.EChartsCoreOption;

export interface ChartSize {
  width: number;
  height: number;
}

export const DEFAULT_CHART_SIZE: ChartSize = { width: 720, height: 320 };

/** Colours that keep 3:1 contrast on white and stay apart for common colour-vision deficiencies. */
export const CHART_PALETTE = ["#2f5fb3", "#c2571a", "#2e7d4f", "#8a3ffc", "#b3261e", "#5f6368"];

const BASE_OPTION: ChartOption = {
  // Nothing animates in a static SVG; without this the first frame would be empty bars.
  animation: false,
  color: CHART_PALETTE,
  backgroundColor: "#ffffff",
  textStyle: { fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", color: "#1f2328" },
};

/** The option as SVG markup (a `viewBox`, so CSS can scale it). */
export function renderChartSvg(option: ChartOption, size: ChartSize = DEFAULT_CHART_SIZE): string {
  if (!(size.width > 0 && size.height > 0)) {
    throw new RangeError(`Chart size must be positive, got ${size.width}×${size.height}.`);
  }
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ ...BASE_OPTION, ...option });
    return chart.renderToSVGString({ useViewBox: true });
  } finally {
    // An undisposed instance keeps zrender's frame timer alive.
    chart.dispose();
  }
}
