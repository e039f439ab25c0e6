"use client";

import { useEffect, useState } from "react";
import { isRetryable, type SendProblem } from "./chat-transport";
import { useLanguage } from "./language";

/** Seconds left of a wait that starts when the notice appears (it is remounted for each failure). */
function useSecondsLeft(seconds: number): number {
  const [until] = useState(() => Date.now() + seconds * 1000);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (seconds <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [seconds]);
  return Math.max(0, Math.ceil((until - now) / 1000));
}

interface SendProblemNoticeProps {
  problem: SendProblem;
  busy: boolean;
  onRetry: () => void;
}

/** Why the last message was not answered, in plain words, with a Retry when one can help. */
export function SendProblemNotice({ problem, busy, onRetry }: SendProblemNoticeProps) {
  const { t, lang } = useLanguage();
  const secondsLeft = useSecondsLeft(problem.kind === "rate-limited" ? problem.retryAfterSeconds : 0);

  const text = (() => {
    switch (problem.kind) {
      case "rate-limited":
        return t.errorRateLimited(secondsLeft);
      case "busy":
        return t.errorBusy;
      case "network":
        return t.errorNetwork;
      case "turn":
        // The server's wording is English; other languages get ours.
        return lang === "en" && problem.serverMessage ? problem.serverMessage : t.errorTurn;
      case "too-large":
        return t.errorTooLarge;
      case "refused":
        return t.errorRefused;
      case "ended":
        return t.errorEnded;
      case "not-found":
        return t.errorNotFound;
      case "identity":
        return t.errorIdentity;
    }
  })();

  return (
    <div className="notice notice-error send-problem" role="alert" data-testid="send-problem" data-kind={problem.kind}>
      <p>{text}</p>
      {isRetryable(problem) ? (
        <button type="button" className="btn btn-small" onClick={onRetry} disabled={busy || secondsLeft > 0}>
          {t.retry}
        </button>
      ) : null}
      {problem.kind === "identity" ? (
        <button type="button" className="btn btn-small" onClick={() => window.location.reload()}>
          {t.reload}
        </button>
      ) : null}
    </div>
  );
}
