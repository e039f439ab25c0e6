"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Composer } from "./composer";
import { CrisisBanner, CrisisNote } from "./crisis-banner";
import { EndConversationButton } from "./end-conversation-button";
import { useFollowLanguage, useLanguage } from "./language";
import { useBrowserLanguages } from "./use-browser-languages";
import { regionalTag } from "./language-preference";
import { DICTIONARIES, uiLanguageOf } from "./i18n";
import { MessageList } from "./message-list";
import { QuickReplies } from "./quick-replies";
import { ReadOnlyNotice } from "./read-only-notice";
import { SendProblemNotice } from "./send-problem";
import { trpcErrorCode } from "./trpc-error";
import { higherRisk, riskRank, useSessionChat } from "./use-session-chat";
import { useTranscript } from "./use-transcript";

/** One conversation: its stored transcript, live replies, safety notices and the composer. */
export function Conversation({ sessionId }: { sessionId: string }) {
  const { t, lang } = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useQuery(
    trpc.session.get.queryOptions(
      { sessionId },
      { staleTime: 0, retry: (failures, error) => failures < 2 && !["NOT_FOUND", "BAD_REQUEST"].includes(trpcErrorCode(error) ?? "") },
    ),
  );
  const { query: transcript, refresh } = useTranscript(sessionId);
  const [draft, setDraft] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);

  const onSettled = useCallback(async () => {
    await Promise.allSettled([
      refresh(),
      queryClient.invalidateQueries(trpc.session.get.queryFilter({ sessionId })),
      queryClient.invalidateQueries(trpc.session.list.queryFilter()),
    ]);
  }, [queryClient, refresh, sessionId, trpc]);

  const onRefused = useCallback((text: string) => {
    setDraft(text);
    input.current?.focus();
  }, []);

  // The interface speaks the conversation's language (until the visitor toggles).
  const sessionLang = uiLanguageOf(session.data?.language);
  useFollowLanguage(sessionLang);
  const browserTags = useBrowserLanguages();

  const storedStatus = session.data?.status;
  const live = useSessionChat({ sessionId, transcript: transcript.data, sessionActive: storedStatus === "active", onSettled, onRefused });
  const status = storedStatus === "active" && live.liveStatus && live.liveStatus !== "active" ? live.liveStatus : storedStatus;

  // Crisis banner: opens on high/imminent risk (stored or live), reopens on each new alert.
  const risk = higherRisk(session.data?.riskLevel, live.liveRisk);
  const [bannerRequested, setBannerRequested] = useState(false);
  const [dismissedAtAlert, setDismissedAtAlert] = useState<number | null>(null);
  const [noteDismissed, setNoteDismissed] = useState(false);
  const highRisk = riskRank(risk) >= riskRank("high");
  const bannerOpen = bannerRequested || (highRisk && (dismissedAtAlert === null || live.alerts > dismissedAtAlert));
  const noteOpen = !bannerOpen && risk === "medium" && !noteDismissed;

  const failure = session.error ?? transcript.error;
  if (failure) {
    const missing = ["NOT_FOUND", "BAD_REQUEST"].includes(trpcErrorCode(failure) ?? "");
    return (
      <div className="page narrow">
        <div className="notice notice-error" role="alert">
          <p>{missing ? t.conversationNotFound : t.conversationFailed}</p>
          <Link href="/chat" className="btn">
            {t.allConversations}
          </Link>
        </div>
      </div>
    );
  }
  if (!session.data || !transcript.data) {
    return (
      <div className="page narrow" aria-busy="true">
        <p className="muted">{t.loadingConversation}</p>
      </div>
    );
  }

  const readOnly = status !== "active";
  // Suggested answers to the pending question: what this page's latest turn streamed, else what was stored.
  const quickReplies = readOnly || live.busy ? [] : (live.liveQuickReplies ?? session.data.quickReplies);
  const contentLang = sessionLang ?? lang;
  // Crisis lines for the region the browser's language names ("en-GB" → the UK's first).
  const linesTag = regionalTag(lang, browserTags);
  const started = new Intl.DateTimeFormat(lang === "zh" ? "zh-CN" : "en", { dateStyle: "medium", timeStyle: "short" }).format(session.data.createdAt);

  return (
    <div className="conversation" data-testid="conversation" data-status={status}>
      <div className="conversation-header">
        <div className="conversation-title">
          <h1>{session.data.script.name}</h1>
          <p className="muted small">
            <span className={`badge badge-${status}`}>{t.status[status ?? "active"]}</span> <span className="conversation-date">{started}</span>
          </p>
        </div>
        <div className="conversation-actions">
          {!bannerOpen ? (
            <button type="button" className="btn btn-small" onClick={() => setBannerRequested(true)}>
              {t.crisisShow}
            </button>
          ) : null}
          {!readOnly ? <EndConversationButton sessionId={sessionId} disabled={live.busy} /> : null}
        </div>
      </div>

      {bannerOpen ? (
        <CrisisBanner
          tag={linesTag}
          onDismiss={() => {
            setBannerRequested(false);
            setDismissedAtAlert(live.alerts);
          }}
        />
      ) : null}
      {noteOpen ? <CrisisNote tag={linesTag} onDismiss={() => setNoteDismissed(true)} /> : null}

      <MessageList
        lines={live.lines}
        typing={live.typing}
        botName={session.data.botName}
        contentLang={contentLang}
        footer={
          <QuickReplies
            options={quickReplies}
            label={DICTIONARIES[contentLang].quickReplies}
            lang={contentLang === "zh" ? "zh-CN" : "en"}
            onChoose={(text) => {
              // Exactly as if typed and sent; the message box keeps whatever was being typed.
              live.send(text);
              input.current?.focus();
            }}
          />
        }
      />

      <div className="conversation-footer">
        {readOnly ? (
          <ReadOnlyNotice status={status === "completed" ? "completed" : "ended"} />
        ) : (
          <>
            {live.problem ? <SendProblemNotice key={live.failures} problem={live.problem} busy={live.busy} onRetry={live.retry} /> : null}
            {live.refusal ? (
              <div className="notice notice-error" role="alert">
                <p>{live.refusal === "too-large" ? t.errorTooLarge : t.errorRefused}</p>
              </div>
            ) : null}
            <Composer
              value={draft}
              onChange={setDraft}
              busy={live.busy}
              inputRef={input}
              onSend={(text) => {
                live.send(text);
                setDraft("");
              }}
            />
          </>
        )}
      </div>
    </div>
  );
}
