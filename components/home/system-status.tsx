"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";

const DB_LABEL = { postgres: "PostgreSQL", pglite: "Embedded PGlite" } as const;
const LLM_LABEL = { model: "Language model", template: "Template mode (no model)" } as const;

export function SystemStatus() {
  const trpc = useTRPC();
  const info = useQuery(trpc.system.info.queryOptions());

  if (info.isPending) return <section className="card" aria-busy="true">Checking the service…</section>;
  if (info.isError) {
    return (
      <section className="card" role="alert">
        <p className="error">The service is not available right now: {info.error.message}</p>
      </section>
    );
  }

  const { data } = info;
  return (
    <section className="card" aria-labelledby="system-status-heading">
      <h2 id="system-status-heading">Service status</h2>
      <dl className="status-grid" data-testid="system-info">
        <div>
          <dt>Version</dt>
          <dd data-testid="system-version">{data.version}</dd>
        </div>
        <div>
          <dt>Storage</dt>
          <dd data-testid="system-db">{DB_LABEL[data.db.kind]}</dd>
        </div>
        <div>
          <dt>Replies</dt>
          <dd data-testid="system-llm">
            {LLM_LABEL[data.llm.mode]}
            {data.llm.model ? ` · ${data.llm.model}` : ""}
          </dd>
        </div>
        <div>
          <dt>Published scripts</dt>
          <dd data-testid="system-scripts">{data.publishedScripts}</dd>
        </div>
      </dl>
    </section>
  );
}
