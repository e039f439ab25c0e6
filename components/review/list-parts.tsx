/** Pieces the review lists share: filter fields, the result count, and paging. Server components. */
import Link from "next/link";
import { riskLabel } from "./risk-badge";
import { RISK_LEVELS } from "@/server/engine/safety/risk-types";

interface Named {
  id: string;
  name: string;
}

export function RiskFilter({ selected }: { selected: string | undefined }) {
  return (
    <div className="field">
      <label htmlFor="filter-risk">Risk level</label>
      <select id="filter-risk" name="risk" defaultValue={selected ?? ""}>
        <option value="">Any</option>
        {[...RISK_LEVELS].reverse().map((level) => (
          <option key={level} value={level}>
            {riskLabel(level)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ScriptFilter({ scripts, projects, selected }: { scripts: (Named & { project: Named })[]; projects: Named[]; selected: string | undefined }) {
  return (
    <div className="field">
      <label htmlFor="filter-script">Script</label>
      <select id="filter-script" name="script" defaultValue={selected ?? ""}>
        <option value="">Any</option>
        {scripts.map((script) => (
          <option key={script.id} value={script.id}>
            {script.name}
            {projects.length > 1 ? ` — ${script.project.name}` : ""}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Only shown when the counsellor can access more than one project. */
export function ProjectFilter({ projects, selected }: { projects: Named[]; selected: string | undefined }) {
  if (projects.length <= 1) return null;
  return (
    <div className="field">
      <label htmlFor="filter-project">Project</label>
      <select id="filter-project" name="project" defaultValue={selected ?? ""}>
        <option value="">Any</option>
        {projects.map((project) => (
          <option key={project.id} value={project.id}>
            {project.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterActions({ clearHref }: { clearHref: string }) {
  return (
    <div className="filter-actions">
      <button type="submit" className="button primary">
        Apply filters
      </button>
      <Link href={clearHref} className="button">
        Clear
      </Link>
    </div>
  );
}

export function ResultCount({ total, first, last }: { total: number; first: number; last: number }) {
  return (
    <p aria-live="polite" data-testid="review-count">
      {total === 0 ? "No sessions match." : `Showing ${first}–${last} of ${total} session${total === 1 ? "" : "s"}.`}
    </p>
  );
}

export function Pager(props: { page: number; pages: number; hrefFor: (page: number) => string; previousLabel: string; nextLabel: string }) {
  const { page, pages, hrefFor } = props;
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? <Link href={hrefFor(page - 1)}>{props.previousLabel}</Link> : <span />}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link href={hrefFor(page + 1)}>{props.nextLabel}</Link> : <span />}
    </nav>
  );
}
