"use client";

import { useId, useState } from "react";

export interface KeptText {
  title: string;
  text: string;
}

/** The author's own text after a reload or rollback replaced it, offered for copying (never saved). */
export function KeptTextPanel({ kept, onDismiss }: { kept: KeptText; onDismiss(): void }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(kept.text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section className="kept-text" aria-labelledby={id} data-testid="kept-text">
      <div className="kept-head">
        <h2 id={id}>{kept.title}</h2>
        <div className="kept-actions">
          <button type="button" className="btn btn-small" onClick={() => void copy()}>
            {copied ? "Copied" : "Copy all"}
          </button>
          <button type="button" className="btn btn-small btn-quiet" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      </div>
      <textarea readOnly value={kept.text} aria-labelledby={id} rows={8} spellCheck={false} />
    </section>
  );
}
