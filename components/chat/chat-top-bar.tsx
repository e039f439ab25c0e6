"use client";

import Link from "next/link";
import { LanguageToggle } from "./language-toggle";
import { useLanguage } from "./language";

/** The slim bar above every chat page: home, the conversations list, and the language switch. */
export function ChatTopBar() {
  const { t } = useLanguage();
  return (
    <header className="top-bar">
      <nav className="top-bar-nav" aria-label="Heartline">
        <Link href="/" className="brand" aria-label={t.home}>
          Heartline
        </Link>
        <Link href="/chat" className="top-bar-link">
          {t.conversations}
        </Link>
      </nav>
      <LanguageToggle />
    </header>
  );
}
