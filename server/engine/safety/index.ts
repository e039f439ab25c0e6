/** Safety: the always-on crisis detector and crisis line data. Pure: no I/O, no clock. */
export { detectRisk } from "./detect-risk";
export {
  RISK_CATEGORIES,
  RISK_LEVELS,
  isAtLeast,
  levelRank,
  type DetectRiskOptions,
  type RiskAssessment,
  type RiskCategory,
  type RiskEvidence,
  type RiskLanguage,
  type RiskLevel,
} from "./risk-types";
export {
  CRISIS_LINES,
  crisisLinesFor,
  formatCrisisLine,
  type ContactMethod,
  type CrisisLine,
  type CrisisLineQuery,
  type LocalizedText,
} from "./crisis-lines";
export { evaluateRisk, parseLabelledMessages, type LabelledMessage, type RiskEvaluation } from "./risk-evaluation";
export {
  checkOutput,
  GuardedText,
  safeEnding,
  sentenceEnd,
  splitSentences,
  type GuardStep,
  type GuardrailCategory,
  type GuardrailViolation,
} from "./guardrail";
