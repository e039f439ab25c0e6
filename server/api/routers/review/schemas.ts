import { z } from "zod";
import { storableString } from "../../../engine/text/storable";
import { RISK_LEVELS } from "../../../engine/safety/risk-types";
import { REVIEW_NOTE_MAX } from "../../../services/review/mark-reviewed";
import { REVIEW_PAGE_MAX } from "../../../services/review/session-rows";
import { SESSION_STATUSES } from "../../../services/review/sessions";

const id = storableString().min(1).max(64);

export const reviewFiltersInput = z.object({
  riskLevels: z.array(z.enum(RISK_LEVELS)).max(RISK_LEVELS.length).optional(),
  state: z.enum(["all", "unreviewed", "reviewed"]).default("all"),
  scriptId: id.optional(),
  projectId: id.optional(),
});

export const reviewListInput = reviewFiltersInput.extend({
  limit: z.int().min(1).max(REVIEW_PAGE_MAX).default(50),
  offset: z.int().min(0).max(1_000_000).default(0),
});

/** Filters of the all-sessions list. */
export const sessionFiltersInput = z.object({
  riskLevels: z.array(z.enum(RISK_LEVELS)).max(RISK_LEVELS.length).optional(),
  scriptId: id.optional(),
  scriptVersion: z.int().min(1).max(1_000_000).optional(),
  status: z.enum(SESSION_STATUSES).optional(),
  projectId: id.optional(),
});

/** One page (1-based) of the all-sessions list. */
export const sessionsListInput = sessionFiltersInput.extend({
  page: z.int().min(1).max(10_000).default(1),
  limit: z.int().min(1).max(REVIEW_PAGE_MAX).default(50),
});

export const reviewSessionInput = z.object({ sessionId: id });

export const markReviewedInput = z.object({
  eventId: id,
  note: storableString().max(REVIEW_NOTE_MAX, `The note must be at most ${REVIEW_NOTE_MAX} characters.`).optional(),
});
