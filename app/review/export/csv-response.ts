import { TRPCError } from "@trpc/server";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { signInUrl } from "@/components/auth/return-to";
import { csvDownload } from "@/server/services/review/csv";

type Caller = ReturnType<typeof createCaller>;
type SearchParams = Record<string, string[]>;

/**
 * A CSV download for a counsellor: `make` gets the signed-in caller and the query's parameters.
 * Signed out: a redirect to sign in, coming back to `returnPath` with the same query. A project
 * out of scope is 404, bad input 400.
 */
export async function csvResponse(
  req: Request,
  returnPath: string,
  make: (caller: Caller, params: SearchParams) => Promise<{ csv: string; filename: string }>,
): Promise<Response> {
  const url = new URL(req.url);
  const params: SearchParams = {};
  for (const [key, value] of url.searchParams) (params[key] ??= []).push(value);
  const caller = createCaller(createTRPCContext({ headers: req.headers }));
  try {
    const { csv, filename } = await make(caller, params);
    return new Response(csvDownload(csv), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") {
      return new Response(null, { status: 303, headers: { Location: signInUrl(`${returnPath}${url.search}`) } });
    }
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) {
      return Response.json({ error: error.message }, { status: error.code === "NOT_FOUND" ? 404 : 400 });
    }
    throw error;
  }
}
