"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { CrisisLinesCard } from "./crisis-lines";
import { splitHotlines } from "./hotline-text";
import { DICTIONARIES, type UiLanguage } from "./i18n";
import { useLanguage } from "./language";
import { TypingIndicator } from "./typing-indicator";
import type { ChatLine } from "./use-session-chat";

/** Within this many pixels of the end counts as "reading the newest message". */
const NEAR_END_PX = 72;

interface MessageListProps {
  lines: readonly ChatLine[];
  typing: boolean;
  /** Shown under the last message (the quick replies). */
  footer?: ReactNode;
  /** The bot's name (the project's setting), shown above each run of its messages. */
  botName: string;
  /** The conversation's language: crisis lines in its messages are shown in it. */
  contentLang: UiLanguage;
}

/** A bot message: its words, with the crisis lines it lists as a card of Call and Text links. */
function BotText({ text, lang }: { text: string; lang: UiLanguage }) {
  const parts = splitHotlines(text);
  if (parts.length === 1 && parts[0]?.kind === "text") return <>{text}</>;
  return (
    <>
      {parts.map((part, index) =>
        part.kind === "text" ? (
          <span key={index} className="bubble-text">
            {part.text}
          </span>
        ) : (
          <CrisisLinesCard key={index} lines={part.lines} lang={lang} label={DICTIONARIES[lang].hotlinesLabel} />
        ),
      )}
    </>
  );
}

/**
 * The conversation log. It follows new messages while the reader is at the end, and stays put
 * (offering a jump back) when they scrolled up to read.
 */
export function MessageList({ lines, typing, footer, botName, contentLang }: MessageListProps) {
  const { t } = useLanguage();
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [awayFromEnd, setAwayFromEnd] = useState(false);

  const toEnd = useCallback((behavior: ScrollBehavior = "auto") => {
    const el = scroller.current;
    if (el) el.scrollTo({ top: el.scrollHeight, behavior });
  }, []);

  const last = lines.at(-1);
  const sentKey = last?.role === "client" && last.state === "sending" ? last.key : undefined;
  const followedSend = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    // Sending a message brings it into view (once: scrolling up while waiting is respected);
    // otherwise new content is followed only when the reader is at the end.
    if (sentKey !== undefined && followedSend.current !== sentKey) {
      followedSend.current = sentKey;
      following.current = true;
    }
    if (following.current) toEnd();
  }, [lines, typing, sentKey, toEnd]);

  useEffect(() => {
    // Keep the end in view when the log's size changes (phone keyboard, window resize, fonts).
    const el = scroller.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (following.current) toEnd();
    });
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [toEnd]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const nearEnd = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_END_PX;
    following.current = nearEnd;
    setAwayFromEnd(!nearEnd);
  };

  return (
    <div className="message-log-wrap">
      <div
        ref={scroller}
        className="message-log"
        role="log"
        aria-live="polite"
        aria-label={t.messageLog}
        tabIndex={0}
        onScroll={onScroll}
        data-testid="message-log"
      >
        <div className="message-log-inner">
          <ol className="messages">
            {lines.map((line, index) => {
              const bot = line.role !== "client";
              // The name shows once above each run of the bot's messages; screen readers hear it on each.
              const firstOfRun = bot && lines[index - 1]?.role !== line.role;
              return (
                <li key={line.key} className={`message message-${line.role}`} data-role={line.role} data-state={line.state}>
                  {firstOfRun ? (
                    <span className="speaker" data-testid="bot-speaker">
                      <span className="speaker-avatar" aria-hidden="true">
                        {Array.from(botName)[0]}
                      </span>
                      <span className="speaker-name">{botName}</span>
                      <span className="visually-hidden">: </span>
                    </span>
                  ) : (
                    <span className="visually-hidden">{bot ? botName : t.speakerClient}: </span>
                  )}
                  <div className="bubble">{bot ? <BotText text={line.text} lang={contentLang} /> : line.text}</div>
                </li>
              );
            })}
          </ol>
          {typing ? <TypingIndicator botName={botName} /> : null}
          {footer}
        </div>
      </div>
      {awayFromEnd ? (
        <button
          type="button"
          className="btn btn-small jump-to-end"
          onClick={() => {
            following.current = true;
            setAwayFromEnd(false);
            toEnd("smooth");
          }}
        >
          {t.jumpToNewest} <span aria-hidden="true">↓</span>
        </button>
      ) : null}
    </div>
  );
}
