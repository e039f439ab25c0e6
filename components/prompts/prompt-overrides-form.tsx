"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/provider";

/** One textarea per prompt of the scheme, prefilled with the override (or empty for the default). */
export function PromptOverridesForm({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const view = useQuery(trpc.studioPrompts.get.queryOptions({ projectId }));
  const [edits, setEdits] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.studioPrompts.save.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.studioPrompts.get.queryKey({ projectId }), data);
        setEdits({});
      },
    }),
  );

  if (view.isPending) return <p aria-busy="true">Loading the prompts…</p>;
  if (view.isError) return <p className="error" role="alert">{view.error.message}</p>;

  const valueOf = (key: string, override: string | null) => edits[key] ?? override ?? "";
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const overrides = Object.fromEntries(view.data.entries.map((e) => [e.key, valueOf(e.key, e.override)]));
    save.mutate({ projectId, overrides });
  };

  return (
    <form onSubmit={onSubmit} className="card" aria-describedby="prompts-scheme">
      <p id="prompts-scheme" className="small">
        Scheme <code>{view.data.schemeId}</code>. Sessions that use overrides record <code>{view.data.schemeId}+project</code> on
        their messages.
      </p>
      {view.data.entries.map((entry) => {
        const id = `prompt-${entry.key}`;
        return (
          <div key={entry.key} className="field">
            <label htmlFor={id}>
              <code>{entry.key}</code> {entry.override ? <span className="small">(overridden)</span> : null}
            </label>
            <textarea
              id={id}
              rows={entry.key === "system" ? 10 : 3}
              placeholder={entry.defaultText}
              value={valueOf(entry.key, entry.override)}
              onChange={(e) => setEdits((current) => ({ ...current, [entry.key]: e.target.value }))}
              style={{ width: "100%", fontFamily: "ui-monospace, monospace", fontSize: "0.85rem" }}
            />
          </div>
        );
      })}
      {save.isError ? (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      ) : null}
      {save.isSuccess && Object.keys(edits).length === 0 ? <p role="status">Saved. New sessions use this wording.</p> : null}
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save prompts"}
      </button>
    </form>
  );
}
