"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { DICTIONARIES, type Dictionary, type UiLanguage } from "./i18n";
import { languageCookie } from "./language-preference";

interface LanguageContextValue {
  lang: UiLanguage;
  t: Dictionary;
  /** The visitor's choice (the toggle): applied at once and remembered in a cookie. */
  setLang: (lang: UiLanguage) => void;
  /** A page whose content has its own language (a conversation) asks the UI to follow it; null lets go. */
  follow: (lang: UiLanguage | null) => void;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

/**
 * The UI language. `initial` is what the server chose for this request (the remembered choice, else
 * Accept-Language), so the first render is already in it. A conversation makes the UI follow its
 * script's language until the visitor picks another one with the toggle.
 */
export function LanguageProvider({ initial, children }: { initial: UiLanguage; children: ReactNode }) {
  const [choice, setChoice] = useState<UiLanguage>(initial);
  const [followed, setFollowed] = useState<UiLanguage | null>(null);
  const lang = followed ?? choice;

  const setLang = useCallback((next: UiLanguage) => {
    setChoice(next);
    setFollowed(null);
    document.cookie = languageCookie(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    // Pages without this provider (studio, review) are in English, as the root layout says.
    return () => {
      document.documentElement.lang = "en";
    };
  }, [lang]);

  const value = useMemo(() => ({ lang, t: DICTIONARIES[lang], setLang, follow: setFollowed }), [lang, setLang]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error("useLanguage needs a <LanguageProvider> above it.");
  return value;
}

/** While mounted, the UI speaks `lang` (a conversation's language), unless the visitor toggles. */
export function useFollowLanguage(lang: UiLanguage | null): void {
  const { follow } = useLanguage();
  useEffect(() => {
    follow(lang);
    return () => follow(null);
  }, [follow, lang]);
}
