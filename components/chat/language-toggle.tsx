"use client";

import { DICTIONARIES, UI_LANGUAGES } from "./i18n";
import { useLanguage } from "./language";

/** English / 中文 switch; each option is named in its own language. */
export function LanguageToggle() {
  const { lang, t, setLang } = useLanguage();
  return (
    <div className="segmented" role="group" aria-label={t.languageLabel}>
      {UI_LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option === "zh" ? "zh-CN" : "en"}
          aria-pressed={lang === option}
          onClick={() => setLang(option)}
        >
          <span className="label-long">{DICTIONARIES[option].languageName}</span>
          <span className="label-short" aria-hidden="true">
            {DICTIONARIES[option].languageShort}
          </span>
        </button>
      ))}
    </div>
  );
}
