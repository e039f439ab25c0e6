import { randomFillSync } from "node:crypto";
import { processSlot } from "../process-registry";

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

const NONCE_BYTES = 16;
/** Random bytes for 256 nonces, drawn from the CSPRNG at once (a draw per nonce cost more than its bytes). */
const POOL_BYTES = NONCE_BYTES * 256;
const pool = processSlot("nonce-pool", () => ({ bytes: Buffer.alloc(POOL_BYTES), used: POOL_BYTES }));

/** 128 random bits, base64: a nonce no page can guess. Each pooled byte is used once. */
export function newNonce(): string {
  const state = pool.get();
  if (state.used + NONCE_BYTES > POOL_BYTES) {
    randomFillSync(state.bytes);
    state.used = 0;
  }
  const nonce = state.bytes.toString("base64", state.used, state.used + NONCE_BYTES);
  state.used += NONCE_BYTES;
  return nonce;
}
