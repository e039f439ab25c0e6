import type { Metadata } from "next";
import Link from "next/link";
import { HydrateClient, getQueryClient, serverCaller, trpc } from "@/server/api/rsc";
import { StudioHeader } from "@/components/studio/studio-header";
import { SystemStatus } from "@/components/home/system-status";
import { BotNameForm } from "@/components/project-settings/bot-name-form";
import { requireAuthor } from "./author";
import "@/components/review/review.css";
import "@/components/studio/studio.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Studio", robots: { index: false, follow: false } };

export default async function StudioPage() {
  const user = await requireAuthor("/studio");
  const projects = await serverCaller.studioFiles.projects();
  // Awaited, so the server renders the same status the browser hydrates (no loading flash).
  await getQueryClient().prefetchQuery(trpc.system.info.queryOptions());

  return (
    <>
      <StudioHeader user={user} />
      <main className="page studio-page">
        <h1>Studio</h1>
        <p className="lede">Write, try and publish counselling scripts. Choose a project to see its files.</p>
        {projects.length ? (
          <ul className="project-list" aria-label="Your projects">
            {projects.map((project) => (
              <li key={project.id} className="card project-card">
                <div>
                  <h2>
                    <Link href={`/studio/${encodeURIComponent(project.id)}`}>{project.name}</Link>
                  </h2>
                  <p className="muted small">
                    <code>{project.slug}</code>
                    {project.canEdit ? "" : " · read only"}
                  </p>
                  <BotNameForm projectId={project.id} projectName={project.name} canEdit={project.canEdit} />
                </div>
                <Link className="btn btn-small" href={`/studio/${encodeURIComponent(project.id)}`} aria-label={`Open ${project.name}`}>
                  Open
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <section className="card">
            <p>You are not a member of any project yet. An admin can add you to one.</p>
          </section>
        )}
        <HydrateClient>
          <SystemStatus />
        </HydrateClient>
      </main>
    </>
  );
}
