import type { Metadata } from "next";
import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { serverCaller } from "@/server/api/rsc";
import { StudioHeader } from "@/components/studio/studio-header";
import { ChartFigure } from "@/components/charts/chart-figure";
import { AnalyticsFilters } from "@/components/analytics/analytics-filters";
import { parseAnalyticsParams } from "@/components/analytics/params";
import { labelOf, versionLabels } from "@/components/analytics/version-labels";
import { completionChart, engagementChart, funnelChart, modelChart, safetyChart, sessionsPerDayChart } from "@/components/analytics/chart-options";
import { queryString, redirectIfSignedOut } from "@/app/review/counsellor";
import { requireAuthor, requireProject } from "../../author";
import "@/components/review/review.css";
import "@/components/studio/studio.css";
import "@/components/analytics/analytics.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Analytics", robots: { index: false, follow: false } };

type SearchParams = Record<string, string | string[] | undefined>;

/** Charts that share a row: drawn narrower, so their text stays readable when scaled down. */
const HALF = { width: 540, height: 330 };

/**
 * Project analytics for its authors and counsellors: how many sessions start and complete, where
 * clients leave each script, how long sessions last, safety events and model use. Every chart is
 * drawn on the server, with its numbers in a table and downloads; the filters are a GET form.
 */
export default async function AnalyticsPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<SearchParams> }) {
  const [{ projectId }, query] = await Promise.all([params, searchParams]);
  const base = `/studio/${encodeURIComponent(projectId)}/analytics`;
  const path = `${base}${queryString(query)}`;
  const user = await requireAuthor(path);
  const project = await requireProject(projectId, path);
  const selected = parseAnalyticsParams(query);

  let scripts;
  let report = null;
  let error: string | null = null;
  try {
    scripts = await serverCaller.analytics.options({ projectId: project.id });
    report = await serverCaller.analytics.report({ projectId: project.id, ...selected });
  } catch (caught) {
    redirectIfSignedOut(caught, path);
    if (!(caught instanceof TRPCError && caught.code === "BAD_REQUEST") || !scripts) throw caught;
    error = caught.message;
  }
  const labels = versionLabels(scripts);
  const compare = Boolean(selected.compareVersionId);
  const started = report?.completion.reduce((sum, row) => sum + row.started, 0) ?? 0;
  const completed = report?.completion.reduce((sum, row) => sum + row.completed, 0) ?? 0;
  const empty = "No sessions match these filters.";

  return (
    <>
      <StudioHeader user={user} />
      <main className="page studio-page analytics-page">
        <nav aria-label="Breadcrumb" className="breadcrumb small">
          <Link href="/studio">Projects</Link> <span aria-hidden="true">/</span>{" "}
          <Link href={`/studio/${encodeURIComponent(project.id)}`}>{project.name}</Link> <span aria-hidden="true">/</span> Analytics
        </nav>
        <h1>Analytics</h1>
        <p className="lede">
          How sessions of {project.name} go: how many start and finish, where clients leave a script, and what each version costs. Counts
          only: no message is shown here. Days are UTC.
        </p>

        <AnalyticsFilters action={base} scripts={scripts} selected={selected} error={error} />

        {report ? (
          <>
            <div className="analytics-summary">
              <p className="small" data-testid="analytics-total">
                {started} {started === 1 ? "session" : "sessions"} started, {completed} completed.
              </p>
              <a className="button" href={`${base}/export${queryString(query)}`} download>
                Download session rows (CSV)
              </a>
            </div>

            <section className="analytics-section" aria-labelledby="activity-heading">
              <h2 id="activity-heading">Sessions</h2>
              <div className="analytics-grid">
                <ChartFigure id="per-day" size={HALF} title="Sessions started and completed per day" filename="sessions-per-day" emptyMessage={empty} {...sessionsPerDayChart(report.perDay)} />
                <ChartFigure id="completion" size={HALF} title="Completion rate per script version" filename="completion-by-version" emptyMessage={empty} {...completionChart(report.completion, labels)} />
                <ChartFigure
                  id="engagement"
                  size={HALF}
                  title="Median turns and duration"
                  description="Duration runs from the start to the end, or to the last activity of an unfinished session."
                  filename="turns-and-duration"
                  emptyMessage={empty}
                  {...engagementChart(report.engagement, labels)}
                />
              </div>
            </section>

            <section className="analytics-section" aria-labelledby="funnel-heading">
              <h2 id="funnel-heading">Where clients leave</h2>
              <p className="small muted">
                Sessions that reached each topic (the bot said something there), and how many unfinished sessions stopped at it.
                {selected.versionId ? "" : " Choose a version to see another one's funnel; shown: the version with the most sessions."}
              </p>
              <div className="analytics-grid">
                {report.funnels.length === 0 ? <p className="muted">{empty}</p> : null}
                {report.funnels.map((funnel) => (
                  <ChartFigure
                    key={funnel.versionId}
                    id={`funnel-${funnel.versionId}`}
                    title={`Funnel: ${labelOf(labels, funnel.versionId)}`}
                    filename={`funnel-${labelOf(labels, funnel.versionId).replace(/[^\w.-]+/g, "-")}`}
                    emptyMessage="This version has no topics with speaking actions."
                    size={{ width: 720, height: Math.max(240, 80 + 44 * funnel.steps.filter((s) => s.level === "topic").length) }}
                    {...funnelChart(funnel.steps)}
                  />
                ))}
              </div>
            </section>

            <section className="analytics-section" aria-labelledby="safety-heading">
              <h2 id="safety-heading">Safety and model use</h2>
              <div className="analytics-grid">
                <ChartFigure id="safety" size={HALF} title="Safety events per 100 sessions, by level" filename="safety-per-100-sessions" emptyMessage={empty} {...safetyChart(report.safety, labels)} />
                <ChartFigure
                  id="models"
                  size={HALF}
                  title="Model calls and latency per model"
                  description="Model mode only; the table has calls, failures and tokens. Latencies of 1 s and more are counted to three significant figures (within 0.5 %)."
                  filename="model-usage"
                  emptyMessage="No model calls: these sessions ran in template mode."
                  {...modelChart(report.models, labels, compare)}
                />
              </div>
            </section>
          </>
        ) : null}
      </main>
    </>
  );
}
