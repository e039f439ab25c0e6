import { parseAnalyticsParams } from "@/components/analytics/params";
import { csvResponse } from "@/app/review/export/csv-response";

export const dynamic = "force-dynamic";

/** GET /studio/{project}/analytics/export?script=…&version=…&compare=…&from=…&to=…: one CSV row per session in scope. */
export async function GET(req: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  return csvResponse(req, `/studio/${encodeURIComponent(projectId)}/analytics`, (caller, query) =>
    caller.analytics.sessionsCsv({ projectId, ...parseAnalyticsParams(query) }),
  );
}
