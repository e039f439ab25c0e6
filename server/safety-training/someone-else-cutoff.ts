/**
 * The someone-else model's cut-off, chosen out of fold (see train-risk-model.ts): the best F1 of
 * urgent against the other annotated lines, within a budget on lines nobody annotated.
 */
import type { CorpusMessage } from "../engine/safety/corpus";

/** A training line with its out-of-fold P(someone else in danger now). */
export interface ScoredLine {
  message: CorpusMessage;
  scores: { someoneElse: number };
}

/** The someone-else model out of fold at one cut-off (see `TrainingReport.someoneElse`). */
export interface SomeoneElseFigures {
  cutoff: number;
  /** Lines annotated urgent read as urgent. */
  recall: number;
  /** Annotated lines read as urgent that were annotated urgent. */
  precision: number;
  /** Annotated lines that are not urgent (concern or none) read as urgent. */
  annotatedFalseAlarms: number;
  /** Lines nobody annotated (no one else's danger in them) read as urgent. */
  otherFalseAlarms: number;
}

function someoneElseFigures(scored: readonly ScoredLine[], cutoff: number): SomeoneElseFigures & { f1: number } {
  let urgent = 0;
  let caught = 0;
  let called = 0;
  let annotated = 0;
  let annotatedAlarms = 0;
  let others = 0;
  let otherAlarms = 0;
  for (const item of scored) {
    const read = item.scores.someoneElse >= cutoff;
    if (read) called++;
    if (item.message.someoneElse === "urgent") {
      urgent++;
      if (read) caught++;
    } else if (item.message.someoneElse) {
      annotated++;
      if (read) annotatedAlarms++;
    } else {
      others++;
      if (read) otherAlarms++;
    }
  }
  const recall = caught / Math.max(1, urgent);
  const precision = caught / Math.max(1, called);
  return {
    cutoff,
    recall,
    precision,
    annotatedFalseAlarms: annotatedAlarms / Math.max(1, annotated),
    otherFalseAlarms: otherAlarms / Math.max(1, others),
    f1: recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0,
  };
}

/**
 * Lines nobody annotated that the someone-else model may read as another person's emergency, at
 * most: guidance to call for help for no one is an interruption an ordinary session should
 * hardly ever meet. Some such lines do tell of another person's danger (only third-party lines
 * and two writers' were annotated), so this also keeps the cut-off from chasing them.
 */
export const SOMEONE_ELSE_UNANNOTATED_BUDGET = 0.002;

/**
 * The someone-else cut-off of one language: the best F1 of urgent against the other annotated
 * lines out of fold, within the budget on lines nobody annotated. Guidance to call for help for
 * someone who is not in danger interrupts a session as surely as a missed one leaves a client
 * alone with an emergency; neither side is favoured.
 */
export function someoneElseCutoff(scored: readonly ScoredLine[], cutoffs: readonly number[]): SomeoneElseFigures {
  const annotated = scored.filter((item) => item.message.someoneElse !== undefined);
  const unannotated = scored.filter((item) => item.message.someoneElse === undefined);
  let best: (SomeoneElseFigures & { f1: number }) | undefined;
  for (const cutoff of cutoffs) {
    const onAnnotated = someoneElseFigures(annotated, cutoff);
    const otherFalseAlarms = unannotated.filter((item) => item.scores.someoneElse >= cutoff).length / Math.max(1, unannotated.length);
    if (otherFalseAlarms > SOMEONE_ELSE_UNANNOTATED_BUDGET + 1e-9) continue;
    if (!best || onAnnotated.f1 > best.f1 + 1e-9) best = { ...onAnnotated, otherFalseAlarms };
  }
  const chosen = best ?? someoneElseFigures(scored, 1);
  return { cutoff: chosen.cutoff, recall: chosen.recall, precision: chosen.precision, annotatedFalseAlarms: chosen.annotatedFalseAlarms, otherFalseAlarms: chosen.otherFalseAlarms };
}
