"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { errorCode, errorMessage } from "./errors";

/** Quiet time after the last keystroke before the draft is saved. */
export const AUTOSAVE_DELAY_MS = 1500;
/** Wait before retrying a save that failed for another reason than a conflict. */
const RETRY_DELAY_MS = 5000;
/** Failures that may pass by themselves: outages, limits, an expired sign-in (signing in again in another tab). */
const RETRIED = new Set(["INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE", "TOO_MANY_REQUESTS", "TIMEOUT", "UNAUTHORIZED", "BAD_GATEWAY", "GATEWAY_TIMEOUT"]);

export type SaveStatus =
  | { kind: "saved"; at: Date | null }
  | { kind: "dirty" }
  | { kind: "saving" }
  /** Someone else saved first: nothing more is saved until the author reloads. */
  | { kind: "conflict"; message: string }
  /** The save failed; `retrying` when it is tried again by itself (network, server, sign-in), else on the next edit. */
  | { kind: "error"; message: string; code: string | undefined; retrying: boolean }
  | { kind: "readonly"; reason: string };

interface DraftOptions {
  projectId: string;
  scriptId: string;
  initialText: string;
  initialRevision: number;
  /** Why the draft cannot be changed (deleted file, no edit rights), or null. */
  readOnlyReason: string | null;
}

export class DraftConflictError extends Error {}

/**
 * The draft's autosave: debounced saves with the revision they were made from, a visible state,
 * and no lost edits. When another tab (or person) saved first, the server refuses the save
 * (CONFLICT); from then on nothing is saved until `reloadLatest()` loads their version, and the
 * author's own text is returned so it can be offered for copying.
 */
export function useDraft({ projectId, scriptId, initialText, initialRevision, readOnlyReason }: DraftOptions) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saveMutation = useMutation(trpc.studioFiles.saveDraft.mutationOptions());
  const mutateAsync = saveMutation.mutateAsync;

  const textRef = useRef(initialText);
  const savedRef = useRef(initialText);
  const revisionRef = useRef(initialRevision);
  const inflight = useRef<Promise<number> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const initialStatus: SaveStatus = readOnlyReason ? { kind: "readonly", reason: readOnlyReason } : { kind: "saved", at: null };
  const statusRef = useRef<SaveStatus>(initialStatus);
  const [status, setStatusState] = useState<SaveStatus>(initialStatus);
  const [revision, setRevision] = useState(initialRevision);

  const setStatus = useCallback((next: SaveStatus) => {
    statusRef.current = next;
    setStatusState(next);
  }, []);

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const saveRef = useRef<() => Promise<number>>(() => Promise.resolve(revisionRef.current));

  const schedule = useCallback((delay: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      saveRef.current().catch(() => undefined);
    }, delay);
  }, []);

  /** Saves now (if anything changed) and resolves with the draft's revision. */
  const save = useCallback(async (): Promise<number> => {
    clearTimer();
    const kind = statusRef.current.kind;
    if (kind === "readonly") return revisionRef.current;
    if (statusRef.current.kind === "conflict") throw new DraftConflictError(statusRef.current.message);
    // One save at a time, each from the revision the previous one produced.
    while (inflight.current) await inflight.current.catch(() => undefined);
    // The status may have changed while waiting (a conflict found by the save before).
    const afterWait = statusRef.current as SaveStatus;
    if (afterWait.kind === "conflict") throw new DraftConflictError(afterWait.message);
    const yaml = textRef.current;
    if (yaml === savedRef.current) {
      if (statusRef.current.kind !== "saved") setStatus({ kind: "saved", at: new Date() });
      return revisionRef.current;
    }
    setStatus({ kind: "saving" });
    const attempt = mutateAsync({ projectId, scriptId, yaml, expectedRevision: revisionRef.current }).then(
      (result) => {
        revisionRef.current = result.revision;
        savedRef.current = yaml;
        setRevision(result.revision);
        if (textRef.current !== yaml) {
          setStatus({ kind: "dirty" });
          schedule(AUTOSAVE_DELAY_MS);
        } else {
          setStatus({ kind: "saved", at: new Date() });
        }
        return result.revision;
      },
      (error: unknown) => {
        if (errorCode(error) === "CONFLICT") {
          setStatus({ kind: "conflict", message: errorMessage(error) });
          throw new DraftConflictError(errorMessage(error));
        }
        const code = errorCode(error);
        // A refusal about the text itself (too large, file deleted) would be refused again.
        const retrying = code === undefined || RETRIED.has(code);
        setStatus({ kind: "error", message: errorMessage(error), code, retrying });
        if (retrying) schedule(RETRY_DELAY_MS);
        throw error;
      },
    );
    inflight.current = attempt;
    try {
      return await attempt;
    } finally {
      if (inflight.current === attempt) inflight.current = null;
    }
  }, [mutateAsync, projectId, scriptId, schedule, setStatus]);

  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  /** Every change of the editor's text. */
  const onTextChange = useCallback(
    (text: string) => {
      textRef.current = text;
      const kind = statusRef.current.kind;
      if (kind === "readonly" || kind === "conflict") return;
      if (text === savedRef.current && !inflight.current) {
        clearTimer();
        if (kind !== "saved") setStatus({ kind: "saved", at: new Date() });
        return;
      }
      if (kind !== "saving" && kind !== "error") setStatus({ kind: "dirty" });
      schedule(AUTOSAVE_DELAY_MS);
    },
    [schedule, setStatus],
  );

  /**
   * Loads the stored draft (someone else's version after a conflict, or the result of a rollback)
   * and returns it with the author's own text as it was, so nothing typed is lost.
   */
  const reloadLatest = useCallback(async () => {
    clearTimer();
    while (inflight.current) await inflight.current.catch(() => undefined);
    const latest = await queryClient.fetchQuery({ ...trpc.studioFiles.get.queryOptions({ projectId, scriptId }), staleTime: 0 });
    const mine = textRef.current;
    savedRef.current = latest.draftYaml;
    textRef.current = latest.draftYaml;
    revisionRef.current = latest.draftRevision;
    setRevision(latest.draftRevision);
    setStatus(latest.deletedAt ? { kind: "readonly", reason: "This file is deleted. Restore it from the file list to edit it." } : { kind: "saved", at: new Date() });
    return { theirs: latest.draftYaml, mine, changed: mine !== latest.draftYaml };
  }, [projectId, queryClient, scriptId, setStatus, trpc]);

  // Leaving with unsaved text: save it on the way out, and let the browser ask first.
  useEffect(() => {
    const unsaved = () => textRef.current !== savedRef.current && statusRef.current.kind !== "readonly";
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!unsaved()) return;
      if (statusRef.current.kind !== "conflict") saveRef.current().catch(() => undefined);
      event.preventDefault();
    };
    const hidden = () => {
      if (document.visibilityState === "hidden" && unsaved() && statusRef.current.kind !== "conflict") saveRef.current().catch(() => undefined);
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("visibilitychange", hidden);
      // Navigating inside the app: the pending save still goes out.
      if (unsaved() && statusRef.current.kind !== "conflict" && !inflight.current) saveRef.current().catch(() => undefined);
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  return {
    status,
    revision,
    save,
    onTextChange,
    reloadLatest,
    /** The editor's text right now (also unsaved). */
    currentText: useCallback(() => textRef.current, []),
    hasUnsavedChanges: useCallback(() => textRef.current !== savedRef.current, []),
  };
}
