"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "./errors";
import { parseUnifiedDiff } from "./unified-diff";

/** A version number, or the saved draft. */
export type DiffSide = number | "draft";

/** The differences between a version and another version or the saved draft, as a table with line numbers. */
export function DiffView({ projectId, scriptId, from, to, testId = "diff" }: { projectId: string; scriptId: string; from: number; to: DiffSide; testId?: string }) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.studioFiles.diff.queryOptions({ projectId, scriptId, from, to }, { staleTime: to === "draft" ? 0 : Infinity }));
  const label = `v${from} → ${to === "draft" ? "saved draft" : `v${to}`}`;
  if (diff.isPending) return <p className="muted small">Comparing {label}…</p>;
  if (diff.error) {
    return (
      <p className="form-error small" role="alert">
        Could not compare {label}: {errorMessage(diff.error)}
      </p>
    );
  }
  const rows = parseUnifiedDiff(diff.data.unified);
  return (
    <div className="diff-view" data-testid={testId}>
      <p className="diff-stats small" aria-live="polite">
        {label}:{" "}
        {rows.length ? (
          <>
            <span className="diff-added">+{diff.data.stats.added}</span> <span className="diff-removed">−{diff.data.stats.removed}</span> lines
          </>
        ) : (
          "no differences"
        )}
      </p>
      {rows.length ? (
        <div className="diff-scroll" tabIndex={0} role="region" aria-label={`Differences ${label}`}>
          <table className="diff-table">
            <caption className="visually-hidden">Unified diff {label}: removed lines start with −, added lines with +</caption>
            <tbody>
              {rows.map((row, index) =>
                row.kind === "file" || row.kind === "hunk" || row.kind === "note" ? (
                  <tr key={index} className={`diff-${row.kind}`}>
                    <td colSpan={4}>{row.text}</td>
                  </tr>
                ) : (
                  <tr key={index} className={`diff-${row.kind}`}>
                    <td className="diff-num">{row.oldLine ?? ""}</td>
                    <td className="diff-num">{row.newLine ?? ""}</td>
                    <td className="diff-sign">{row.kind === "add" ? "+" : row.kind === "remove" ? "−" : ""}</td>
                    <td className="diff-text">{row.text}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
