/**
 * What the alert rules and the dashboard read is really exported by /api/metrics: the gauges read
 * at scrape time (the review backlog of high and imminent risk, readiness, the model's circuit
 * breaker) hold the values the database and the process give, and every metric name a rule or a
 * panel uses is in the scrape.
 */
import path from "node:path";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { GET } from "@/app/api/metrics/route";
import { startSession } from "@/server/services/sessions/start-session";
import { setUpTestDatabase } from "../support/set-up-test-database";
import { exportedFamilies, isExported, metricNames } from "../support/promql-names";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Series Prometheus makes itself rather than scraping them. */
const PROMETHEUS_OWN = new Set(["up"]);

// The metrics route reads the process-wide platform.
const testDb = setUpTestDatabase({ examples: true, routes: true });
let scrape: string;

function value(series: string): number {
  const line = scrape.split("\n").find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`${series} is not in the scrape`);
  return Number(line.slice(series.length + 1));
}

beforeAll(async () => {
  const prisma = testDb.db.prisma;
  const { sessionId } = await startSession(testDb.deps, { clientId: "metrics_client", scriptId: testDb.checkIn.scriptId });
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  const event = { sessionId, category: "suicidal_ideation", evidence: [], source: "lexicon", actionTaken: "crisis_resources", turn: 1 };
  await prisma.safetyEvent.createMany({
    data: [
      { ...event, level: "imminent", createdAt: minutesAgo(20) },
      { ...event, level: "high", createdAt: minutesAgo(2) },
      // Reviewed, or below high: not waiting.
      { ...event, level: "high", createdAt: minutesAgo(300), reviewedAt: minutesAgo(290) },
      { ...event, level: "medium", createdAt: minutesAgo(600) },
    ],
  });
  const response = await GET(new Request("http://127.0.0.1/api/metrics"));
  expect(response.status).toBe(200);
  scrape = await response.text();
});

describe("gauges read at scrape time", () => {
  it("count the unreviewed high and imminent safety events, and how long the oldest of each has waited", () => {
    expect(value('heartline_safety_unreviewed_events{level="imminent"}')).toBe(1);
    expect(value('heartline_safety_unreviewed_events{level="high"}')).toBe(1);
    const imminentAge = value('heartline_safety_oldest_unreviewed_seconds{level="imminent"}');
    expect(imminentAge).toBeGreaterThanOrEqual(20 * 60 - 5);
    expect(imminentAge).toBeLessThan(25 * 60);
    const highAge = value('heartline_safety_oldest_unreviewed_seconds{level="high"}');
    expect(highAge).toBeGreaterThanOrEqual(2 * 60 - 5);
    expect(highAge).toBeLessThan(7 * 60);
  });

  it("say the instance is ready and the model's circuit is closed", () => {
    expect(value("heartline_ready")).toBe(1);
    expect(value('heartline_llm_circuit_state{state="closed"}')).toBe(1);
    expect(value('heartline_llm_circuit_state{state="open"}')).toBe(0);
    expect(value("heartline_active_sessions")).toBe(1);
  });
});

describe("metric names in PromQL", () => {
  it("are read out of expressions, leaving functions, labels, ranges, variables and numbers", () => {
    const expr = `histogram_quantile(0.95, sum by (le, route) (rate(heartline_http_request_duration_seconds_bucket{route!~"/api/(ready|health)", instance=~"$instance"}[$__rate_interval])))
      / on (instance) group_left max(heartline_ready offset 5m) > 1e3 and (sum(increase(heartline_turns_total[15m])) or vector(0)) == 0`;
    expect([...metricNames(expr)].sort()).toEqual(["heartline_http_request_duration_seconds_bucket", "heartline_ready", "heartline_turns_total"]);
  });
});

describe("every metric an alert rule or a dashboard panel uses", () => {
  const rules = (parse(readFileSync(path.join(ROOT, "deploy/prometheus/alerts.yml"), "utf8")) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules);
  interface Panel {
    title?: string;
    targets?: { expr?: string }[];
    panels?: Panel[];
  }
  const dashboard = JSON.parse(readFileSync(path.join(ROOT, "deploy/grafana/heartline.json"), "utf8")) as { panels: Panel[]; templating: { list: { name: string; definition?: string }[] } };
  const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);

  function unexported(exprs: string[]): string[] {
    const families = exportedFamilies(scrape);
    return exprs.flatMap((expr) => [...metricNames(expr)]).filter((name) => !PROMETHEUS_OWN.has(name) && !isExported(name, families));
  }

  it("is exported by /api/metrics (alert rules)", () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(metricNames(rule.expr).size, rule.alert).toBeGreaterThan(0);
    expect(unexported(rules.map((rule) => rule.expr))).toEqual([]);
  });

  it("is exported by /api/metrics (dashboard panels and variables)", () => {
    const exprs = panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr ?? ""));
    expect(exprs.length).toBeGreaterThan(15);
    for (const expr of exprs) expect(metricNames(expr).size, expr).toBeGreaterThan(0);
    // label_values(metric, label): only its first argument is a metric.
    const variableMetrics = dashboard.templating.list.flatMap((variable) => /label_values\(\s*([A-Za-z_:][A-Za-z0-9_:]*)/.exec(variable.definition ?? "")?.[1] ?? []);
    expect(unexported([...exprs, ...variableMetrics])).toEqual([]);
  });

  it("would be caught when a name is not exported", () => {
    expect(unexported(["rate(heartline_turns_totl[5m])", "heartline_turn_duration_seconds_count", "heartline_ready_bucket"])).toEqual(["heartline_turns_totl", "heartline_ready_bucket"]);
  });
});
