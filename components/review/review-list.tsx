/**
 * One review list page (flagged sessions, all sessions): tabs, the filter form around the page's
 * own fields, the count and CSV links, the table of sessions, and paging. Server component.
 */
import type { ReactNode } from "react";
import Link from "next/link";
import { CounsellorHeader } from "./counsellor-header";
import { ReviewTabs } from "./review-tabs";
import { FilterActions, Pager, ResultCount } from "./list-parts";
import { formatTime } from "./format";
import type { RiskLevelName } from "./risk-badge";
import { ColumnHeads } from "@/components/ui/column-heads";

/** What a list shows of a session (never message text). */
export interface ReviewRow {
  id: string;
  project: { name: string };
  script: { name: string; version: number };
  status: "active" | "completed" | "ended";
  riskLevel: RiskLevelName;
  needsReview: boolean;
  turnCount: number;
  createdAt: Date;
  updatedAt: Date;
  events: number;
  unreviewedEvents: number;
  categories: string[];
}

export interface ReviewColumn {
  header: string;
  cell: (row: ReviewRow) => ReactNode;
}

interface ReviewListProps {
  user: { email: string; role: "admin" | "author" };
  tab: "flagged" | "all";
  title: string;
  lede: string;
  /** The page's own path: the filter form's action and the Clear link. */
  path: string;
  /** The filter fields, in order. */
  filters: ReactNode;
  downloads: { href: string; label: string }[];
  list: { total: number; offset: number; rows: ReviewRow[] };
  columns: ReviewColumn[];
  caption: string;
  testId: string;
  empty: string;
  pager: { page: number; pages: number; hrefFor: (page: number) => string; previousLabel: string; nextLabel: string };
}

export function ReviewList(props: ReviewListProps) {
  const { list } = props;
  const downloads = props.downloads.map((download) => (
    <a key={download.href} className="button" href={download.href} download>
      {download.label}
    </a>
  ));
  return (
    <>
      <CounsellorHeader user={props.user} />
      <main className="page review-page">
        <ReviewTabs current={props.tab} />
        <h1>{props.title}</h1>
        <p className="lede">{props.lede}</p>

        <form className="card review-filters" method="get" action={props.path} aria-label="Filter sessions">
          {props.filters}
          <FilterActions clearHref={props.path} />
        </form>

        <div className="review-toolbar">
          <ResultCount total={list.total} first={list.offset + 1} last={list.offset + list.rows.length} />
          {downloads.length > 1 ? <div className="export-links">{downloads}</div> : downloads}
        </div>

        {list.rows.length ? (
          <div className="table-wrap">
            <table className="review-table" data-testid={props.testId}>
              <caption className="visually-hidden">{props.caption}</caption>
              <ColumnHeads names={props.columns.map((column) => column.header)} />
              <tbody>
                {list.rows.map((row) => (
                  <tr key={row.id} data-session-id={row.id}>
                    {props.columns.map((column) => (
                      <td key={column.header}>{column.cell(row)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <section className="card">
            <p>{props.empty}</p>
          </section>
        )}

        <Pager {...props.pager} />
      </main>
    </>
  );
}

/** The session's short id, linking to its review page. */
export function SessionLink({ row }: { row: ReviewRow }) {
  return (
    <Link href={`/review/${encodeURIComponent(row.id)}`} aria-label={`${row.id.slice(-8)}: open session ${row.id}`}>
      <code>{row.id.slice(-8)}</code>
    </Link>
  );
}

/** The script's name and version, and its project when the counsellor sees several. */
export function ScriptCell({ row, showProject }: { row: ReviewRow; showProject: boolean }) {
  return (
    <>
      {row.script.name} <span className="muted small">v{row.script.version}</span>
      {showProject ? <div className="muted small">{row.project.name}</div> : null}
    </>
  );
}

/** Needs review (with the count of open events), reviewed, or never flagged. */
export function ReviewStatus({ row }: { row: ReviewRow }) {
  if (row.needsReview || row.unreviewedEvents > 0) {
    return <span className="status-pill pending">Needs review{row.unreviewedEvents ? ` (${row.unreviewedEvents})` : ""}</span>;
  }
  return row.events > 0 ? <span className="status-pill done">Reviewed</span> : <span className="muted">Not flagged</span>;
}

export function Time({ at }: { at: Date }) {
  return <time dateTime={at.toISOString()}>{formatTime(at)}</time>;
}
