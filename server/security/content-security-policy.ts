/**
 * The Content-Security-Policy of every response, with a fresh nonce per request: scripts run only
 * when they carry the nonce (Next puts it on its own scripts when it finds it in the request's
 * policy) or when such a script loaded them ('strict-dynamic': the route chunks, Monaco). No
 * 'unsafe-inline' for scripts: an injected <script> or inline handler does not run.
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Monaco and React set inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws:" : ""}`,
    // Monaco's workers load from blob: URLs.
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** 128 random bits, base64: a nonce no page can guess. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
