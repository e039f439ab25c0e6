/**
 * The caller's network address for rate limits. Behind a proxy the nearest hop's entry in
 * X-Forwarded-For (the last one) is the one a client cannot choose; without a proxy the header
 * may be forged, which is why sign-in is also limited per email.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const address = forwarded?.at(-1) ?? headers.get("x-real-ip")?.trim();
  if (!address) return "unknown";
  // Bounded and without separators, since it becomes part of a cache key.
  return address.slice(0, 64).replace(/[^0-9a-zA-Z.:_-]/g, "_");
}
