"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/provider";
import { pickDescription } from "./client-description";
import { uiLanguageOf } from "./i18n";
import { useLanguage } from "./language";
import { seedTranscript } from "./use-transcript";

/** The published scripts a client may start (those in the UI language first), each with a Start button. */
export function ScriptPicker() {
  const { t, lang } = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const scripts = useQuery(trpc.session.scripts.queryOptions());
  const start = useMutation(
    trpc.session.start.mutationOptions({
      onSuccess: (started) => {
        seedTranscript(queryClient, started.sessionId, started.messages);
        void queryClient.invalidateQueries(trpc.session.list.queryFilter());
        router.push(`/chat/${started.sessionId}`);
      },
    }),
  );

  if (scripts.isPending) return <p className="muted" aria-busy="true">{t.scriptsLoading}</p>;
  if (scripts.isError) {
    return (
      <div className="notice notice-error" role="alert">
        <p>{t.scriptsFailed}</p>
        <button type="button" className="btn btn-small" onClick={() => void scripts.refetch()}>
          {t.tryAgain}
        </button>
      </div>
    );
  }
  if (scripts.data.length === 0) return <p className="muted">{t.noScripts}</p>;

  const ordered = [...scripts.data].sort((a, b) => Number(uiLanguageOf(b.language) === lang) - Number(uiLanguageOf(a.language) === lang));
  const startingId = start.isPending ? start.variables?.scriptId : undefined;

  return (
    <>
      {start.isError ? (
        <div className="notice notice-error" role="alert">
          <p>{t.startFailed}</p>
        </div>
      ) : null}
      <ul className="script-list" data-testid="script-list">
        {ordered.map((script) => {
          // The script's own language starts the session when it is clear; otherwise the UI language.
          const language = uiLanguageOf(script.language) ?? lang;
          const description = pickDescription(script.clientDescription, lang, script.language);
          return (
            <li key={script.id} className="card script-card" data-testid="script-card">
              <div className="script-card-text">
                <h3 lang={language === "zh" ? "zh-CN" : "en"}>{script.name}</h3>
                {script.language ? <p className="script-language small muted">{t.scriptLanguage(script.language)}</p> : null}
                {description ? (
                  <p lang={description.tag} data-testid="script-description">
                    {description.text}
                  </p>
                ) : null}
              </div>
              <button
                type="button"
                className="btn btn-primary"
                aria-label={t.startScriptLabel(script.name)}
                disabled={start.isPending}
                aria-busy={startingId === script.id}
                onClick={() => start.mutate({ scriptId: script.id, language })}
              >
                {startingId === script.id ? t.starting : t.startScript}
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
