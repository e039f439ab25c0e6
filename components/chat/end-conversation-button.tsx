"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { useTRPC } from "@/components/trpc/provider";
import { useLanguage } from "./language";

/** "End conversation", asked once more before `session.end`. */
export function EndConversationButton({ sessionId, disabled }: { sessionId: string; disabled?: boolean }) {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const end = useMutation(
    trpc.session.end.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.session.get.queryFilter({ sessionId })),
          queryClient.invalidateQueries(trpc.session.list.queryFilter()),
        ]);
        setOpen(false);
      },
    }),
  );

  return (
    <>
      <button
        type="button"
        className="btn btn-small btn-danger-outline"
        disabled={disabled}
        aria-label={t.endConversation}
        onClick={() => {
          end.reset();
          setOpen(true);
        }}
      >
        <span className="label-long">{t.endConversation}</span>
        <span className="label-short" aria-hidden="true">
          {t.endShort}
        </span>
      </button>
      <Dialog
        open={open}
        title={t.endTitle}
        description={<p>{t.endBody}</p>}
        submitLabel={t.endConfirm}
        cancelLabel={t.endCancel}
        danger
        busy={end.isPending}
        error={end.isError ? t.endFailed : null}
        onSubmit={() => end.mutate({ sessionId })}
        onCancel={() => setOpen(false)}
      />
    </>
  );
}
