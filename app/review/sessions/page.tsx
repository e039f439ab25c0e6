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
import { queryString, redirectIfSignedOut, requireCounsellor } from "../counsellor";
import { PAGE_SIZE, parseSessionFilters, SESSION_STATUSES, sessionFiltersInput } from "../filters";
import "@/components/review/review.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "All sessions", robots: { index: false, follow: false } };

type SearchParams = Record<string, string | string[] | undefined>;

const STATUS_LABEL = { active: "Active", completed: "Completed", ended: "Ended" } as const;

export default async function AllSessionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const path = `/review/sessions${queryString(params)}`;
  const user = await requireCounsellor(path);
  const filters = parseSessionFilters(params);
  const input = sessionFiltersInput(filters);

  let data;
  try {
    data = await Promise.all([
      serverCaller.review.sessions({ ...input, page: filters.page, limit: PAGE_SIZE }),
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
  const exportQuery = queryString(params, { page: undefined });
  const first = list.offset + 1;
  const last = list.offset + list.rows.length;

  return (
    <>
      <CounsellorHeader user={user} />
      <main className="page review-page">
        <ReviewTabs current="all" />
        <h1>All sessions</h1>
        <p className="lede">Every session in the projects you can access, flagged or not. Newest first.</p>

        <form className="card review-filters" method="get" action="/review/sessions" aria-label="Filter sessions">
          <ScriptFilter scripts={scripts} projects={projects} selected={filters.scriptId} />
          <div className="field narrow">
            <label htmlFor="filter-version">Script version</label>
            <input id="filter-version" name="version" type="number" min={1} step={1} inputMode="numeric" placeholder="Any" defaultValue={filters.scriptVersion ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="filter-status">Status</label>
            <select id="filter-status" name="status" defaultValue={filters.status ?? ""}>
              <option value="">Any</option>
              {SESSION_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABEL[status]}
                </option>
              ))}
            </select>
          </div>
          <RiskFilter selected={filters.riskLevels[0]} />
          <ProjectFilter projects={projects} selected={filters.projectId} />
          <FilterActions clearHref="/review/sessions" />
        </form>

        <div className="review-toolbar">
          <ResultCount total={list.total} first={first} last={last} />
          <div className="export-links">
            <a className="button" href={`/review/export/sessions${exportQuery}`} download>
              Download sessions CSV
            </a>
            <a className="button" href={`/review/export/variables${exportQuery}`} download>
              Download variables CSV
            </a>
          </div>
        </div>

        {list.rows.length ? (
          <div className="table-wrap">
            <table className="review-table" data-testid="sessions-table">
              <caption className="visually-hidden">All sessions, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">Script</th>
                  <th scope="col">Status</th>
                  <th scope="col">Risk</th>
                  <th scope="col">Turns</th>
                  <th scope="col">Started</th>
                  <th scope="col">Last active</th>
                  <th scope="col">Review</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((row) => (
                  <tr key={row.id} data-session-id={row.id}>
                    <td>
                      <Link href={`/review/${encodeURIComponent(row.id)}`} aria-label={`${row.id.slice(-8)}: open session ${row.id}`}>
                        <code>{row.id.slice(-8)}</code>
                      </Link>
                    </td>
                    <td>
                      {row.script.name} <span className="muted small">v{row.script.version}</span>
                      {projects.length > 1 ? <div className="muted small">{row.project.name}</div> : null}
                    </td>
                    <td>{STATUS_LABEL[row.status]}</td>
                    <td>
                      <RiskBadge level={row.riskLevel} />
                    </td>
                    <td>{row.turnCount}</td>
                    <td>
                      <time dateTime={row.createdAt.toISOString()}>{formatTime(row.createdAt)}</time>
                    </td>
                    <td>
                      <time dateTime={row.updatedAt.toISOString()}>{formatTime(row.updatedAt)}</time>
                    </td>
                    <td>
                      {row.needsReview || row.unreviewedEvents > 0 ? (
                        <span className="status-pill pending">
                          Needs review{row.unreviewedEvents ? ` (${row.unreviewedEvents})` : ""}
                        </span>
                      ) : row.events > 0 ? (
                        <span className="status-pill done">Reviewed</span>
                      ) : (
                        <span className="muted">Not flagged</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <section className="card">
            <p>No sessions match these filters.</p>
          </section>
        )}

        <Pager page={filters.page} pages={pages} hrefFor={(page) => `/review/sessions${queryString(params, { page: String(page) })}`} previousLabel="← Newer" nextLabel="Older →" />
      </main>
    </>
  );
}
