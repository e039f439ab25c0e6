import type { Metadata } from "next";
import Link from "next/link";
import { StudioHeader } from "@/components/studio/studio-header";
import { ProjectFiles } from "@/components/studio/project-files";
import { requireAuthor, requireProject } from "../author";
import "@/components/review/review.css";
import "@/components/studio/studio.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Project files", robots: { index: false, follow: false } };

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const path = `/studio/${encodeURIComponent(projectId)}`;
  const user = await requireAuthor(path);
  const project = await requireProject(projectId, path);

  return (
    <>
      <StudioHeader user={user} />
      <main className="page studio-page">
        <nav aria-label="Breadcrumb" className="breadcrumb small">
          <Link href="/studio">Projects</Link> <span aria-hidden="true">/</span> {project.name}
        </nav>
        <h1>{project.name}</h1>
        <p className="lede">
          Session scripts, techniques and safety files. Drafts save as you type; clients only ever see published versions.
        </p>
        <p className="small">
          <Link href={`/studio/${encodeURIComponent(project.id)}/prompts`}>Prompt wording for model mode</Link>
          {" · "}
          <Link href={`/studio/${encodeURIComponent(project.id)}/analytics`}>Analytics</Link>
        </p>
        <ProjectFiles projectId={project.id} canEdit={project.canEdit} />
      </main>
    </>
  );
}
