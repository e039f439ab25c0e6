import { getPlatform } from "@/server/platform";
import { problem } from "@/server/api/problem";
import { checkSameOrigin } from "@/server/auth/same-origin";
import { HTTP_STATUS, ServiceError } from "@/server/services/errors";
import { withRoute } from "@/server/observability/route";
import { isStorable } from "@/server/engine/text/storable";
import { importProject, MAX_IMPORT_BYTES } from "@/server/services/studio/files/archive";
import { authorizeProjectRequest } from "@/server/services/studio/files/request-access";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ projectId: string }> };

/**
 * Zip bodies only. None of these is a type an HTML form or a "simple" cross-site fetch may send
 * (those are form-urlencoded, multipart and text/plain), so a browser preflights them.
 */
const ZIP_TYPES = /^(application\/zip|application\/x-zip-compressed|application\/octet-stream)\s*(;|$)/i;

/** The body, or null when it is larger than `limit` (stops reading there). */
async function readLimited(req: Request, limit: number): Promise<Uint8Array | null> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Creates or updates the project's drafts from a zip (never publishes): `{created, updated,
 * skipped: [{path, reason}]}`. At most 10 MB and 500 files; only .yaml/.yml files at safe paths.
 */
export const POST = withRoute<Context>("/api/studio/projects/[projectId]/import", async (req, context) => {
  const contentType = req.headers.get("content-type");
  if (!contentType || !ZIP_TYPES.test(contentType.trim())) return problem(415, "Send the archive as the request body with Content-Type: application/zip.");
  // The same-origin rules of every author mutation, once the body type is known to be a zip.
  const originHeaders = new Headers(req.headers);
  originHeaders.delete("content-type");
  const origin = checkSameOrigin(originHeaders);
  if (!origin.ok) return problem(403, origin.reason);

  const { projectId } = await context.params;
  if (!projectId || projectId.length > 64 || !isStorable(projectId)) return problem(404, "This project was not found.");
  const platform = getPlatform();
  const prisma = platform.db.prisma;
  const access = await authorizeProjectRequest(prisma, req.headers, platform.env.AUTH_SECRET, projectId);
  if (!access.ok) return problem(access.status, access.message);

  const tooLarge = `The archive must be at most ${MAX_IMPORT_BYTES / (1024 * 1024)} MB.`;
  if (Number(req.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES) return problem(413, tooLarge);
  const body = await readLimited(req, MAX_IMPORT_BYTES);
  if (!body) return problem(413, tooLarge);
  if (!body.length) return problem(400, "The request has no archive in its body.");

  try {
    return Response.json(await importProject(prisma, projectId, body), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof ServiceError) return problem(HTTP_STATUS[error.code], error.message, { code: error.code });
    throw error;
  }
});
