import type { Metadata } from "next";
import Link from "next/link";
import { serverCaller } from "@/server/api/rsc";
import { StudioHeader } from "@/components/studio/studio-header";
import { requireAuthor } from "./author";
import "@/components/review/review.css";
import "@/components/studio/studio.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Studio", robots: { index: false, follow: false } };

export default async function StudioPage() {
  const user = await requireAuthor("/studio");
  const projects = await serverCaller.studioFiles.projects();

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
      </main>
    </>
  );
}
