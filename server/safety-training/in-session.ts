/**
 * The risk detector inside a session, on held-out writers of both corpora: every client message
 * there follows a bot question, so two figures matter besides the safety corpus's own:
 * - false alarms on ordinary replies (the reply writers' answers to the bot's questions, all safe),
 *   each judged after its own question;
 * - recall of crises said after an ordinary question (held-out crisis lines written alone, each put
 *   after a held-out reply question of its language, drawn with a fixed seed).
 */
import { seededRandom } from "../engine/classifier/train";
import type { CorpusMessage } from "../engine/safety/corpus";
import { isAtLeast, type RiskLanguage, type RiskLevel } from "../engine/safety/risk-types";
import type { LabelledReply } from "../engine/understanding/corpus";

export type Detector = (text: string, lang: RiskLanguage, bot?: string) => RiskLevel;

export interface InSessionFigures {
  ordinaryReplies: number;
  /** Ordinary replies detected at medium or above. */
  falseAlarms: LabelledReply[];
  falseAlarmRate: number;
  crises: number;
  /** High+imminent lines detected at high or above when written alone. */
  recallAlone: number;
  /** The same lines detected at high or above after an ordinary question. */
  recallAfterQuestion: number;
  missedAfterQuestion: { message: CorpusMessage; question: string; detected: RiskLevel }[];
}

const SEED = 424242;

export function inSessionFigures(lang: RiskLanguage, safety: readonly CorpusMessage[], replies: readonly LabelledReply[], detect: Detector): InSessionFigures {
  const ordinary = replies.filter((reply) => reply.lang === lang);
  const falseAlarms = ordinary.filter((reply) => isAtLeast(detect(reply.reply, lang, reply.question), "medium"));
  const crises = safety.filter((message) => message.lang === lang && !message.context && isAtLeast(message.label, "high"));
  const random = seededRandom(SEED);
  let caughtAlone = 0;
  let caughtAfter = 0;
  const missedAfterQuestion: InSessionFigures["missedAfterQuestion"] = [];
  for (const message of crises) {
    if (isAtLeast(detect(message.text, lang), "high")) caughtAlone++;
    const question = ordinary[Math.floor(random() * ordinary.length)]?.question;
    const detected = detect(message.text, lang, question);
    if (isAtLeast(detected, "high")) caughtAfter++;
    else if (question) missedAfterQuestion.push({ message, question, detected });
  }
  const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
  return {
    ordinaryReplies: ordinary.length,
    falseAlarms,
    falseAlarmRate: ordinary.length === 0 ? 0 : falseAlarms.length / ordinary.length,
    crises: crises.length,
    recallAlone: share(caughtAlone, crises.length),
    recallAfterQuestion: share(caughtAfter, crises.length),
    missedAfterQuestion,
  };
}
