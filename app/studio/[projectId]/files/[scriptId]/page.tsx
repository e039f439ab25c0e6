import type { Metadata } from "next";
import { StudioHeader } from "@/components/studio/studio-header";
import { EditorWorkspace } from "@/components/studio/editor-workspace";
import { requireAuthor, requireProject } from "../../../author";
import "@/components/review/review.css";
import "@/components/studio/studio.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Script editor", robots: { index: false, follow: false } };

export default async function EditorPage({ params }: { params: Promise<{ projectId: string; scriptId: string }> }) {
  const { projectId, scriptId } = await params;
  const path = `/studio/${encodeURIComponent(projectId)}/files/${encodeURIComponent(scriptId)}`;
  const user = await requireAuthor(path);
  const project = await requireProject(projectId, path);

  return (
    <div className="studio-app">
      <StudioHeader user={user} />
      <EditorWorkspace key={scriptId} project={project} scriptId={scriptId} />
    </div>
  );
}
