/** Collects diagnostics, turning canonical paths into source positions. */
import { type Diagnostic, type DiagnosticCode, severityOf, sortDiagnostics } from "./diagnostics";
import { MAX_DIAGNOSTICS } from "./limits";
import type { SourceMap, Span } from "./source-map";

export class Reporter {
  private readonly diagnostics: Diagnostic[] = [];

  constructor(readonly map: SourceMap) {}

  /** Reports at an explicit span. */
  at(code: DiagnosticCode, path: string, span: Span, message: string): void {
    this.diagnostics.push({ severity: severityOf(code), code, message, path, ...this.map.range(span) });
  }

  /** Reports on the value at `path` (or, when it is absent, the nearest thing that exists). */
  value(code: DiagnosticCode, path: string, message: string): void {
    this.at(code, path, this.map.valueSpan(path), message);
  }

  /** Reports on the key that holds `path`. */
  key(code: DiagnosticCode, path: string, message: string): void {
    this.at(code, path, this.map.keySpan(path), message);
  }

  /** Reports on the first line of a construct (a phase, an action). */
  head(code: DiagnosticCode, path: string, message: string): void {
    this.at(code, path, this.map.headSpan(path), message);
  }

  has(code: DiagnosticCode): boolean {
    return this.diagnostics.some((d) => d.code === code);
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }

  /** All diagnostics in file order, capped at MAX_DIAGNOSTICS (errors kept first when capping). */
  result(): Diagnostic[] {
    const unique = dedupe(this.diagnostics);
    if (unique.length <= MAX_DIAGNOSTICS) return sortDiagnostics(unique);
    const rank = { error: 0, warning: 1, hint: 2 } as const;
    const kept = [...unique].sort((a, b) => rank[a.severity] - rank[b.severity]).slice(0, MAX_DIAGNOSTICS);
    const last = sortDiagnostics(kept).at(-1);
    const more: Diagnostic = {
      severity: "warning",
      code: "too-many-problems",
      message: `${unique.length - MAX_DIAGNOSTICS} more problems are not listed (at most ${MAX_DIAGNOSTICS} are reported). Fix the ones above and validate again.`,
      path: "",
      line: last?.endLine ?? 1,
      column: last?.endColumn ?? 1,
      endLine: last?.endLine ?? 1,
      endColumn: last?.endColumn ?? 1,
    };
    return [...sortDiagnostics(kept), more];
  }
}

/** The same problem found twice (e.g. through an alias) is reported once. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.line}|${d.column}|${d.endLine}|${d.endColumn}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
