/**
 * A client's scores per instrument, from the stored `<prefix>_items` answers: each
 * administration's total, band and completeness, the PHQ-9 self-harm item, and the change from the
 * baseline with its reliable-change verdict. Pure: no I/O and no clock, so the figures a counsellor
 * sees are tested here on hand-computed answers.
 *
 * Rules:
 * - The baseline is the client's first complete administration of the instrument; the summary
 *   compares the latest complete one with it. An administration with skipped items has a total
 *   that is only a lower bound (skipped items count 0, as the engine scores them), so it is shown
 *   but neither starts nor ends a comparison.
 * - An administration whose every item was skipped carries no score and is only counted.
 * - A stored value that is not a list of the instrument's item answers (0–3 or null) is counted as
 *   unreadable rather than guessed at.
 */
import {
  classifyChange,
  getInstrument,
  INSTRUMENT_IDS,
  isInstrumentId,
  reliableChangeThreshold,
  scoreInstrument,
  type BandId,
  type Change,
  type InstrumentId,
  type Localised,
} from "../../engine/instruments";

/** One stored administration, as read from the database. */
export interface StoredAdministration {
  /** The id of the `<prefix>_items` variable row. */
  id: string;
  sessionId: string;
  /** The instrument named by the assess action that wrote it. */
  instrument: string;
  /** The stored `<prefix>_items` value. */
  items: unknown;
  recordedAt: Date;
}

export interface ScorePoint {
  id: string;
  sessionId: string;
  recordedAt: Date;
  total: number;
  band: BandId;
  bandLabel: Localised;
  /** Every item answered. When false, `total` and `band` are lower bounds. */
  complete: boolean;
  /** Items the client skipped. */
  skippedItems: number;
  /** The PHQ-9 self-harm item's answer when above 0, else null. */
  selfHarmItem: number | null;
  /** The client skipped the PHQ-9 self-harm item. */
  selfHarmSkipped: boolean;
  /** Change from the baseline, for complete administrations after it; null otherwise. */
  change: Change | null;
}

export interface InstrumentOutcome {
  instrument: InstrumentId;
  name: Localised;
  /** The highest possible total. */
  maxTotal: number;
  bands: { id: BandId; label: Localised; min: number; max: number }[];
  /** Points of change that count as reliable, or null when none is defined for the instrument. */
  reliableChangeThreshold: number | null;
  /** Oldest first. */
  points: ScorePoint[];
  /** The first complete administration. */
  baseline: ScorePoint | null;
  /** The latest complete administration. */
  latest: ScorePoint | null;
  /** `latest` against `baseline`, when they are two different administrations. */
  change: Change | null;
  /** Administrations with the self-harm item above 0. */
  selfHarmFlags: number;
  /** Administrations where the client skipped every item (no score). */
  allSkipped: number;
}

export interface Outcomes {
  /** In the order PHQ-9, GAD-7, PHQ-2, GAD-2; only instruments the client has answered. */
  instruments: InstrumentOutcome[];
  /** Stored values that could not be read as item answers. */
  unreadable: number;
}

/** The item answers, or null when the value is not one answer (0–3 or null) per item. */
export function readItemAnswers(instrument: InstrumentId, value: unknown): (number | null)[] | null {
  if (!Array.isArray(value) || value.length !== getInstrument(instrument).items.length) return null;
  const answers: (number | null)[] = [];
  for (const answer of value as unknown[]) {
    if (answer === null) answers.push(null);
    else if (typeof answer === "number" && Number.isInteger(answer) && answer >= 0 && answer <= 3) answers.push(answer);
    else return null;
  }
  return answers;
}

function toPoint(instrument: InstrumentId, stored: StoredAdministration, answers: readonly (number | null)[]): ScorePoint {
  const score = scoreInstrument(instrument, answers.map((answer) => answer ?? 0));
  const selfHarmIndex = getInstrument(instrument).selfHarmItemIndex;
  const selfHarm = selfHarmIndex === undefined ? null : (answers[selfHarmIndex] ?? null);
  const selfHarmSkipped = selfHarmIndex !== undefined && answers[selfHarmIndex] === null;
  const skippedItems = answers.filter((answer) => answer === null).length;
  return {
    id: stored.id,
    sessionId: stored.sessionId,
    recordedAt: stored.recordedAt,
    total: score.total,
    band: score.band,
    bandLabel: score.bandLabel,
    complete: skippedItems === 0,
    skippedItems,
    selfHarmItem: selfHarm !== null && selfHarm > 0 ? selfHarm : null,
    selfHarmSkipped,
    change: null,
  };
}

function byTime(a: StoredAdministration, b: StoredAdministration): number {
  return a.recordedAt.getTime() - b.recordedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Builds each instrument's trajectory from the client's stored administrations (any order). */
export function buildOutcomes(administrations: readonly StoredAdministration[]): Outcomes {
  let unreadable = 0;
  const perInstrument = new Map<InstrumentId, { points: ScorePoint[]; allSkipped: number }>();
  for (const stored of [...administrations].sort(byTime)) {
    const instrument = stored.instrument;
    const answers = isInstrumentId(instrument) ? readItemAnswers(instrument, stored.items) : null;
    if (!isInstrumentId(instrument) || answers === null) {
      unreadable++;
      continue;
    }
    const entry = perInstrument.get(instrument) ?? { points: [], allSkipped: 0 };
    perInstrument.set(instrument, entry);
    if (answers.every((answer) => answer === null)) entry.allSkipped++;
    else entry.points.push(toPoint(instrument, stored, answers));
  }

  const instruments: InstrumentOutcome[] = [];
  for (const instrument of INSTRUMENT_IDS) {
    const entry = perInstrument.get(instrument);
    if (!entry) continue;
    const definition = getInstrument(instrument);
    const complete = entry.points.filter((point) => point.complete);
    const baseline = complete[0] ?? null;
    const latest = complete.at(-1) ?? null;
    if (baseline) {
      for (const point of complete.slice(1)) point.change = classifyChange(instrument, baseline.total, point.total);
    }
    instruments.push({
      instrument,
      name: definition.name,
      maxTotal: definition.items.length * 3,
      bands: definition.bands.map((band) => ({ id: band.id, label: band.label, min: band.min, max: band.max })),
      reliableChangeThreshold: reliableChangeThreshold(instrument),
      points: entry.points,
      baseline,
      latest,
      change: latest && latest !== baseline ? latest.change : null,
      selfHarmFlags: entry.points.filter((point) => point.selfHarmItem !== null).length,
      allSkipped: entry.allSkipped,
    });
  }
  return { instruments, unreadable };
}
