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
    </main>
  );
}
