/** Safety: the always-on crisis detector and crisis line data. Pure: no I/O, no clock. */
export { detectRisk } from "./detect-risk";
export {
  RISK_CATEGORIES,
  RISK_LEVELS,
  isAtLeast,
  levelRank,
  maxLevel,
  type DetectRiskOptions,
  type RiskAssessment,
  type RiskCategory,
  type RiskEvidence,
  type RiskLanguage,
  type RiskLevel,
} from "./risk-types";
export { crisisLinesFor, formatCrisisLine } from "./crisis-lines";
export { evaluateConversations, evaluateRisk, evaluateSomeoneElse, type RiskEvaluation } from "./risk-evaluation";
export type { CorpusMessage } from "./corpus";
export type { MessageContext } from "./classifier/features";
export { GuardedText, safeEnding, splitSentences, type GuardrailViolation } from "./guardrail";
