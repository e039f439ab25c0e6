/** Totals, severity bands and the self-harm flag for a (possibly partial) set of item answers. */
import { type BandId, getInstrument, type InstrumentId, type Localised } from "./instruments";

export interface InstrumentScore {
  /** Sum of the answered items. */
  total: number;
  /**
   * Band of `total`. When `complete` is false this is the band of the items answered so far, a
   * lower bound on the real band: store or act on it only with that in mind.
   */
  band: BandId;
  bandLabel: Localised;
  /** Every item has an answer. */
  complete: boolean;
  flags: {
    /**
     * PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered above 0: its
     * score (1–3). Set whatever the total, because a single positive answer to this item needs a
     * safety response even when the overall score is low.
     */
    selfHarmItem?: number;
  };
}

/**
 * Scores answers given in item order (`itemScores[i]` answers item i; fewer than the item count
 * means the later items are unanswered). Throws on a value that is not an integer 0–3 or on more
 * answers than items: a wrong total would be worse than a loud failure.
 */
export function scoreInstrument(instrument: InstrumentId, itemScores: readonly number[]): InstrumentScore {
  const definition = getInstrument(instrument);
  if (itemScores.length > definition.items.length) {
    throw new RangeError(`${instrument} has ${definition.items.length} items, got ${itemScores.length} answers`);
  }
  itemScores.forEach((score, index) => {
    if (!Number.isInteger(score) || score < 0 || score > 3) {
      throw new RangeError(`${instrument} item ${index + 1}: answer must be an integer 0–3, got ${score}`);
    }
  });

  const total = itemScores.reduce((sum, score) => sum + score, 0);
  const band = definition.bands.find((candidate) => total >= candidate.min && total <= candidate.max);
  if (band === undefined) throw new Error(`${instrument}: no band for total ${total}`); // unreachable: bands cover 0..max

  const flags: InstrumentScore["flags"] = {};
  const selfHarmIndex = definition.selfHarmItemIndex;
  if (selfHarmIndex !== undefined) {
    const selfHarm = itemScores[selfHarmIndex];
    if (selfHarm !== undefined && selfHarm > 0) flags.selfHarmItem = selfHarm;
  }

  return {
    total,
    band: band.id,
    bandLabel: band.label,
    complete: itemScores.length === definition.items.length,
    flags,
  };
}
