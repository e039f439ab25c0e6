/**
 * CSRF defence for cookie-authenticated mutations, on top of SameSite=Lax cookies and POST-only
 * JSON mutations: a request a browser sends from another site is refused.
 *
 * - A body that is not JSON (an HTML form can post `multipart/form-data`, `text/plain`, or
 *   `application/x-www-form-urlencoded` cross-site without a preflight) is refused.
 * - When the browser names the `Origin`, its host must be this server's host (`Host`, or
 *   `X-Forwarded-Host` behind a proxy). `Origin: null` (sandboxed frames, some redirects) is refused.
 * - Without `Origin`, `Sec-Fetch-Site` (sent by current browsers) must say same-origin or none.
 * - Requests with neither header come from non-browser clients, which cannot carry a victim's
 *   cookies, and are allowed. In-process callers (server components, tests) have no such headers.
 */

export type SameOriginVerdict = { ok: true } | { ok: false; reason: string };

function hostsOf(headers: Headers): Set<string> {
  const hosts = new Set<string>();
  for (const name of ["host", "x-forwarded-host"]) {
    const value = headers.get(name);
    if (!value) continue;
    for (const part of value.split(",")) {
      const host = part.trim().toLowerCase();
      if (host) hosts.add(host);
    }
  }
  return hosts;
}

function withoutDefaultPort(host: string, protocol: string): string {
  if (protocol === "http:" && host.endsWith(":80")) return host.slice(0, -3);
  if (protocol === "https:" && host.endsWith(":443")) return host.slice(0, -4);
  return host;
}

export function checkSameOrigin(headers: Headers): SameOriginVerdict {
  const contentType = headers.get("content-type");
  if (contentType !== null && !/^application\/json\s*(;|$)/i.test(contentType.trim())) {
    return { ok: false, reason: "This request must send JSON." };
  }

  const origin = headers.get("origin");
  if (origin !== null) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return { ok: false, reason: "This request came from another site." };
    }
    if (url.origin === "null" || (url.protocol !== "http:" && url.protocol !== "https:")) {
      return { ok: false, reason: "This request came from another site." };
    }
    const originHost = withoutDefaultPort(url.host.toLowerCase(), url.protocol);
    const hosts = [...hostsOf(headers)].map((host) => withoutDefaultPort(host, url.protocol));
    if (!hosts.includes(originHost)) return { ok: false, reason: "This request came from another site." };
    return { ok: true };
  }

  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") {
    return { ok: false, reason: "This request came from another site." };
  }
  return { ok: true };
}
