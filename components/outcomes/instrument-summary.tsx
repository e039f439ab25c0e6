import type { InstrumentOutcome } from "@/server/services/outcomes/trajectory";
import { formatChange, formatDay, VERDICT_LABEL } from "./labels";

/** The figures a counsellor reads first: the latest band, the change since the first score, and whether it is reliable. */
export function InstrumentSummary({ outcome }: { outcome: InstrumentOutcome }) {
  const { latest, baseline, change } = outcome;
  const name = outcome.name.en;
  const hasSelfHarmItem = outcome.instrument === "phq9";
  return (
    <dl className="status-grid outcome-summary" data-testid={`${outcome.instrument}-summary`}>
      <div>
        <dt>Latest score</dt>
        <dd data-testid={`${outcome.instrument}-latest`}>
          {latest ? (
            <>
              {latest.total} · {latest.bandLabel.en}
              <div className="muted small">{formatDay(latest.recordedAt)}</div>
            </>
          ) : (
            "No complete score yet"
          )}
        </dd>
      </div>
      <div>
        <dt>Change since first score</dt>
        <dd data-testid={`${outcome.instrument}-change`}>
          {change && baseline && latest ? (
            <>
              {formatChange(change.points)}
              <div className="muted small">
                from {baseline.total} on {formatDay(baseline.recordedAt)}
              </div>
            </>
          ) : (
            <span className="muted">Needs two complete scores</span>
          )}
        </dd>
      </div>
      <div>
        <dt>Reliable change</dt>
        <dd data-testid={`${outcome.instrument}-verdict`} data-verdict={change?.verdict ?? "none"}>
          {change ? <span className={`verdict verdict-${change.verdict}`}>{VERDICT_LABEL[change.verdict]}</span> : <span className="muted">—</span>}
          <div className="muted small">
            {outcome.reliableChangeThreshold === null ? `${name} is a screen: no reliable change value` : `${outcome.reliableChangeThreshold} points or more either way`}
          </div>
        </dd>
      </div>
      {hasSelfHarmItem ? (
        <div>
          <dt>Item 9 (self-harm thoughts)</dt>
          <dd data-testid="phq9-item9">
            {outcome.selfHarmFlags ? (
              <span className="verdict verdict-reliable_deterioration">
                Above 0 in {outcome.selfHarmFlags} of {outcome.points.length}
              </span>
            ) : (
              `0 in all ${outcome.points.length}`
            )}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
