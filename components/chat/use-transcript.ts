"use client";

import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useCallback } from "react";
import { useTRPC } from "@/components/trpc/provider";
import type { AppRouter } from "@/server/api/root";
import { trpcErrorCode } from "./trpc-error";

export type TranscriptMessage = inferRouterOutputs<AppRouter>["session"]["messages"]["messages"][number];

const PAGE = 200;

export function transcriptKey(sessionId: string) {
  return ["heartline", "transcript", sessionId] as const;
}

/** Adds messages to a transcript, once each, in stored order. */
export function mergeTranscript(old: readonly TranscriptMessage[], fresh: readonly TranscriptMessage[]): TranscriptMessage[] {
  const bySeq = new Map<number, TranscriptMessage>();
  for (const message of [...old, ...fresh]) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Seeds a new session's transcript (its opening messages) so the chat opens without a wait. */
export function seedTranscript(queryClient: QueryClient, sessionId: string, messages: readonly Omit<TranscriptMessage, "clientMessageId">[]) {
  queryClient.setQueryData<TranscriptMessage[]>(
    transcriptKey(sessionId),
    messages.map(({ id, seq, role, text, turn, createdAt }) => ({ id, seq, role, text, turn, createdAt, clientMessageId: null })),
  );
}

/**
 * The stored messages of a session, every page of `session.messages`, oldest first. `refresh`
 * fetches only what was stored after the newest message we have (after each reply).
 */
export function useTranscript(sessionId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  const fetchAfter = useCallback(
    async (afterSeq: number | undefined): Promise<TranscriptMessage[]> => {
      const all: TranscriptMessage[] = [];
      let after = afterSeq;
      for (;;) {
        const input = { sessionId, limit: PAGE, ...(after !== undefined ? { afterSeq: after } : {}) };
        const page = await queryClient.fetchQuery({ ...trpc.session.messages.queryOptions(input), staleTime: 0, gcTime: 0 });
        all.push(...page.messages);
        if (page.nextAfterSeq === null) return all;
        after = page.nextAfterSeq;
      }
    },
    [queryClient, sessionId, trpc],
  );

  const query = useQuery({
    queryKey: transcriptKey(sessionId),
    queryFn: () => fetchAfter(undefined),
    retry: (failures, error) => failures < 2 && trpcErrorCode(error) !== "NOT_FOUND",
  });

  const refresh = useCallback(async () => {
    const known = queryClient.getQueryData<TranscriptMessage[]>(transcriptKey(sessionId));
    if (!known) {
      await queryClient.invalidateQueries({ queryKey: transcriptKey(sessionId) });
      return;
    }
    const fresh = await fetchAfter(known.at(-1)?.seq);
    if (fresh.length > 0) queryClient.setQueryData<TranscriptMessage[]>(transcriptKey(sessionId), (old = []) => mergeTranscript(old, fresh));
  }, [fetchAfter, queryClient, sessionId]);

  return { query, refresh };
}
