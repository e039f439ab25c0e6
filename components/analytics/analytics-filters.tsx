/** The analytics filters: a plain GET form, so the page works and can be bookmarked without script. */
import Link from "next/link";
import type { AnalyticsScriptOption } from "@/server/services/analytics/report";
import type { AnalyticsParams } from "./params";

function VersionOptions({ scripts }: { scripts: readonly AnalyticsScriptOption[] }) {
  return scripts.map((script) => (
    <optgroup key={script.id} label={`${script.path}${script.deleted ? " (deleted)" : ""}`}>
      {script.versions.map((version) => (
        <option key={version.id} value={version.id}>
          {script.scriptKey} v{version.number}
        </option>
      ))}
    </optgroup>
  ));
}

export function AnalyticsFilters({ action, scripts, selected, error }: { action: string; scripts: readonly AnalyticsScriptOption[]; selected: AnalyticsParams; error: string | null }) {
  return (
    <form className="card review-filters analytics-filters" method="get" action={action} aria-label="Filter analytics" aria-describedby={error ? "analytics-filter-error" : undefined}>
      <div className="field">
        <label htmlFor="analytics-script">Script</label>
        <select id="analytics-script" name="script" defaultValue={selected.scriptId ?? ""}>
          <option value="">All session scripts</option>
          {scripts.map((script) => (
            <option key={script.id} value={script.id}>
              {script.path}
              {script.deleted ? " (deleted)" : ""}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="analytics-version">Version</label>
        <select id="analytics-version" name="version" defaultValue={selected.versionId ?? ""}>
          <option value="">All versions</option>
          <VersionOptions scripts={scripts} />
        </select>
      </div>
      <div className="field">
        <label htmlFor="analytics-compare">Compare with</label>
        <select id="analytics-compare" name="compare" defaultValue={selected.compareVersionId ?? ""}>
          <option value="">No comparison</option>
          <VersionOptions scripts={scripts} />
        </select>
      </div>
      <div className="field narrow">
        <label htmlFor="analytics-from">Started from</label>
        <input id="analytics-from" name="from" type="date" defaultValue={selected.from ?? ""} />
      </div>
      <div className="field narrow">
        <label htmlFor="analytics-to">Started until</label>
        <input id="analytics-to" name="to" type="date" defaultValue={selected.to ?? ""} />
      </div>
      <div className="filter-actions">
        <button type="submit" className="button primary">
          Apply filters
        </button>
        <Link href={action} className="button">
          Clear
        </Link>
      </div>
      {error ? (
        <p id="analytics-filter-error" role="alert" className="analytics-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
