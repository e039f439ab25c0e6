import "server-only";
import { cookies, headers } from "next/headers";
import type { UiLanguage } from "./i18n";
import { LANGUAGE_COOKIE, preferredLanguage } from "./language-preference";

/** The UI language of this request: the remembered toggle, else `Accept-Language`, else English. */
export async function requestLanguage(): Promise<UiLanguage> {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  return preferredLanguage({ cookie: jar.get(LANGUAGE_COOKIE)?.value, acceptLanguage: head.get("accept-language") });
}
