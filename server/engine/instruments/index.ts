/**
 * Standard instruments (PHQ-9, GAD-7, PHQ-2, GAD-2) for the `assess` action: fixed wording in
 * English and Simplified Chinese, deterministic answer interpretation, scoring and rendering.
 * Pure: no I/O, no clock, no randomness.
 */
export {
  ANSWER_OPTIONS,
  INSTRUMENT_IDS,
  INSTRUMENTS,
  getInstrument,
  getItem,
  isInstrumentId,
  type AnswerOption,
  type AnswerScore,
  type Band,
  type BandId,
  type Instrument,
  type InstrumentId,
  type Lang,
  type Localised,
} from "./instruments";
export { interpretAnswer, ANSWER_TABLES, type AnswerPhrase, type InterpretResult } from "./interpret";
export { scoreInstrument, type InstrumentScore } from "./score";
export { classifyChange, reliableChangeThreshold, type Change, type ChangeVerdict } from "./change";
export { renderItemQuestion, renderOptions, renderReask } from "./render";
