import { getPlatform } from "@/server/platform";
import { checkHealth } from "@/server/services/health";
import { withRoute } from "@/server/observability/route";

export const dynamic = "force-dynamic";

/** Liveness and dependencies: 200 while the database answers, 503 when it does not. */
export const GET = withRoute("/api/health", async () => {
  const { db, cache, env, startedAt } = getPlatform();
  const report = await checkHealth({ db, cache, llmMode: env.llmMode, startedAt });
  return Response.json(report, {
    status: report.db.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
});
