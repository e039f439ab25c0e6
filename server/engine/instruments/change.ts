/**
 * Reliable change between two totals of the same instrument: whether a change is larger than the
 * instrument's measurement error, so a counsellor can tell real improvement or deterioration
 * from noise. Lower totals are better on every instrument here.
 *
 * The thresholds are the reliable change index values commonly used in IAPT / NHS Talking
 * Therapies guidance (the programme's manual and its outcome measures): a change of 6 or more
 * points on the PHQ-9, and of 4 or more points on the GAD-7, counts as reliable. They are stated
 * here as those commonly used values, not derived anew. The two-item screens (PHQ-2, GAD-2) are
 * screens, not outcome measures: no reliable change is defined for them, so their change is
 * reported but never judged.
 */
import type { InstrumentId } from "./instruments";

/** Points of change, either way, that count as reliable; absent where none is defined. */
const RELIABLE_CHANGE_POINTS: Readonly<Partial<Record<InstrumentId, number>>> = Object.freeze({
  phq9: 6,
  gad7: 4,
});

export type ChangeVerdict = "reliable_improvement" | "reliable_deterioration" | "no_reliable_change" | "not_defined";

export interface Change {
  /** `later - baseline`: negative is fewer symptoms. */
  points: number;
  verdict: ChangeVerdict;
  /** The threshold applied, or null when the instrument has none. */
  threshold: number | null;
}

/** The instrument's reliable change threshold, or null when none is defined for it. */
export function reliableChangeThreshold(instrument: InstrumentId): number | null {
  return RELIABLE_CHANGE_POINTS[instrument] ?? null;
}

/**
 * The change from `baseline` to `later` and whether it is reliable. Throws on totals that are not
 * whole non-negative numbers: a wrong verdict would be worse than a loud failure.
 */
export function classifyChange(instrument: InstrumentId, baseline: number, later: number): Change {
  for (const [name, value] of [["baseline", baseline], ["later", later]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${instrument} ${name} total must be a whole number ≥ 0, got ${value}`);
  }
  const points = later - baseline;
  const threshold = reliableChangeThreshold(instrument);
  if (threshold === null) return { points, verdict: "not_defined", threshold };
  const verdict: ChangeVerdict = points <= -threshold ? "reliable_improvement" : points >= threshold ? "reliable_deterioration" : "no_reliable_change";
  return { points, verdict, threshold };
}
