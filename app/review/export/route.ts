import { filtersInput, parseFilters } from "../filters";
import { csvResponse } from "./csv-response";

export const dynamic = "force-dynamic";

/** GET /review/export?risk=…&state=…&script=…&project=…: the flagged-session list as a CSV download. */
export async function GET(req: Request): Promise<Response> {
  return csvResponse(req, "/review", (caller, params) => caller.review.exportCsv(filtersInput(parseFilters(params))));
}
