import { getPlatform } from "@/server/platform";
import { checkHealth } from "@/server/services/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const { db, cache, env, startedAt } = getPlatform();
  const report = await checkHealth({ db, cache, llmMode: env.llmMode, startedAt });
  return Response.json(report, {
    status: report.db.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
