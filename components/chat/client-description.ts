import { uiLanguageOf, type UiLanguage } from "./i18n";

/**
 * The client-facing description to show on a script's card: the one in the UI language, else the
 * one in the script's own language, else any. Returns its text and language tag.
 */
export function pickDescription(
  descriptions: Readonly<Record<string, string>>,
  uiLang: UiLanguage,
  scriptLanguage: string | null,
): { text: string; tag: string } | null {
  const entries = Object.entries(descriptions);
  const found =
    entries.find(([tag]) => uiLanguageOf(tag) === uiLang) ??
    entries.find(([tag]) => scriptLanguage !== null && uiLanguageOf(tag) === uiLanguageOf(scriptLanguage)) ??
    entries[0];
  if (!found) return null;
  const [tag, text] = found;
  return { text, tag: tag === "und" ? (scriptLanguage ?? uiLang) : tag };
}
