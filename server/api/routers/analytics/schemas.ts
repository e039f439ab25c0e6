import { z } from "zod";
import { storableString } from "../../../engine/text/storable";

const id = storableString().min(1).max(64);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are written YYYY-MM-DD.").refine(isCalendarDay, "This is not a date on the calendar.");

/** Date.parse rolls 2030-02-31 over into March; a real day reads back the same. */
function isCalendarDay(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/** A project's analytics filters: script, version (and one to compare with), start-date range (UTC days, both inclusive). */
export const analyticsFiltersInput = z
  .object({
    projectId: id,
    scriptId: id.optional(),
    versionId: id.optional(),
    compareVersionId: id.optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .refine((input) => !input.compareVersionId || input.versionId, { message: "Choose a version before choosing one to compare it with.", path: ["compareVersionId"] })
  .refine((input) => !input.compareVersionId || input.compareVersionId !== input.versionId, { message: "Choose two different versions to compare.", path: ["compareVersionId"] })
  .refine((input) => !input.from || !input.to || input.from <= input.to, { message: "The start date is after the end date.", path: ["from"] });

export type AnalyticsFiltersInput = z.infer<typeof analyticsFiltersInput>;

export const analyticsOptionsInput = z.object({ projectId: id });
