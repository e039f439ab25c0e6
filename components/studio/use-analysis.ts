"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "./errors";
import type { Analysis } from "./types";

/** Quiet time after the last keystroke before the draft is analysed. */
export const ANALYSE_DELAY_MS = 200;

/**
 * The server's live analysis of the text in the editor (diagnostics, outline, variables),
 * debounced while the author types. Only the newest request's answer is kept, so a slow answer
 * never replaces a newer one.
 */
export function useAnalysis({ projectId, path, enabled }: { projectId: string; path: string; enabled: boolean }) {
  const trpc = useTRPC();
  const { mutateAsync } = useMutation(trpc.studioTry.analyse.mutationOptions());
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Increases with every answer applied (tests and the problems list use it). */
  const [generation, setGeneration] = useState(0);
  const sequence = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const analyseNow = useCallback(
    (text: string) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      if (!enabled) return;
      const id = ++sequence.current;
      setPending(true);
      mutateAsync({ projectId, path, yaml: text }).then(
        (result) => {
          if (id !== sequence.current) return;
          setAnalysis(result);
          setError(null);
          setPending(false);
          setGeneration((g) => g + 1);
        },
        (failure: unknown) => {
          if (id !== sequence.current) return;
          setError(errorMessage(failure));
          setPending(false);
        },
      );
    },
    [enabled, mutateAsync, path, projectId],
  );

  const schedule = useCallback(
    (text: string) => {
      if (!enabled) return;
      setPending(true);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => analyseNow(text), ANALYSE_DELAY_MS);
    },
    [analyseNow, enabled],
  );

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return { analysis, pending, error, generation, schedule, analyseNow };
}
