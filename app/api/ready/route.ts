import path from "node:path";
import { getPlatform } from "@/server/platform";
import { checkReadiness } from "@/server/services/readiness";
import { withRoute } from "@/server/observability/route";

export const dynamic = "force-dynamic";

/** Readiness: 200 only when the database answers and every shipped migration is applied. */
export const GET = withRoute("/api/ready", async () => {
  const report = await checkReadiness(getPlatform().db, path.join(process.cwd(), "prisma", "migrations"));
  return Response.json(report, { status: report.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
