"use client";

import { useChat } from "@ai-sdk/react";
import { useQueryClient } from "@tanstack/react-query";
import { generateId } from "ai";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { RISK_LEVELS } from "@/server/engine/safety/risk-types";
import {
  classifySendError,
  createChatTransport,
  messageText,
  type ChatMessage,
  type QuickReply,
  type RiskLevel,
  type SendProblem,
  type TurnStatus,
} from "./chat-transport";
import { clearPending, loadPending, savePending } from "./pending-message";
import type { TranscriptMessage } from "./use-transcript";

/** One bubble in the conversation: stored, or live from the current stream. */
export interface ChatLine {
  key: string;
  role: "client" | "bot" | "system";
  text: string;
  state: "stored" | "sending" | "streaming" | "sent" | "failed";
}

export function riskRank(level: string | null | undefined): number {
  return Math.max(0, RISK_LEVELS.indexOf(level as RiskLevel));
}

export function higherRisk(a: string | null | undefined, b: string | null | undefined): RiskLevel {
  return RISK_LEVELS[Math.max(riskRank(a), riskRank(b))] ?? "none";
}

interface SessionChatOptions {
  sessionId: string;
  /** Stored messages (undefined while loading). */
  transcript: readonly TranscriptMessage[] | undefined;
  /** Whether the session accepts messages, as last known. */
  sessionActive: boolean;
  /** After each reply ends or fails: fetch what was stored (transcript, session, list). */
  onSettled: () => Promise<void>;
  /** A message the server refused outright (too long, malformed): its text goes back to the composer. */
  onRefused: (text: string) => void;
}

/**
 * The live side of a conversation: streams replies through `useChat`, shows stored messages first
 * and live ones after (a live turn disappears once its stored copy arrives), and handles every
 * way a send can fail, including a reload or a dropped connection mid-reply.
 */
export function useSessionChat({ sessionId, transcript, sessionActive, onSettled, onRefused }: SessionChatOptions) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [sending, setSending] = useState(false);
  const [failures, setFailures] = useState(0);
  const [refusal, setRefusal] = useState<"too-large" | "refused" | null>(null);
  const [liveRisk, setLiveRisk] = useState<RiskLevel>("none");
  const [alerts, setAlerts] = useState(0);
  const [liveStatus, setLiveStatus] = useState<TurnStatus | null>(null);
  // Quick replies of this page's latest turn: null until one streamed them (the stored ones apply),
  // "sent" from sending a message until its reply streamed them or was settled.
  const [liveQuickReplies, setLiveQuickReplies] = useState<readonly QuickReply[] | "sent" | null>(null);
  const lastError = useRef<Error | null>(null);

  const transport = useMemo(
    () =>
      createChatTransport({
        sessionId,
        stillActive: async () => {
          const session = await queryClient.fetchQuery({ ...trpc.session.get.queryOptions({ sessionId }), staleTime: 0 });
          return session.status === "active";
        },
      }),
    [queryClient, sessionId, trpc],
  );

  const chat = useChat<ChatMessage>({
    id: sessionId,
    transport,
    onData: (part) => {
      if (part.type === "data-safety") {
        setLiveRisk((current) => higherRisk(current, part.data.level));
        if (riskRank(part.data.level) >= riskRank("high")) setAlerts((n) => n + 1);
      } else if (part.type === "data-quick-replies") {
        setLiveQuickReplies(part.data.options);
      } else if (part.type === "data-turn") {
        setLiveStatus(part.data.status);
        setLiveRisk((current) => higherRisk(current, part.data.riskLevel));
      }
    },
    onError: (error) => {
      lastError.current = error;
      setFailures((n) => n + 1);
    },
    onFinish: ({ isError, isAbort, messages }) => {
      const sent = messages.findLast((m) => m.role === "user");
      if (sent && !isError && !isAbort) clearPending(sessionId, sent.id);
      const problem = isError && lastError.current ? classifySendError(lastError.current, true) : null;
      if (sent && (problem?.kind === "too-large" || problem?.kind === "refused")) {
        // Refused before anything was stored: take the message back so it can be edited.
        clearPending(sessionId, sent.id);
        chat.setMessages((all) => all.slice(0, Math.max(0, all.findIndex((m) => m.id === sent.id))));
        chat.clearError();
        setRefusal(problem.kind);
        onRefused(messageText(sent));
      }
      // A reply that streamed no quick replies (a replay, a failure): what was stored applies once fetched.
      void onSettled().finally(() => setLiveQuickReplies((current) => (current === "sent" ? null : current)));
    },
  });

  const storedIds = useMemo(() => new Set((transcript ?? []).flatMap((m) => (m.clientMessageId ? [m.clientMessageId] : []))), [transcript]);

  const failedMessage = chat.status === "error" ? chat.messages.findLast((m) => m.role === "user") : undefined;
  // A failed send whose turn was stored after all (the stream broke after the server finished) is no failure.
  const problem: SendProblem | null =
    chat.status === "error" && chat.error && !(failedMessage && storedIds.has(failedMessage.id))
      ? classifySendError(chat.error, sessionActive)
      : null;

  const busy = sending || chat.status === "submitted" || chat.status === "streaming";
  const last = chat.messages.at(-1);
  const textStreaming = last?.role === "assistant" && last.parts.some((p) => p.type === "text" && p.state === "streaming");
  const typing = busy && !textStreaming;

  const lines = useMemo<ChatLine[]>(() => {
    const result: ChatLine[] = (transcript ?? []).map((m) => ({ key: m.id, role: m.role, text: m.text, state: "stored" }));
    let turnStored = false;
    chat.messages.forEach((message, index) => {
      if (message.role === "user") {
        turnStored = storedIds.has(message.id);
        if (turnStored) return;
        const isLast = index === chat.messages.findLastIndex((m) => m.role === "user");
        const state = isLast && problem ? "failed" : isLast && busy ? "sending" : "sent";
        result.push({ key: message.id, role: "client", text: messageText(message), state });
      } else if (message.role === "assistant" && !turnStored) {
        message.parts.forEach((part, i) => {
          if (part.type === "text" && part.text) {
            result.push({ key: `${message.id}-${i}`, role: "bot", text: part.text, state: part.state === "streaming" ? "streaming" : "sent" });
          }
        });
      }
    });
    return result;
  }, [busy, chat.messages, problem, storedIds, transcript]);

  const deliver = useCallback(
    (message: { id: string; text: string }, retry: boolean) => {
      setRefusal(null);
      setSending(true);
      setLiveQuickReplies("sent");
      lastError.current = null;
      savePending(sessionId, message);
      const request = retry
        ? chat.sendMessage({ text: message.text, messageId: message.id })
        : chat.sendMessage({ id: message.id, role: "user", parts: [{ type: "text", text: message.text }] });
      void request.catch(() => {}).finally(() => setSending(false));
    },
    [chat, sessionId],
  );

  const send = useCallback(
    (text: string) => {
      if (chat.status === "error") {
        // A new message replaces one that was never answered (it was not stored either).
        const failed = chat.messages.findLast((m) => m.role === "user");
        if (failed && !storedIds.has(failed.id)) {
          clearPending(sessionId, failed.id);
          chat.setMessages((all) => all.slice(0, Math.max(0, all.findIndex((m) => m.id === failed.id))));
        }
        chat.clearError();
      }
      deliver({ id: generateId(), text }, false);
    },
    [chat, deliver, sessionId, storedIds],
  );

  /** Sends the failed message again with the same id, so the server stores it at most once. */
  const retry = useCallback(() => {
    const failed = chat.messages.findLast((m) => m.role === "user");
    if (failed) deliver({ id: failed.id, text: messageText(failed) }, true);
  }, [chat.messages, deliver]);

  // After a reload mid-reply: send the unanswered message again (same id → replay or answer once).
  const resumed = useRef(false);
  const transcriptLoaded = transcript !== undefined;
  useEffect(() => {
    if (resumed.current || !transcriptLoaded || !sessionActive) return;
    const pending = loadPending(sessionId);
    if (!pending || storedIds.has(pending.id)) {
      if (pending) clearPending(sessionId, pending.id);
      resumed.current = true;
      return;
    }
    const timer = setTimeout(() => {
      resumed.current = true;
      deliver(pending, false);
    }, 0);
    return () => clearTimeout(timer);
  }, [deliver, sessionActive, sessionId, storedIds, transcriptLoaded]);

  return {
    lines,
    busy,
    typing,
    send,
    retry,
    problem,
    /** Counts failed sends: a new failure gets a fresh notice (and countdown). */
    failures,
    refusal,
    dismissRefusal: () => setRefusal(null),
    liveRisk,
    alerts,
    liveStatus,
    /** Quick replies streamed by this page's latest turn ([] while a message is on its way); null: use the stored ones. */
    liveQuickReplies: liveQuickReplies === "sent" ? [] : liveQuickReplies,
  };
}
