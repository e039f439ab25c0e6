const BASE = "http://heartline.invalid";

/** A path on this site as written: one leading slash, never "//" or "/\" (which browsers read as another host), no control characters or backslashes. */
function isLocalPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") && !/[\u0000-\u001f\u007f\\]/.test(path);
}

/**
 * A safe place to go after signing in: a path on this site only ("/review?x=1"), never another
 * origin ("//evil.example", "https://…", "/\\evil.example"); anything else becomes `fallback`.
 * The path is checked again once normalised, since resolving dot segments can turn a local path
 * into another host's ("/..//evil.example/x", "/.//x", "/%2e%2e//x" all become "//…").
 */
export function safeReturnTo(value: unknown, fallback = "/review"): string {
  if (typeof value !== "string" || value.length > 2000 || !isLocalPath(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!isLocalPath(path) || url.pathname === "/signin") return fallback;
  return path;
}

/** The sign-in page URL that comes back to `path` afterwards. */
export function signInUrl(path: string): string {
  return `/signin?returnTo=${encodeURIComponent(safeReturnTo(path))}`;
}
