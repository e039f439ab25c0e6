/**
 * Standard instruments (PHQ-9, GAD-7, PHQ-2, GAD-2) for the `assess` action: fixed wording in
 * English and Simplified Chinese, deterministic answer interpretation, scoring and rendering.
 * Pure: no I/O, no clock, no randomness.
 */
export { ANSWER_OPTIONS, INSTRUMENT_IDS, getInstrument, isInstrumentId, type BandId, type InstrumentId, type Localised } from "./instruments";
export { interpretAnswer } from "./interpret";
export { scoreInstrument } from "./score";
export { classifyChange, reliableChangeThreshold, type Change, type ChangeVerdict } from "./change";
export { renderItemQuestion } from "./render";
