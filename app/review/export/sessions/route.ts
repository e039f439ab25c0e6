import { parseSessionFilters, sessionFiltersInput } from "../../filters";
import { csvResponse } from "../csv-response";

export const dynamic = "force-dynamic";

/** GET /review/export/sessions?risk=…&script=…&version=…&status=…&project=…: all matching sessions as a CSV download. */
export async function GET(req: Request): Promise<Response> {
  return csvResponse(req, "/review/sessions", (caller, params) => caller.review.exportSessionsCsv(sessionFiltersInput(parseSessionFilters(params))));
}
