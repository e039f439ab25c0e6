import type { Metadata } from "next";
import Link from "next/link";
import { StudioHeader } from "@/components/studio/studio-header";
import { PromptOverridesForm } from "@/components/prompts/prompt-overrides-form";
import { requireAuthor, requireProject } from "../../author";
import "@/components/review/review.css";
import "@/components/studio/studio.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Prompts", robots: { index: false, follow: false } };

export default async function ProjectPromptsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const path = `/studio/${encodeURIComponent(projectId)}/prompts`;
  const user = await requireAuthor(path);
  const project = await requireProject(projectId, path);
  return (
    <>
      <StudioHeader user={user} />
      <main className="page studio-page">
        <nav aria-label="Breadcrumb" className="breadcrumb small">
          <Link href="/studio">Projects</Link> <span aria-hidden="true">/</span>{" "}
          <Link href={`/studio/${encodeURIComponent(project.id)}`}>{project.name}</Link> <span aria-hidden="true">/</span> Prompts
        </nav>
        <h1>Prompts</h1>
        <p className="lede">
          The wording the engine gives the model in model mode. Change an entry to override it for this project&apos;s new
          sessions; leave it empty to use the default. Keep every {"{placeholder}"} the default uses.
        </p>
        <PromptOverridesForm projectId={project.id} />
      </main>
    </>
  );
}
