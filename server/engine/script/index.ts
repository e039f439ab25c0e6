/**
 * The script language: YAML text → a checked, compiled script, or a precise list of problems.
 * See /docs/script-format.md (sections 1–5 and 8).
 */
export { compileScript, validateScript, type CompileOptions, type CompileResult } from "./compile";
export { scriptJsonSchema } from "./json-schema";
export { DIAGNOSTIC_CODES, formatDiagnostic, hasErrors, type Diagnostic, type DiagnosticCode, type Severity } from "./diagnostics";
export type * from "./compiled";
export { COMPILED_FORMAT_VERSION } from "./compiled";
export * from "./limits";
export { findPlaceholders, renderTemplate, formatValue, isEmptyValue, type Placeholder } from "./placeholders";
export { renderReadable, NEUTRAL_PHRASE, type TextLanguage } from "./render-value";
export { isVariableName, normaliseName, VARIABLE_NAME_PATTERN } from "./names";
export { BUILTIN_VARIABLES, DISCLOSURE_VARIABLES } from "./semantic";
export type { SourceRange } from "./source-map";
export { ACTION_TYPES, INSTRUMENTS, VARIABLE_TYPES, type ActionType, type Instrument } from "./schema";
export {
  constantTruth,
  evaluateCondition,
  isTruthy,
  parseCondition,
  type ConditionNode,
  type ConditionParseResult,
  type VariableLookup,
} from "../conditions";
export { peekTechniqueId } from "./peek";
