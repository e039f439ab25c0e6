import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";

/** The bar on counsellor pages: where you are, who is signed in, and sign out. */
export function CounsellorHeader({ user }: { user: { email: string; role: "admin" | "author" } }) {
  return (
    <header className="counsellor-header">
      <nav aria-label="Counsellor">
        <Link href="/review" className="counsellor-brand">
          Heartline <span aria-hidden="true">·</span> Review
        </Link>
        <Link href="/studio">Studio</Link>
        {user.role === "admin" ? <Link href="/review/accounts">Accounts</Link> : null}
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
