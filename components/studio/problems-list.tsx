"use client";

import { useId, useState } from "react";
import type { Diagnostic } from "./types";

const SEVERITY_LABEL = { error: "Error", warning: "Warning", hint: "Hint" } as const;
const SEVERITY_ICON = { error: "✕", warning: "!", hint: "i" } as const;

function count(diagnostics: readonly Diagnostic[], severity: Diagnostic["severity"]): number {
  return diagnostics.filter((d) => d.severity === severity).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** One line for the problems' heading: "2 errors, 1 warning" or "No problems". */
export function problemSummary(diagnostics: readonly Diagnostic[]): string {
  const parts = [
    count(diagnostics, "error") ? plural(count(diagnostics, "error"), "error") : "",
    count(diagnostics, "warning") ? plural(count(diagnostics, "warning"), "warning") : "",
    count(diagnostics, "hint") ? plural(count(diagnostics, "hint"), "hint") : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "No problems";
}

interface ProblemsListProps {
  diagnostics: readonly Diagnostic[];
  /** The analysis is running for newer text. */
  pending: boolean;
  error: string | null;
  generation: number;
  onSelect(diagnostic: Diagnostic): void;
}

/** The server's diagnostics in file order; choosing one moves the editor's cursor there. */
export function ProblemsList({ diagnostics, pending, error, generation, onSelect }: ProblemsListProps) {
  const headingId = useId();
  const [collapsed, setCollapsed] = useState(false);
  const errors = count(diagnostics, "error");
  return (
    <section className={`problems${collapsed ? " collapsed" : ""}`} aria-labelledby={headingId} data-testid="problems" data-generation={generation}>
      <div className="problems-head">
        <h2 id={headingId}>
          <button type="button" className="problems-toggle" aria-expanded={!collapsed} onClick={() => setCollapsed((c) => !c)}>
            <span aria-hidden="true">{collapsed ? "▸" : "▾"}</span> Problems
          </button>
        </h2>
        <span className={`problems-summary${errors ? " has-errors" : ""}`} aria-live="polite" data-testid="problems-summary">
          {problemSummary(diagnostics)}
        </span>
        <span className="muted small" aria-hidden={!pending}>
          {pending ? "Checking…" : ""}
        </span>
      </div>
      {error ? (
        <p className="form-error small" role="alert">
          Could not check the script: {error}
        </p>
      ) : null}
      {!collapsed ? (
        diagnostics.length ? (
          <ul className="problem-list">
            {diagnostics.map((d, index) => (
              <li key={`${d.line}:${d.column}:${d.code}:${index}`}>
                <button
                  type="button"
                  className={`problem problem-${d.severity}`}
                  onClick={() => onSelect(d)}
                  data-line={d.line}
                  aria-label={`${SEVERITY_LABEL[d.severity]} on line ${d.line}, column ${d.column}: ${d.message} (${d.code}). Go to the line.`}
                >
                  <span className={`severity-icon severity-${d.severity}`} aria-hidden="true">
                    {SEVERITY_ICON[d.severity]}
                  </span>
                  <span className="problem-message">{d.message}</span>
                  <code className="problem-code">{d.code}</code>
                  <span className="problem-where">
                    Line {d.line}, column {d.column}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small problems-empty">No problems found.</p>
        )
      ) : null}
    </section>
  );
}
