/** Words for outcome figures on counsellor pages: never a colour or a sign alone. */
import type { ChangeVerdict } from "@/server/engine/instruments";

export const VERDICT_LABEL: Readonly<Record<ChangeVerdict, string>> = {
  reliable_improvement: "Reliable improvement",
  reliable_deterioration: "Reliable deterioration",
  no_reliable_change: "No reliable change",
  not_defined: "Not judged (no reliable change value for this screen)",
};

/** A change in points with a real minus sign: "−13 points", "+4 points", "no change". */
export function formatChange(points: number): string {
  if (points === 0) return "no change";
  const size = Math.abs(points);
  return `${points < 0 ? "−" : "+"}${size} point${size === 1 ? "" : "s"}`;
}

/** Dates of scores: unambiguous UTC days, the same on the server and in the browser. */
export function formatDay(date: Date | string): string {
  const d = typeof date === "string" ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? "—" : d.toISOString().slice(0, 10);
}
