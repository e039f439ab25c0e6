"use client";

import { useLanguage } from "./language";

/** Three soft dots and a label while a reply is on its way (shown the moment a message is sent). */
export function TypingIndicator({ botName }: { botName: string }) {
  const { t } = useLanguage();
  return (
    <div className="typing" data-testid="typing-indicator">
      <span className="typing-dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <span className="typing-label">{t.typing(botName)}</span>
    </div>
  );
}
