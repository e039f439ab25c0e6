import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";

/**
 * The bar on studio pages, like the review pages' header (same styles, same sign-out), with
 * links between the author's two places.
 */
export function StudioHeader({ user, current = "studio" }: { user: { email: string; role: "admin" | "author" }; current?: "studio" | "review" }) {
  return (
    <header className="counsellor-header studio-header">
      <nav aria-label="Counsellor" className="studio-nav">
        <Link href="/studio" className="counsellor-brand">
          Heartline <span aria-hidden="true">·</span> Studio
        </Link>
        <Link href="/studio" aria-current={current === "studio" ? "page" : undefined}>
          Projects
        </Link>
        <Link href="/review" aria-current={current === "review" ? "page" : undefined}>
          Review
        </Link>
      </nav>
      <div className="counsellor-user">
        <span data-testid="signed-in-user">
          Signed in as <strong>{user.email}</strong>
          {user.role === "admin" ? " (admin)" : ""}
        </span>
        <SignOutButton />
      </div>
    </header>
  );
}
