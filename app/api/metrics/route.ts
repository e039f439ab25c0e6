import { timingSafeEqual } from "node:crypto";
import { getPlatform } from "@/server/platform";
import { problem } from "@/server/api/problem";
import { getMetrics } from "@/server/observability/metrics";
import { refreshGauges } from "@/server/services/metrics-gauges";

export const dynamic = "force-dynamic";

function authorised(req: Request, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(req.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Prometheus text format; protected by METRICS_TOKEN (Bearer) when it is set. In production the
 * route is off (404) until a token is set: metrics name routes, models and load.
 */
export async function GET(req: Request): Promise<Response> {
  const platform = getPlatform();
  if (!platform.env.METRICS_TOKEN && platform.env.NODE_ENV === "production") {
    return problem(404, "Metrics are off: set METRICS_TOKEN to turn them on.");
  }
  if (!authorised(req, platform.env.METRICS_TOKEN)) {
    return problem(401, "A valid metrics token is required.", { headers: { "WWW-Authenticate": "Bearer" } });
  }
  const metrics = getMetrics();
  await refreshGauges(platform, metrics);
  return new Response(await metrics.registry.metrics(), { headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" } });
}
