"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/provider";

/** The name the counselling bot goes by in a project's chats: shown above its messages. */
export function BotNameForm({ projectId, projectName, canEdit }: { projectId: string; projectName: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputId = useId();
  const hintId = useId();
  const current = useQuery(trpc.studioProject.botName.queryOptions({ projectId }));
  const [edit, setEdit] = useState<string | null>(null);
  const save = useMutation(
    trpc.studioProject.saveBotName.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.studioProject.botName.queryKey({ projectId }), data);
        setEdit(null);
      },
    }),
  );

  if (current.isPending) return <p className="small muted" aria-busy="true">Loading the bot&apos;s name…</p>;
  if (current.isError) return <p className="small error">The bot&apos;s name could not be loaded: {current.error.message}</p>;

  const value = edit ?? current.data.botName ?? "";
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ projectId, botName: value });
  };

  return (
    <form className="bot-name-form" onSubmit={onSubmit} data-testid="bot-name-form">
      <label htmlFor={inputId} className="small">
        Bot&apos;s name in {projectName}&apos;s chats
      </label>
      <div className="bot-name-row">
        <input
          id={inputId}
          className="input"
          value={value}
          maxLength={40}
          placeholder={current.data.defaultName}
          aria-describedby={hintId}
          readOnly={!canEdit}
          onChange={(event) => setEdit(event.target.value)}
        />
        {canEdit ? (
          <button type="submit" className="btn btn-small" disabled={save.isPending || edit === null}>
            {save.isPending ? "Saving…" : "Save name"}
          </button>
        ) : null}
      </div>
      <p id={hintId} className="small muted">
        Clients see it above the bot&apos;s messages. Leave it empty for “{current.data.defaultName}”.
      </p>
      {save.isError ? (
        <p className="small error" role="alert">
          {save.error.message}
        </p>
      ) : null}
      {save.isSuccess && edit === null ? (
        <p className="small" role="status">
          Saved. Conversations show the new name from their next load.
        </p>
      ) : null}
    </form>
  );
}
