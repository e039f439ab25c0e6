import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CounsellorHeader } from "@/components/review/counsellor-header";
import { AccountsPanel } from "@/components/admin/accounts-panel";
import { requireCounsellor } from "../counsellor";
import "@/components/review/review.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Accounts", robots: { index: false, follow: false } };

/** Admins: every counsellor/author account, to disable or enable, give a new password, or sign out everywhere. */
export default async function AccountsPage() {
  const user = await requireCounsellor("/review/accounts");
  if (user.role !== "admin") notFound();
  return (
    <>
      <CounsellorHeader user={user} />
      <main className="page">
        <h1>Accounts</h1>
        <p className="lede">Disabling an account or giving it a new password ends all its sessions at once.</p>
        <AccountsPanel currentUserId={user.id} />
      </main>
    </>
  );
}
