/**
 * The analytics page's charts: for each aggregate, the ECharts option and the table of the same
 * numbers (the chart's text alternative and its CSV). Pure functions of the service's rows.
 */
import type { ChartOption } from "@/components/charts/render-svg";
import type { ChartTable } from "@/components/charts/chart-table";
import type { DayCount, VersionCompletion, VersionEngagement } from "@/server/services/analytics/activity";
import type { FunnelStep } from "@/server/services/analytics/funnel";
import type { SafetyRate } from "@/server/services/analytics/safety";
import type { ModelUsage } from "@/server/services/analytics/models";
import { riskLabel } from "@/components/review/risk-badge";
import { labelOf, type VersionLabels } from "./version-labels";

export interface ChartSpec {
  option: ChartOption;
  table: ChartTable;
}

const GRID = { left: 56, right: 24, top: 48, bottom: 56, containLabel: true };
const LEGEND = { top: 8 };

export function sessionsPerDayChart(rows: readonly DayCount[]): ChartSpec {
  return {
    option: {
      legend: LEGEND,
      grid: GRID,
      xAxis: { type: "category", data: rows.map((r) => r.day), axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", name: "Sessions", minInterval: 1 },
      series: [
        { name: "Started", type: "line", data: rows.map((r) => r.started), showSymbol: rows.length <= 31 },
        { name: "Completed", type: "line", data: rows.map((r) => r.completed), showSymbol: rows.length <= 31, lineStyle: { type: "dashed" } },
      ],
    },
    table: {
      columns: [
        { key: "day", label: "Day (UTC)" },
        { key: "started", label: "Started" },
        { key: "completed", label: "Completed" },
      ],
      rows: rows.map((r) => ({ day: r.day, started: r.started, completed: r.completed })),
    },
  };
}

export function completionChart(rows: readonly VersionCompletion[], labels: VersionLabels): ChartSpec {
  const names = rows.map((r) => labelOf(labels, r.versionId));
  return {
    option: {
      grid: GRID,
      xAxis: { type: "category", data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", name: "Completed (%)", max: 100 },
      series: [{ name: "Completion rate", type: "bar", data: rows.map((r) => r.completionRate), label: { show: true, position: "top", formatter: "{c}%" }, barMaxWidth: 48 }],
    },
    table: {
      columns: [
        { key: "version", label: "Version" },
        { key: "started", label: "Started" },
        { key: "completed", label: "Completed" },
        { key: "rate", label: "Completion rate (%)", decimals: 1 },
      ],
      rows: rows.map((r, i) => ({ version: names[i] ?? r.versionId, started: r.started, completed: r.completed, rate: r.completionRate })),
    },
  };
}

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

export function engagementChart(rows: readonly VersionEngagement[], labels: VersionLabels): ChartSpec {
  const names = rows.map((r) => labelOf(labels, r.versionId));
  return {
    option: {
      legend: LEGEND,
      grid: GRID,
      xAxis: { type: "category", data: names, axisLabel: { interval: 0 } },
      yAxis: [
        { type: "value", name: "Turns", minInterval: 1 },
        { type: "value", name: "Minutes", splitLine: { show: false } },
      ],
      series: [
        { name: "Median turns", type: "bar", data: rows.map((r) => r.medianTurns), label: { show: true, position: "top" }, barMaxWidth: 40 },
        { name: "Median minutes", type: "bar", yAxisIndex: 1, data: rows.map((r) => minutes(r.medianSeconds)), label: { show: true, position: "top" }, barMaxWidth: 40 },
        { name: "Median minutes (completed)", type: "bar", yAxisIndex: 1, data: rows.map((r) => minutes(r.medianCompletedSeconds)), label: { show: true, position: "top" }, barMaxWidth: 40 },
      ],
    },
    table: {
      columns: [
        { key: "version", label: "Version" },
        { key: "sessions", label: "Sessions" },
        { key: "turns", label: "Median turns", decimals: 1 },
        { key: "minutes", label: "Median minutes", decimals: 1 },
        { key: "completedMinutes", label: "Median minutes, completed sessions", decimals: 1 },
      ],
      rows: rows.map((r, i) => ({
        version: names[i] ?? r.versionId,
        sessions: r.sessions,
        turns: r.medianTurns,
        minutes: minutes(r.medianSeconds),
        completedMinutes: minutes(r.medianCompletedSeconds),
      })),
    },
  };
}

/**
 * One version's funnel: a horizontal bar per topic (sessions that reached it, and those that
 * stopped there), top to bottom in script order; the table lists each topic and then its actions.
 */
export function funnelChart(steps: readonly FunnelStep[]): ChartSpec {
  const topics = steps.filter((s) => s.level === "topic");
  const first = topics[0]?.reached ?? 0;
  const names = topics.map((t) => t.topicId);
  const rows = topics.flatMap((topic, i) => {
    const next = topics[i + 1];
    const topicRow = {
      step: topic.topicId,
      kind: `topic (${topic.phaseId})`,
      reached: topic.reached,
      share: first > 0 ? Math.round((1000 * topic.reached) / first) / 10 : null,
      stopped: topic.stoppedHere,
      dropOff: next ? topic.reached - next.reached : null,
    };
    const actionRows = steps
      .filter((s) => s.level === "action" && s.phaseId === topic.phaseId && s.topicId === topic.topicId)
      .map((a) => ({ step: `${topic.topicId} › ${a.actionId ?? ""}`, kind: a.actionType ?? "action", reached: a.reached, share: first > 0 ? Math.round((1000 * a.reached) / first) / 10 : null, stopped: a.stoppedHere, dropOff: null }));
    return [topicRow, ...actionRows];
  });
  return {
    option: {
      legend: LEGEND,
      grid: { ...GRID, left: 24 },
      yAxis: { type: "category", data: names, inverse: true, axisLabel: { width: 160, overflow: "truncate" } },
      xAxis: { type: "value", name: "Sessions", nameLocation: "middle", nameGap: 28, minInterval: 1 },
      series: [
        { name: "Reached", type: "bar", data: topics.map((t) => t.reached), label: { show: true, position: "right" }, barMaxWidth: 28 },
        { name: "Stopped here", type: "bar", data: topics.map((t) => t.stoppedHere), label: { show: true, position: "right" }, barMaxWidth: 28 },
      ],
    },
    table: {
      columns: [
        { key: "step", label: "Topic or action" },
        { key: "kind", label: "Kind" },
        { key: "reached", label: "Sessions reached" },
        { key: "share", label: "% of first topic", decimals: 1 },
        { key: "stopped", label: "Stopped here (not completed)" },
        { key: "dropOff", label: "Fewer at the next topic" },
      ],
      rows,
    },
  };
}

export function safetyChart(rows: readonly SafetyRate[], labels: VersionLabels): ChartSpec {
  const versions = [...new Set(rows.map((r) => r.versionId))];
  const levels = [...new Set(rows.map((r) => r.level))];
  return {
    option: {
      legend: LEGEND,
      grid: GRID,
      xAxis: { type: "category", data: levels.map(riskLabel) },
      yAxis: { type: "value", name: "Events per 100 sessions" },
      series: versions.map((versionId) => ({
        name: labelOf(labels, versionId),
        type: "bar",
        data: levels.map((level) => rows.find((r) => r.versionId === versionId && r.level === level)?.per100Sessions ?? 0),
        label: { show: true, position: "top" },
        barMaxWidth: 40,
      })),
    },
    table: {
      columns: [
        { key: "version", label: "Version" },
        { key: "level", label: "Level" },
        { key: "sessions", label: "Sessions" },
        { key: "events", label: "Events" },
        { key: "withEvents", label: "Sessions with an event" },
        { key: "per100", label: "Events per 100 sessions", decimals: 2 },
      ],
      rows: rows.map((r) => ({ version: labelOf(labels, r.versionId), level: riskLabel(r.level), sessions: r.sessions, events: r.events, withEvents: r.sessionsWithEvents, per100: r.per100Sessions })),
    },
  };
}

export function modelChart(rows: readonly ModelUsage[], labels: VersionLabels, compare: boolean): ChartSpec {
  const name = (r: ModelUsage) => (compare ? `${r.model} · ${labelOf(labels, r.versionId)}` : r.model);
  return {
    option: {
      legend: LEGEND,
      grid: GRID,
      xAxis: { type: "category", data: rows.map(name), axisLabel: { interval: 0 } },
      yAxis: { type: "value", name: "Latency (ms)" },
      series: [
        { name: "Median latency", type: "bar", data: rows.map((r) => r.medianLatencyMs), label: { show: true, position: "top" }, barMaxWidth: 40 },
        { name: "95th percentile", type: "bar", data: rows.map((r) => r.p95LatencyMs), label: { show: true, position: "top" }, barMaxWidth: 40 },
      ],
    },
    table: {
      columns: [
        { key: "model", label: "Model" },
        { key: "version", label: "Version" },
        { key: "calls", label: "Calls" },
        { key: "errors", label: "Failed calls" },
        { key: "prompt", label: "Prompt tokens" },
        { key: "completion", label: "Completion tokens" },
        { key: "median", label: "Median latency (ms)", decimals: 0 },
        { key: "p95", label: "95th percentile latency (ms)", decimals: 0 },
      ],
      rows: rows.map((r) => ({
        model: r.model,
        version: labelOf(labels, r.versionId),
        calls: r.calls,
        errors: r.errors,
        prompt: r.promptTokens,
        completion: r.completionTokens,
        median: r.medianLatencyMs,
        p95: r.p95LatencyMs,
      })),
    },
  };
}
