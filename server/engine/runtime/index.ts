/** The engine runtime: start/turn over compiled session scripts. See script-format.md §3–7, §9. */
export { start, turn, initialState } from "./engine";
export { collect } from "./collect";
export * from "./types";
export { coerceBoolean, coerceEnum } from "./coerce";
export { engineVariable, isEngineVariable } from "./variables";
export { PROTOCOL_ACTION_ID } from "./safety-gate";
export { pendingQuickReplies } from "./quick-replies";
