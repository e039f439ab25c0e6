import path from "node:path";
import { getPlatform } from "@/server/platform";
import { checkReadiness } from "@/server/services/readiness";
import { withRoute } from "@/server/observability/route";
import { isDraining } from "@/server/lifecycle";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 only when the database answers and every shipped migration is applied; 503 while
 * shutting down, so a load balancer stops sending new work here.
 */
export const GET = withRoute("/api/ready", async () => {
  if (isDraining()) return Response.json({ ready: false, draining: true }, { status: 503, headers: { "Cache-Control": "no-store" } });
  const report = await checkReadiness(getPlatform().db, path.join(process.cwd(), "prisma", "migrations"));
  return Response.json(report, { status: report.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
