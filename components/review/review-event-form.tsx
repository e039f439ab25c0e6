"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/provider";

const NOTE_MAX = 4000;

/** Marks one safety event reviewed, with an optional note; the page reloads its data afterwards. */
export function ReviewEventForm({ eventId, label }: { eventId: string; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const noteId = useId();
  const hintId = useId();
  const [note, setNote] = useState("");
  const mark = useMutation(
    trpc.review.markReviewed.mutationOptions({
      onSuccess: () => router.refresh(),
    }),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!mark.isPending) mark.mutate({ eventId, note });
  };

  return (
    <form className="review-form" onSubmit={onSubmit} aria-label={`Review ${label}`}>
      <label htmlFor={noteId}>Review note</label>
      <textarea
        id={noteId}
        name="note"
        rows={3}
        maxLength={NOTE_MAX}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        aria-describedby={hintId}
      />
      <p id={hintId} className="hint">
        What you did or decided (for example, who you contacted). Stored with your name and the time.
      </p>
      {mark.error ? (
        <p className="error" role="alert">
          {mark.error.message}
        </p>
      ) : null}
      <button type="submit" className="button primary" disabled={mark.isPending || mark.isSuccess}>
        {mark.isPending || mark.isSuccess ? "Saving…" : "Mark reviewed"}
      </button>
    </form>
  );
}
