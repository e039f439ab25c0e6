/**
 * The script language: YAML text → a checked, compiled script, or a precise list of problems.
 * See /docs/script-format.md (sections 1–5 and 8).
 */
export { compileScript, validateScript, type CompileResult } from "./compile";
export { scriptJsonSchema } from "./json-schema";
export { formatDiagnostic, type Diagnostic } from "./diagnostics";
export type * from "./compiled";
export * from "./limits";
export { findPlaceholders, renderTemplate, formatValue, isEmptyValue } from "./placeholders";
export { renderReadable } from "./render-value";
export { BUILTIN_VARIABLES, DISCLOSURE_VARIABLES } from "./semantic";
export { evaluateCondition, parseCondition } from "../conditions";
export { peekTechniqueId } from "./peek";
