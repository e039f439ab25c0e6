import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { serverCaller } from "@/server/api/rsc";
import { CounsellorHeader } from "@/components/review/counsellor-header";
import { ReviewTabs } from "@/components/review/review-tabs";
import { RiskBadge } from "@/components/review/risk-badge";
import { FilterActions, Pager, ProjectFilter, ResultCount, RiskFilter, ScriptFilter } from "@/components/review/list-parts";
import { formatTime } from "@/components/review/format";
import { queryString, redirectIfSignedOut, requireCounsellor } from "./counsellor";
import { filtersInput, PAGE_SIZE, parseFilters } from "./filters";
import "@/components/review/review.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Flagged sessions", robots: { index: false, follow: false } };

type SearchParams = Record<string, string | string[] | undefined>;

const STATE_LABEL = { all: "All", unreviewed: "Not yet reviewed", reviewed: "Reviewed" } as const;

export default async function ReviewListPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const path = `/review${queryString(params)}`;
  const user = await requireCounsellor(path);
  const filters = parseFilters(params);
  const input = filtersInput(filters);

  let data;
  try {
    data = await Promise.all([
      serverCaller.review.list({ ...input, limit: PAGE_SIZE, offset: (filters.page - 1) * PAGE_SIZE }),
      serverCaller.review.scripts(),
      serverCaller.auth.projects(),
    ]);
  } catch (error) {
    redirectIfSignedOut(error, path);
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const [list, scripts, projects] = data;
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const exportHref = `/review/export${queryString(params, { page: undefined })}`;
  const first = list.offset + 1;
  const last = list.offset + list.rows.length;

  return (
    <>
      <CounsellorHeader user={user} />
      <main className="page review-page">
        <ReviewTabs current="flagged" />
        <h1>Flagged sessions</h1>
        <p className="lede">
          Sessions with a safety event or marked for review, in the projects you can access. Highest risk first, then the newest.
        </p>

        <form className="card review-filters" method="get" action="/review" aria-label="Filter sessions">
          <RiskFilter selected={filters.riskLevels[0]} />
          <div className="field">
            <label htmlFor="filter-state">Review</label>
            <select id="filter-state" name="state" defaultValue={filters.state}>
              {(Object.keys(STATE_LABEL) as (keyof typeof STATE_LABEL)[]).map((state) => (
                <option key={state} value={state}>
                  {STATE_LABEL[state]}
                </option>
              ))}
            </select>
          </div>
          <ScriptFilter scripts={scripts} projects={projects} selected={filters.scriptId} />
          <ProjectFilter projects={projects} selected={filters.projectId} />
          <FilterActions clearHref="/review" />
        </form>

        <div className="review-toolbar">
          <ResultCount total={list.total} first={first} last={last} />
          <a className="button" href={exportHref} download>
            Download CSV
          </a>
        </div>

        {list.rows.length ? (
          <div className="table-wrap">
            <table className="review-table" data-testid="review-table">
              <caption className="visually-hidden">Flagged sessions, highest risk first</caption>
              <thead>
                <tr>
                  <th scope="col">Risk</th>
                  <th scope="col">Session</th>
                  <th scope="col">Script</th>
                  <th scope="col">Events</th>
                  <th scope="col">Review</th>
                  <th scope="col">Started</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((row) => (
                  <tr key={row.id} data-session-id={row.id}>
                    <td>
                      <RiskBadge level={row.riskLevel} />
                    </td>
                    <td>
                      <Link href={`/review/${encodeURIComponent(row.id)}`} aria-label={`${row.id.slice(-8)}: open session ${row.id}`}>
                        <code>{row.id.slice(-8)}</code>
                      </Link>
                      <div className="muted small">
                        {row.turnCount} turn{row.turnCount === 1 ? "" : "s"} · {row.status}
                      </div>
                    </td>
                    <td>
                      {row.script.name} <span className="muted small">v{row.script.version}</span>
                      {projects.length > 1 ? <div className="muted small">{row.project.name}</div> : null}
                    </td>
                    <td>
                      {row.events}
                      {row.categories.length ? <div className="muted small">{row.categories.map((c) => c.replaceAll("_", " ")).join(", ")}</div> : null}
                    </td>
                    <td>
                      {row.needsReview || row.unreviewedEvents > 0 ? (
                        <span className="status-pill pending">
                          Needs review{row.unreviewedEvents ? ` (${row.unreviewedEvents})` : ""}
                        </span>
                      ) : (
                        <span className="status-pill done">Reviewed</span>
                      )}
                    </td>
                    <td>
                      <time dateTime={row.createdAt.toISOString()}>{formatTime(row.createdAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <section className="card">
            <p>No flagged sessions match these filters.</p>
          </section>
        )}

        <Pager page={filters.page} pages={pages} hrefFor={(page) => `/review${queryString(params, { page: String(page) })}`} previousLabel="← Newer / higher risk" nextLabel="More →" />
      </main>
    </>
  );
}
