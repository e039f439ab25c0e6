/**
 * The rows behind a chart: shown as the chart's table (its text alternative for screen readers
 * and for anyone who wants the numbers) and downloaded as the chart's CSV.
 */
import { toCsv } from "@/server/services/review/csv";

export type ChartCell = string | number | null;

export interface ChartColumn {
  key: string;
  label: string;
  /** Numbers are right-aligned and formatted with this many decimals (default: as stored). */
  decimals?: number;
}

export interface ChartTable {
  columns: readonly ChartColumn[];
  rows: readonly Readonly<Record<string, ChartCell>>[];
}

/** A cell as the table shows it ("—" for no value). */
export function formatCell(value: ChartCell | undefined, column: ChartColumn): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number" && column.decimals !== undefined) return value.toFixed(column.decimals);
  return String(value);
}

/** The table as CSV, the values as stored (not rounded for display). */
export function chartTableCsv(table: ChartTable): string {
  return toCsv(
    table.columns.map((c) => c.label),
    table.rows.map((row) => table.columns.map((c) => row[c.key] ?? null)),
  );
}
