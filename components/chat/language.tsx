"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { browserLanguage, DICTIONARIES, uiLanguageOf, type Dictionary, type UiLanguage } from "./i18n";

const STORAGE_KEY = "heartline.uiLanguage";
const listeners = new Set<() => void>();
/** This page's choice, in case storage is blocked. */
let pageChoice: UiLanguage | null = null;

function readChoice(): UiLanguage {
  if (pageChoice) return pageChoice;
  let saved: string | null = null;
  try {
    saved = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be blocked; the browser language still applies.
  }
  return uiLanguageOf(saved) ?? browserLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return;
    pageChoice = null; // another tab chose: follow it
    onChange();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onStorage);
  };
}

interface LanguageContextValue {
  lang: UiLanguage;
  t: Dictionary;
  setLang: (lang: UiLanguage) => void;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

/**
 * The UI language: the visitor's choice (kept in localStorage), else the browser's language.
 * The server renders English; the browser switches right after hydration.
 */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const lang = useSyncExternalStore(subscribe, readChoice, () => "en" as const);
  const setLang = useCallback((next: UiLanguage) => {
    pageChoice = next;
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered after this page, but applied now.
    }
    for (const listener of listeners) listener();
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  }, [lang]);

  const value = useMemo(() => ({ lang, t: DICTIONARIES[lang], setLang }), [lang, setLang]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error("useLanguage needs a <LanguageProvider> above it.");
  return value;
}
