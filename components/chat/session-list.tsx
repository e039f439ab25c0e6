"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/provider";
import { useLanguage } from "./language";

/** "Your conversations": newest first, with when, status, and Resume (or Read once it is over). */
export function SessionList() {
  const { t, lang } = useLanguage();
  const trpc = useTRPC();
  const sessions = useQuery(trpc.session.list.queryOptions(undefined, { staleTime: 0 }));

  let body;
  if (sessions.isPending) body = <p className="muted" aria-busy="true">{t.sessionsLoading}</p>;
  else if (sessions.isError) {
    body = (
      <div className="notice notice-error" role="alert">
        <p>{t.sessionsFailed}</p>
        <button type="button" className="btn btn-small" onClick={() => void sessions.refetch()}>
          {t.tryAgain}
        </button>
      </div>
    );
  } else if (sessions.data.length === 0) body = <p className="muted">{t.noSessions}</p>;
  else {
    const when = new Intl.DateTimeFormat(lang === "zh" ? "zh-CN" : "en", { dateStyle: "medium", timeStyle: "short" });
    body = (
      <ul className="session-list" data-testid="session-list">
        {sessions.data.map((session) => {
          const active = session.status === "active";
          return (
            <li key={session.id} className="session-item" data-testid="session-item" data-status={session.status}>
              <div className="session-item-text">
                <span className="session-name">{session.scriptName}</span>
                <span className="small muted">
                  <time dateTime={session.updatedAt.toISOString()}>{t.updated(when.format(session.updatedAt))}</time>
                </span>
              </div>
              <span className={`badge badge-${session.status}`}>{t.status[session.status] ?? session.status}</span>
              <Link
                href={`/chat/${session.id}`}
                className={active ? "btn btn-small btn-primary" : "btn btn-small"}
                aria-label={active ? t.resumeLabel(session.scriptName) : t.readLabel(session.scriptName)}
              >
                {active ? t.resume : t.read}
              </Link>
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <section className="chat-section" aria-labelledby="your-conversations">
      <h2 id="your-conversations">{t.yourConversations}</h2>
      {body}
    </section>
  );
}
