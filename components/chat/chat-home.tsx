"use client";

import { useLanguage } from "./language";
import { ScriptPicker } from "./script-picker";
import { SessionList } from "./session-list";

/** /chat: start a conversation, or pick up one of yours. */
export function ChatHome() {
  const { t } = useLanguage();
  return (
    <>
      <h1>{t.startHeading}</h1>
      <p className="lede">{t.startLede}</p>
      <p className="notice notice-info small">{t.notEmergency}</p>
      <section className="chat-section" aria-label={t.startHeading}>
        <ScriptPicker />
      </section>
      <SessionList />
    </>
  );
}
