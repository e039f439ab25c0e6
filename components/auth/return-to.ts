/**
 * A safe place to go after signing in: a path on this site only ("/review?x=1"), never another
 * origin ("//evil.example", "https://…", "/\\evil.example"); anything else becomes `fallback`.
 */
export function safeReturnTo(value: unknown, fallback = "/review"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\\]/.test(value)) return fallback;
  try {
    const url = new URL(value, "http://heartline.invalid");
    if (url.origin !== "http://heartline.invalid") return fallback;
    if (url.pathname === "/signin") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** The sign-in page URL that comes back to `path` afterwards. */
export function signInUrl(path: string): string {
  return `/signin?returnTo=${encodeURIComponent(safeReturnTo(path))}`;
}
