"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { useLanguage } from "./language";

/** In place of the composer once a conversation is over: why, and a way to start another. */
export function ReadOnlyNotice({ status }: { status: "completed" | "ended" }) {
  const { t } = useLanguage();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The control that ended it (composer or End button) is gone: keep keyboard focus in the chat.
    if (document.activeElement === document.body || document.activeElement === null) ref.current?.focus();
  }, []);

  return (
    <div ref={ref} className="read-only-notice" role="status" tabIndex={-1} data-testid="read-only-notice">
      <p>{status === "completed" ? t.readOnlyCompleted : t.readOnlyEnded}</p>
      <Link href="/chat" className="btn btn-primary">
        {t.startNew}
      </Link>
    </div>
  );
}
