/** The script condition language: parse once, evaluate many times. Safe: nothing is ever eval'd. */
export type { ConditionNode } from "./ast";
export { parseCondition } from "./parse";
export { evaluateCondition } from "./evaluate";
export { constantTruth } from "./analyse";
