import Link from "next/link";
import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { SystemStatus } from "@/components/home/system-status";

// Reads live data on every request (never prerendered at build time, when no database exists).
export const dynamic = "force-dynamic";

export default async function HomePage() {
  // Awaited, so the server renders the same status the browser hydrates (no loading flash).
  await getQueryClient().prefetchQuery(trpc.system.info.queryOptions());
  return (
    <main className="page">
      <h1>Heartline</h1>
      <p className="lede">
        Counselling conversations written by counsellors as scripts, run safely, with every session stored for review.
      </p>
      <div className="home-start">
        <Link href="/chat" className="btn btn-primary" data-testid="start-conversation">
          Start a conversation
        </Link>
        <p className="muted small">
          No sign-up needed. <span lang="zh-CN">无需注册，也可以用中文交谈。</span>
        </p>
      </div>
      <HydrateClient>
        <SystemStatus />
      </HydrateClient>
      <p className="muted small">
        For counsellors and script authors: <Link href="/studio">Script studio</Link> · <Link href="/review">Review flagged sessions</Link>
      </p>
    </main>
  );
}
