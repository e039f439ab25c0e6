/** The engine runtime: start/turn over compiled session scripts. See script-format.md §3–7, §9. */
export { start, turn, initialState, assertCompatible } from "./engine";
export { collect } from "./collect";
export * from "./types";
export { MEMORY_RECENT_MAX_CHARS, MEMORY_RECENT_MAX_ENTRIES, MEMORY_SUMMARY_MAX_CHARS } from "./memory";
export { MAX_SKILL_DEPTH } from "./actions/use-skill";
export { MAX_UNCLEAR_ANSWERS } from "./actions/assess";
export { coerceToField, coerceBoolean, coerceNumber, coerceEnum } from "./coerce";
export { engineVariable, isEngineVariable } from "./variables";
export { PROTOCOL_ACTION_ID } from "./safety-gate";
export { pendingQuickReplies } from "./quick-replies";
