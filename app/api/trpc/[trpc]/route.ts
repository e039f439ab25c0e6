import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { logCallFailure, STORAGE_RETRY_AFTER_SECONDS } from "@/server/api/errors";
import { withRoute } from "@/server/observability/route";
import { getPlatform } from "@/server/platform";
import { problem } from "@/server/api/problem";
import { clientAddress } from "@/server/auth/client-address";
import { MAX_BATCH_CALLS } from "@/server/api/batch-limit";

export const dynamic = "force-dynamic";

/** No procedure takes more than a script file (2 MB) plus a try-it state and JSON overhead. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/**
 * Mutations that only compute (the editor's live diagnostics while an author types): signed-in
 * only, and frequent by nature, so they are not counted against the address.
 */
const UNCOUNTED = new Set(["studioTry.analyse"]);

/** The procedures a request calls (a batch names several, comma-separated), or null when the path cannot be read. */
function procedures(req: Request): string[] | null {
  try {
    return decodeURIComponent(new URL(req.url).pathname.replace(/^\/api\/trpc\/?/, "")).split(",");
  } catch {
    return null;
  }
}
/**
 * Mutations per address per minute (reads are not limited here). Generous, since many clients can
 * share one address (a campus, a clinic); per-client limits apply to chat turns.
 */
const MUTATION_LIMIT = { limit: 600, windowSeconds: 60 };

async function handler(req: Request): Promise<Response> {
  const calls = procedures(req);
  if (!calls) return problem(400, "The procedure path cannot be read.", { code: "BAD_REQUEST" });
  if (calls.length > MAX_BATCH_CALLS) {
    return problem(400, `A batch may hold at most ${MAX_BATCH_CALLS} calls; this one holds ${calls.length}. Send them in smaller batches.`, { code: "BAD_REQUEST" });
  }
  if (req.method === "POST") {
    if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return problem(413, "The request is too large.", { code: "PAYLOAD_TOO_LARGE" });
    // Every call of a batch counts, so a batch of N mutations costs what N requests would.
    const counted = calls.filter((name) => !UNCOUNTED.has(name)).length;
    if (counted > 0) {
      const platform = getPlatform();
      // A cache outage never blocks a request: the limit is skipped then.
      const verdict = await platform.cache
        .rateLimit(`trpc-mutations:${clientAddress(req.headers, platform.env.TRUST_PROXY)}`, { ...MUTATION_LIMIT, cost: counted })
        .catch(() => null);
      if (verdict && !verdict.allowed) {
        return problem(429, "Too many requests. Please wait a moment.", { code: "TOO_MANY_REQUESTS", headers: { "Retry-After": String(verdict.retryAfterSeconds) } });
      }
    }
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_CALLS,
    onError: logCallFailure,
    // An outage is worth retrying: say when.
    responseMeta: ({ errors }) => (errors.some((error) => error.code === "SERVICE_UNAVAILABLE") ? { headers: { "Retry-After": String(STORAGE_RETRY_AFTER_SECONDS) } } : {}),
    createContext: ({ resHeaders }) => createTRPCContext({ headers: req.headers, resHeaders }),
  });
}

export const GET = withRoute("/api/trpc", handler);
export const POST = withRoute("/api/trpc", handler);
