import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { withRoute } from "@/server/observability/route";
import { getPlatform } from "@/server/platform";
import { clientAddress } from "@/server/auth/client-address";

export const dynamic = "force-dynamic";

/** No procedure takes more than a script file (2 MB) plus a try-it state and JSON overhead. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/**
 * Mutations that only compute (the editor's live diagnostics while an author types): signed-in
 * only, and frequent by nature, so they are not counted against the address.
 */
const UNCOUNTED = new Set(["studioTry.analyse"]);

function procedures(req: Request): string[] {
  return decodeURIComponent(new URL(req.url).pathname.replace(/^\/api\/trpc\/?/, "")).split(",");
}
/**
 * Mutations per address per minute (reads are not limited here). Generous, since many clients can
 * share one address (a campus, a clinic); per-client limits apply to chat turns.
 */
const MUTATION_LIMIT = { limit: 600, windowSeconds: 60 };

function tooMany(retryAfterSeconds: number): Response {
  return Response.json(
    { error: { message: "Too many requests. Please wait a moment.", code: "TOO_MANY_REQUESTS" } },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

async function handler(req: Request): Promise<Response> {
  if (req.method === "POST") {
    if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
      return Response.json({ error: { message: "The request is too large.", code: "PAYLOAD_TOO_LARGE" } }, { status: 413 });
    }
    if (!procedures(req).every((name) => UNCOUNTED.has(name))) {
      // A cache outage never blocks a request: the limit is skipped then.
      const verdict = await getPlatform()
        .cache.rateLimit(`trpc-mutations:${clientAddress(req.headers)}`, MUTATION_LIMIT)
        .catch(() => null);
      if (verdict && !verdict.allowed) return tooMany(verdict.retryAfterSeconds);
    }
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createTRPCContext({ headers: req.headers, resHeaders }),
  });
}

export const GET = withRoute("/api/trpc", handler);
export const POST = withRoute("/api/trpc", handler);
