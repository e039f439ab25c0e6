"use client";

import { useId, useState } from "react";
import { formatTime } from "@/components/review/format";
import { DiffView, type DiffSide } from "./diff-view";
import type { VersionSummary } from "./types";

interface VersionsPanelProps {
  projectId: string;
  scriptId: string;
  versions: readonly VersionSummary[];
  /** The stored draft differs from the latest version. */
  unpublishedChanges: boolean;
  /** Why publishing is not possible now, or null. */
  publishBlocked: string | null;
  canEdit: boolean;
  onPublish(): void;
  onRollback(version: VersionSummary): void;
}

/** Publishing, the version history, a diff between any two versions (or one and the draft), and rollback. */
export function VersionsPanel({ projectId, scriptId, versions, unpublishedChanges, publishBlocked, canEdit, onPublish, onRollback }: VersionsPanelProps) {
  const latest = versions[0]?.number ?? null;
  const [fromChoice, setFrom] = useState<number | null>(null);
  const [toChoice, setTo] = useState<DiffSide | null>(null);
  const fromId = useId();
  const toId = useId();
  const reasonId = useId();

  // Defaults follow new versions: the previous version against the draft, or the last two.
  const from = fromChoice ?? (latest !== null ? (unpublishedChanges ? latest : Math.max(1, latest - 1)) : null);
  const to: DiffSide = toChoice ?? (unpublishedChanges || latest === null || latest === 1 ? "draft" : latest);

  return (
    <div className="versions">
      <section className="publish-box" aria-label="Publish">
        <div>
          <p className="publish-state">
            {latest === null ? "Not published yet." : `Latest version: v${latest}.`}{" "}
            {latest !== null ? (unpublishedChanges ? "The saved draft has changes since then." : "The saved draft is the same.") : null}
          </p>
          {publishBlocked ? (
            <p id={reasonId} className="small publish-blocked" data-testid="publish-blocked">
              {publishBlocked}
            </p>
          ) : (
            <p className="muted small">Clients starting a conversation get the latest version; running conversations stay on theirs.</p>
          )}
        </div>
        {canEdit ? (
          <button type="button" className="btn btn-primary" onClick={onPublish} disabled={Boolean(publishBlocked)} aria-describedby={publishBlocked ? reasonId : undefined}>
            Publish…
          </button>
        ) : null}
      </section>

      <h3>History</h3>
      {versions.length ? (
        <ol className="version-list" aria-label="Versions, newest first" data-testid="version-list">
          {versions.map((version) => (
            <li key={version.id} className="version-item" data-version={version.number}>
              <div className="version-main">
                <strong>v{version.number}</strong>
                {version.number === latest ? <span className="badge badge-active">Live</span> : null}
                <span className="version-note">{version.note || <span className="muted">No note</span>}</span>
              </div>
              <div className="version-meta small muted">
                <time dateTime={new Date(version.createdAt).toISOString()}>{formatTime(version.createdAt)}</time>
                {version.authorEmail ? ` · ${version.authorEmail}` : ""}
              </div>
              <div className="version-actions">
                <button
                  type="button"
                  className="btn btn-small btn-quiet"
                  onClick={() => {
                    setFrom(version.number);
                    setTo("draft");
                  }}
                  aria-label={`Compare version ${version.number} with the draft`}
                >
                  Compare with draft
                </button>
                {canEdit && version.number !== latest ? (
                  <button type="button" className="btn btn-small btn-quiet" onClick={() => onRollback(version)} aria-label={`Roll back to version ${version.number}`}>
                    Roll back to v{version.number}…
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">No versions yet. Publishing creates version 1.</p>
      )}

      {from !== null ? (
        <section aria-label="Compare versions" className="diff-section">
          <h3>Compare</h3>
          <div className="diff-controls">
            <div className="field">
              <label htmlFor={fromId}>From</label>
              <select id={fromId} value={from} onChange={(event) => setFrom(Number(event.target.value))}>
                {versions.map((v) => (
                  <option key={v.id} value={v.number}>
                    v{v.number}
                  </option>
                ))}
              </select>
            </div>
            <span aria-hidden="true" className="diff-arrow">
              →
            </span>
            <div className="field">
              <label htmlFor={toId}>To</label>
              <select id={toId} value={String(to)} onChange={(event) => setTo(event.target.value === "draft" ? "draft" : Number(event.target.value))}>
                <option value="draft">Saved draft</option>
                {versions.map((v) => (
                  <option key={v.id} value={v.number}>
                    v{v.number}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <DiffView projectId={projectId} scriptId={scriptId} from={from} to={to} />
        </section>
      ) : null}
    </div>
  );
}
