/**
 * One instrument's scores over time, as the chart figure needs them: the ECharts option and the
 * table of the same figures (the chart's text alternative and its CSV).
 *
 * The chart: the severity bands as shaded areas
 * with their names, each score as a point labelled with its total (an open point and "≥" when items
 * were skipped, so the total is a lower bound), reliable improvement or deterioration from the
 * first complete score marked above the point, and PHQ-9 item 9 above 0 marked below it. Every
 * mark carries words, never colour alone. Pure: the same outcome gives the same option.
 */
import type { ComposeOption } from "echarts/core";
import type { LineSeriesOption } from "echarts/charts";
import type { GridComponentOption, MarkAreaComponentOption, MarkPointComponentOption } from "echarts/components";
import type { BandId } from "@/server/engine/instruments";
import type { InstrumentOutcome, ScorePoint } from "@/server/services/outcomes/trajectory";
import type { ChartTable } from "@/components/charts/chart-table";
import { formatChange, formatDay, VERDICT_LABEL } from "./labels";

export type OutcomeChartOption = ComposeOption<LineSeriesOption | GridComponentOption | MarkAreaComponentOption | MarkPointComponentOption>;

/** Light tints from calm to alarming, dark enough text on all of them. */
const BAND_FILL: Readonly<Record<BandId, string>> = {
  minimal: "#e3f2e6",
  mild: "#f4f1cf",
  moderate: "#fbe6cc",
  moderately_severe: "#f9d6cf",
  severe: "#f3c4c4",
  negative: "#e3f2e6",
  positive: "#fbe6cc",
};

const LINE = "#8a3b52";
const IMPROVED = "#1a7f37";
const WORSE = "#b3261e";
const SELF_HARM = "#8c4600";
const TEXT = "#1f2328";
const MUTED = "#57606a";

const DAY_MS = 86_400_000;

/** Short words for a mark above a point. */
const MARK_LABEL = {
  reliable_improvement: VERDICT_LABEL.reliable_improvement,
  reliable_deterioration: VERDICT_LABEL.reliable_deterioration,
} as const;

function selfHarmMarkLabel(answer: number): string {
  return `Item 9: ${answer}`;
}

function pointTime(point: ScorePoint): number {
  return point.recordedAt.getTime();
}

/** The time range shown: the scores with a margin, at least a day wide, so lone points are not on the edge. */
function timeRange(points: readonly ScorePoint[]): { min: number; max: number } {
  const times = points.map(pointTime);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const margin = Math.max((last - first) * 0.08, DAY_MS / 2);
  return { min: first - margin, max: last + margin };
}

export function outcomeChartOption(outcome: InstrumentOutcome): OutcomeChartOption {
  const name = outcome.name.en;
  const interval = outcome.maxTotal > 9 ? 5 : 1;
  const { min, max } = outcome.points.length ? timeRange(outcome.points) : { min: 0, max: DAY_MS };
  const bandEdges = outcome.bands.map((band, index) => ({ band, top: outcome.bands[index + 1]?.min ?? outcome.maxTotal }));

  const changeMarks = outcome.points.flatMap((point) => {
    const verdict = point.change?.verdict;
    if (verdict !== "reliable_improvement" && verdict !== "reliable_deterioration") return [];
    const colour = verdict === "reliable_improvement" ? IMPROVED : WORSE;
    return [
      {
        name: MARK_LABEL[verdict],
        coord: [pointTime(point), point.total],
        symbol: "triangle",
        symbolRotate: verdict === "reliable_improvement" ? 180 : 0,
        symbolSize: 12,
        symbolOffset: [0, -26],
        itemStyle: { color: colour },
        label: { show: true, position: "top" as const, formatter: MARK_LABEL[verdict], color: colour, fontSize: 11, fontWeight: "bold" as const },
      },
    ];
  });
  const selfHarmMarks = outcome.points.flatMap((point) =>
    point.selfHarmItem === null
      ? []
      : [
          {
            name: selfHarmMarkLabel(point.selfHarmItem),
            coord: [pointTime(point), point.total],
            symbol: "diamond",
            symbolSize: 12,
            symbolOffset: [0, 24],
            itemStyle: { color: SELF_HARM },
            label: { show: true, position: "bottom" as const, formatter: selfHarmMarkLabel(point.selfHarmItem), color: SELF_HARM, fontSize: 11, fontWeight: "bold" as const },
          },
        ],
  );

  return {
    // Dates are UTC days, as everywhere on counsellor pages; the look comes from the shared chart figure.
    useUTC: true,
    // Room on the right for the band names, outside the plot where no point can cover them.
    grid: { left: 44, right: 132, top: 40, bottom: 36 },
    xAxis: {
      type: "time",
      min,
      max,
      axisLabel: { color: MUTED, formatter: "{yyyy}-{MM}-{dd}", hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: "value",
      name: `${name} score`,
      nameTextStyle: { color: MUTED, align: "left" },
      min: 0,
      max: outcome.maxTotal,
      interval,
      // 27 would crowd 25; the top band's name says where the scale ends.
      axisLabel: { color: MUTED, showMaxLabel: outcome.maxTotal % interval === 0 },
      splitLine: { show: false },
    },
    series: [
      {
        type: "line",
        name,
        color: LINE,
        lineStyle: { width: 2, color: LINE },
        symbolSize: 9,
        z: 3,
        data: outcome.points.map((point) => ({
          value: [pointTime(point), point.total],
          symbol: point.complete ? "circle" : "emptyCircle",
          // An open point is drawn hollow in the line's colour.
          itemStyle: { color: LINE, borderWidth: 2 },
          label: { show: true, position: "right" as const, formatter: point.complete ? String(point.total) : `≥${point.total}`, color: TEXT, fontWeight: "bold" as const },
        })),
        markArea: {
          silent: true,
          data: bandEdges.map(({ band, top }) => [
            {
              name: band.label.en,
              yAxis: band.min,
              itemStyle: { color: BAND_FILL[band.id] },
              label: { show: true, position: "right" as const, color: MUTED, fontSize: 11 },
            },
            { yAxis: top },
          ]),
        },
        markPoint: { silent: true, data: [...changeMarks, ...selfHarmMarks] },
      },
    ],
  };
}

/**
 * The chart's figures as a table, oldest first: date, session number, score ("≥" when items were
 * skipped), band, change from the first complete score, whether it is reliable, and for PHQ-9 the
 * item 9 answer.
 */
export function outcomeChartTable(outcome: InstrumentOutcome, sessionNumber: ReadonlyMap<string, number>): ChartTable {
  const hasSelfHarmItem = outcome.instrument === "phq9";
  return {
    columns: [
      { key: "date", label: "Date" },
      { key: "session", label: "Session" },
      { key: "score", label: "Score" },
      { key: "band", label: "Band" },
      { key: "change", label: "Since first score" },
      { key: "reliable", label: "Reliable change" },
      ...(hasSelfHarmItem ? [{ key: "item9", label: "Item 9" }] : []),
    ],
    rows: outcome.points.map((point) => ({
      date: formatDay(point.recordedAt),
      session: `#${sessionNumber.get(point.sessionId) ?? "?"}`,
      score: point.complete ? point.total : `≥ ${point.total} (${point.skippedItems} skipped)`,
      band: point.bandLabel.en,
      change: point.change ? formatChange(point.change.points) : point === outcome.baseline ? "first score" : null,
      reliable: point.change ? VERDICT_LABEL[point.change.verdict] : null,
      ...(hasSelfHarmItem ? { item9: point.selfHarmItem ?? (point.selfHarmSkipped ? "skipped" : 0) } : {}),
    })),
  };
}
