/**
 * Which UI language a visitor gets before any script says otherwise: the language they chose
 * (remembered in a cookie, so the server renders it too), else the first of their browser's
 * `Accept-Language` we have, else English. Shared by the server (first render) and the browser.
 */
import { uiLanguageOf, type UiLanguage } from "./i18n";

/** The cookie that remembers the language toggle: a preference, not an identity, so readable by scripts. */
export const LANGUAGE_COOKIE = "heartline-lang";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** `Accept-Language` tags best first: "zh-CN,zh;q=0.9,en;q=0.8" → ["zh-CN", "zh", "en"] (q=0 dropped). */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q === undefined ? 1 : Number.parseFloat(q.slice(2));
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter(({ tag, quality }) => tag !== "" && tag !== "*" && quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map(({ tag }) => tag);
}

/** The remembered choice, else the browser's first language we have, else English. */
export function preferredLanguage({ cookie, acceptLanguage }: { cookie?: string | null; acceptLanguage?: string | null }): UiLanguage {
  const chosen = uiLanguageOf(cookie);
  if (chosen) return chosen;
  for (const tag of acceptedLanguages(acceptLanguage)) {
    const lang = uiLanguageOf(tag);
    if (lang) return lang;
  }
  return "en";
}

/**
 * The browser's own tag for the UI language when it names one ("en-GB" for en), so crisis lines can
 * follow the region it implies; else the bare language.
 */
export function regionalTag(lang: UiLanguage, browserTags: readonly string[]): string {
  return browserTags.find((tag) => uiLanguageOf(tag) === lang && /[-_][A-Za-z]{2}$/.test(tag)) ?? lang;
}

/** `document.cookie` text that remembers `lang` for a year on this site. */
export function languageCookie(lang: UiLanguage): string {
  return `${LANGUAGE_COOKIE}=${lang}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
}
