import type { Metadata } from "next";
import { serverCaller } from "@/server/api/rsc";
import { RiskBadge } from "@/components/review/risk-badge";
import { ProjectFilter, RiskFilter, ScriptFilter } from "@/components/review/list-parts";
import { ReviewList, ReviewStatus, ScriptCell, SessionLink, Time, type ReviewColumn } from "@/components/review/review-list";
import { loadOrNotFound, queryString, requireCounsellor } from "./counsellor";
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
  const [list, scripts, projects] = await loadOrNotFound(path, () =>
    Promise.all([
      serverCaller.review.list({ ...input, limit: PAGE_SIZE, offset: (filters.page - 1) * PAGE_SIZE }),
      serverCaller.review.scripts(),
      serverCaller.auth.projects(),
    ]),
  );

  const columns: ReviewColumn[] = [
    { header: "Risk", cell: (row) => <RiskBadge level={row.riskLevel} /> },
    {
      header: "Session",
      cell: (row) => (
        <>
          <SessionLink row={row} />
          <div className="muted small">
            {row.turnCount} turn{row.turnCount === 1 ? "" : "s"} · {row.status}
          </div>
        </>
      ),
    },
    { header: "Script", cell: (row) => <ScriptCell row={row} showProject={projects.length > 1} /> },
    {
      header: "Events",
      cell: (row) => (
        <>
          {row.events}
          {row.categories.length ? <div className="muted small">{row.categories.map((c) => c.replaceAll("_", " ")).join(", ")}</div> : null}
        </>
      ),
    },
    { header: "Review", cell: (row) => <ReviewStatus row={row} /> },
    { header: "Started", cell: (row) => <Time at={row.createdAt} /> },
  ];

  return (
    <ReviewList
      user={user}
      tab="flagged"
      title="Flagged sessions"
      lede="Sessions with a safety event or marked for review, in the projects you can access. Highest risk first, then the newest."
      path="/review"
      filters={
        <>
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
        </>
      }
      downloads={[{ href: `/review/export${queryString(params, { page: undefined })}`, label: "Download CSV" }]}
      list={list}
      columns={columns}
      caption="Flagged sessions, highest risk first"
      testId="review-table"
      empty="No flagged sessions match these filters."
      pager={{
        page: filters.page,
        pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)),
        hrefFor: (page) => `/review${queryString(params, { page: String(page) })}`,
        previousLabel: "← Newer / higher risk",
        nextLabel: "More →",
      }}
    />
  );
}
