import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { serverCaller } from "@/server/api/rsc";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeReturnTo } from "@/components/auth/return-to";
import "@/components/review/review.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in", robots: { index: false, follow: false } };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const raw = Array.isArray(params.returnTo) ? params.returnTo[0] : params.returnTo;
  const returnTo = safeReturnTo(raw);
  if (await serverCaller.auth.me()) redirect(returnTo);
  return (
    <main className="page auth-page">
      <h1>Sign in</h1>
      <p className="lede">For counsellors and script authors. People using Heartline for a conversation never need an account.</p>
      <SignInForm returnTo={returnTo} />
      <section className="signin-help" aria-labelledby="signin-help-heading" data-testid="signin-help">
        <h2 id="signin-help-heading">No account yet?</h2>
        <p>Accounts are made by an admin of this Heartline, under Review → Accounts. Ask yours for one.</p>
        <p>
          Setting Heartline up yourself? The first admin is made by whoever runs the server: set <code>HEARTLINE_ADMIN_EMAIL</code> and{" "}
          <code>HEARTLINE_ADMIN_PASSWORD</code> (12 or more characters, not easy to guess) before it starts, or run{" "}
          <code>npm run heartline -- create-admin --email you@example.org</code>. Then sign in here with that email.
        </p>
      </section>
    </main>
  );
}
