import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { SystemStatus } from "@/components/home/system-status";

// Reads live data on every request (never prerendered at build time, when no database exists).
export const dynamic = "force-dynamic";

export default function HomePage() {
  void getQueryClient().prefetchQuery(trpc.system.info.queryOptions());
  return (
    <main className="page">
      <h1>Heartline</h1>
      <p className="lede">
        Counselling conversations written by counsellors as scripts, run safely, with every session stored for review.
      </p>
      <HydrateClient>
        <SystemStatus />
      </HydrateClient>
    </main>
  );
}
