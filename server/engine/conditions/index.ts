/** The script condition language: parse once, evaluate many times. Safe: nothing is ever eval'd. */
export type { CompareOperator, ConditionLiteral, ConditionNode, ConditionParseResult, VariableReference } from "./ast";
export { parseCondition } from "./parse";
export { evaluateCondition, isTruthy, type VariableLookup } from "./evaluate";
export { constantTruth } from "./analyse";
