import { parseSessionFilters, sessionFiltersInput } from "../../filters";
import { csvResponse } from "../csv-response";

export const dynamic = "force-dynamic";

/**
 * GET /review/export/variables?risk=…&script=…&version=…&status=…&project=…: the current variable
 * values of all matching sessions as a CSV download (no message text).
 */
export async function GET(req: Request): Promise<Response> {
  return csvResponse(req, "/review/sessions", (caller, params) => caller.review.exportVariablesCsv(sessionFiltersInput(parseSessionFilters(params))));
}
