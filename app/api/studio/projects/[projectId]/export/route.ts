import { getPlatform } from "@/server/platform";
import { problem } from "@/server/api/problem";
import { HTTP_STATUS, ServiceError } from "@/server/services/errors";
import { withRoute } from "@/server/observability/route";
import { isStorable } from "@/server/engine/text/storable";
import { exportProject } from "@/server/services/studio/files/archive";
import { authorizeProjectRequest } from "@/server/services/studio/files/request-access";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ projectId: string }> };

/** The project's drafts (files not deleted) at their paths, as `<slug>.zip`. Authors of the project and admins only. */
export const GET = withRoute<Context>("/api/studio/projects/[projectId]/export", async (req, context) => {
  const { projectId } = await context.params;
  if (!projectId || projectId.length > 64 || !isStorable(projectId)) return problem(404, "This project was not found.");
  const platform = getPlatform();
  const prisma = platform.db.prisma;
  const access = await authorizeProjectRequest(prisma, req.headers, platform.env.AUTH_SECRET, projectId);
  if (!access.ok) return problem(access.status, access.message);
  try {
    const archive = await exportProject(prisma, projectId);
    return new Response(new Blob([archive.bytes as Uint8Array<ArrayBuffer>], { type: "application/zip" }), {
      status: 200,
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${archive.filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof ServiceError) return problem(HTTP_STATUS[error.code], error.message, { code: error.code });
    throw error;
  }
});
