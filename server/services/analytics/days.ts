/**
 * Splitting a start-date range into whole UTC days and the parts of days at its edges: roll-ups
 * kept per UTC day answer the whole days, and per-session rows the edges, so a range that does
 * not start or end at midnight UTC is still counted exactly. The analytics page's ranges are
 * whole days, so it has no edges.
 */

const DAY_MS = 86_400_000;

/** A half-open range of instants; a missing end is unbounded. */
export interface InstantRange {
  from?: Date;
  to?: Date;
}

export interface DaySplit {
  /** Whole UTC days, as YYYY-MM-DD: from `first` (inclusive) to `end` (exclusive); missing ends are unbounded. */
  days: { first?: string; end?: string } | null;
  /** The parts of days in the range outside `days`: at most two, none when the range starts and ends at midnight. */
  edges: InstantRange[];
}

function floorDay(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / DAY_MS) * DAY_MS);
}

function ceilDay(instant: Date): Date {
  return new Date(Math.ceil(instant.getTime() / DAY_MS) * DAY_MS);
}

const dayOf = (midnight: Date) => midnight.toISOString().slice(0, 10);

export function splitByUtcDay({ from, to }: InstantRange): DaySplit {
  const first = from ? ceilDay(from) : undefined;
  const end = to ? floorDay(to) : undefined;
  // Less than a whole day between the edges (or an empty range): no day is whole.
  if (from && to && first && end && first.getTime() >= end.getTime()) {
    return { days: null, edges: from.getTime() < to.getTime() ? [{ from, to }] : [] };
  }
  const edges: InstantRange[] = [];
  if (from && first && from.getTime() < first.getTime()) edges.push({ from, to: first });
  if (to && end && end.getTime() < to.getTime()) edges.push({ from: end, to });
  return { days: { ...(first ? { first: dayOf(first) } : {}), ...(end ? { end: dayOf(end) } : {}) }, edges };
}
