import { TRPCError } from "@trpc/server";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { signInUrl } from "@/components/auth/return-to";
import { filtersInput, parseFilters } from "../filters";

export const dynamic = "force-dynamic";

/** GET /review/export?risk=…&state=…&script=…&project=…: the flagged-session list as a CSV download. */
export async function GET(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const params: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (params[key] ??= []).push(value);
  const caller = createCaller(createTRPCContext({ headers: req.headers }));
  try {
    const { csv, filename } = await caller.review.exportCsv(filtersInput(parseFilters(params)));
    return new Response(`\uFEFF${csv}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") {
      return new Response(null, { status: 303, headers: { Location: signInUrl(`/review${url.search}`) } });
    }
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) {
      return Response.json({ error: error.message }, { status: error.code === "NOT_FOUND" ? 404 : 400 });
    }
    throw error;
  }
}
