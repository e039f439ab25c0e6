import type { Metadata } from "next";
import { serverCaller } from "@/server/api/rsc";
import { RiskBadge } from "@/components/review/risk-badge";
import { ProjectFilter, RiskFilter, ScriptFilter } from "@/components/review/list-parts";
import { ReviewList, ReviewStatus, ScriptCell, SessionLink, Time, type ReviewColumn } from "@/components/review/review-list";
import { loadOrNotFound, queryString, requireCounsellor } from "../counsellor";
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
  const [list, scripts, projects] = await loadOrNotFound(path, () =>
    Promise.all([serverCaller.review.sessions({ ...input, page: filters.page, limit: PAGE_SIZE }), serverCaller.review.scripts(), serverCaller.auth.projects()]),
  );
  const exportQuery = queryString(params, { page: undefined });

  const columns: ReviewColumn[] = [
    { header: "Session", cell: (row) => <SessionLink row={row} /> },
    { header: "Script", cell: (row) => <ScriptCell row={row} showProject={projects.length > 1} /> },
    { header: "Status", cell: (row) => STATUS_LABEL[row.status] },
    { header: "Risk", cell: (row) => <RiskBadge level={row.riskLevel} /> },
    { header: "Turns", cell: (row) => row.turnCount },
    { header: "Started", cell: (row) => <Time at={row.createdAt} /> },
    { header: "Last active", cell: (row) => <Time at={row.updatedAt} /> },
    { header: "Review", cell: (row) => <ReviewStatus row={row} /> },
  ];

  return (
    <ReviewList
      user={user}
      tab="all"
      title="All sessions"
      lede="Every session in the projects you can access, flagged or not. Newest first."
      path="/review/sessions"
      filters={
        <>
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
        </>
      }
      downloads={[
        { href: `/review/export/sessions${exportQuery}`, label: "Download sessions CSV" },
        { href: `/review/export/variables${exportQuery}`, label: "Download variables CSV" },
      ]}
      list={list}
      columns={columns}
      caption="All sessions, newest first"
      testId="sessions-table"
      empty="No sessions match these filters."
      pager={{
        page: filters.page,
        pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)),
        hrefFor: (page) => `/review/sessions${queryString(params, { page: String(page) })}`,
        previousLabel: "← Newer",
        nextLabel: "Older →",
      }}
    />
  );
}
