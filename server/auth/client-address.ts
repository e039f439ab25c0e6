/**
 * The caller's network address, for per-address rate limits.
 *
 * By default it is the address of the TCP peer, and `X-Forwarded-For` is ignored: any client can
 * send that header with any value. Behind a proxy the peer is the proxy, so `TRUST_PROXY` says
 * which hops may be believed, as Express's "trust proxy" does:
 *
 * - a number N: N proxies stand in front of the app (the peer is the first); the client is the
 *   N-th `X-Forwarded-For` entry from the right (1 on Vercel and behind one nginx/Caddy/ALB);
 * - a list of proxy addresses or CIDR ranges (and `loopback`, `linklocal`, `uniquelocal`):
 *   starting from the peer, hops are skipped while they are trusted proxies; the first other
 *   address is the client. Entries to the left of it, which a client can write, are never read.
 *
 * The peer address reaches route handlers through a header set by this process itself (see
 * `recordPeerAddresses`), which a client cannot forge. IPv6 clients are counted per /64, the
 * block one subscriber usually holds.
 */
import { randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { BlockList, isIP, type Socket } from "node:net";
import { processSlot } from "../process-registry";

export type TrustProxy =
  | { kind: "none" }
  | { kind: "hops"; hops: number }
  | { kind: "addresses"; entries: readonly string[]; list: BlockList };

export const TRUST_NOBODY: TrustProxy = { kind: "none" };

/** At most this many proxies in front of the app, and this many list entries. */
const MAX_HOPS = 10;
const MAX_ENTRIES = 100;

const NAMED_RANGES: Record<string, [string, number, "ipv4" | "ipv6"][]> = {
  loopback: [
    ["127.0.0.0", 8, "ipv4"],
    ["::1", 128, "ipv6"],
  ],
  linklocal: [
    ["169.254.0.0", 16, "ipv4"],
    ["fe80::", 10, "ipv6"],
  ],
  uniquelocal: [
    ["10.0.0.0", 8, "ipv4"],
    ["172.16.0.0", 12, "ipv4"],
    ["192.168.0.0", 16, "ipv4"],
    ["fc00::", 7, "ipv6"],
  ],
};

/**
 * Reads TRUST_PROXY: unset, `false` or `0` (trust no forwarded header), a hop count, or a
 * comma-separated list of addresses, CIDR ranges and the names above. Returns a message (never
 * echoing the value) when it cannot be read.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy | { error: string } {
  const value = raw?.trim().toLowerCase() ?? "";
  if (value === "" || value === "false" || value === "0") return TRUST_NOBODY;
  if (value === "true" || value === "*") {
    return { error: "must be the number of proxies in front of Heartline (e.g. 1) or their addresses: trusting every hop would let any client choose its address" };
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > MAX_HOPS) return { error: `must be a number of proxies from 1 to ${MAX_HOPS}, or a list of their addresses` };
    return { kind: "hops", hops };
  }
  const entries = value.split(",").map((entry) => entry.trim()).filter(Boolean);
  if (entries.length > MAX_ENTRIES) return { error: `may list at most ${MAX_ENTRIES} addresses or ranges` };
  const list = new BlockList();
  for (const [index, entry] of entries.entries()) {
    const named = NAMED_RANGES[entry];
    if (named) {
      for (const [network, prefix, family] of named) list.addSubnet(network, prefix, family);
      continue;
    }
    const [address = "", prefixText, extra] = entry.split("/");
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!family || extra !== undefined || !(prefix >= 0 && prefix <= bits)) {
      return { error: `entry ${index + 1} is not an IP address, a CIDR range (10.0.0.0/8) or one of loopback, linklocal, uniquelocal` };
    }
    list.addSubnet(address, prefix, family === 4 ? "ipv4" : "ipv6");
  }
  if (!entries.length) return TRUST_NOBODY;
  return { kind: "addresses", entries, list };
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; surrounding brackets and an IPv6 zone dropped. */
function normaliseAddress(address: string): string {
  let value = address.trim();
  if (value.startsWith("[") && value.includes("]")) value = value.slice(1, value.indexOf("]"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped?.[1]) return mapped[1];
  return value.replace(/%.*$/, "");
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address from the TCP peer and the `X-Forwarded-For` header, under `trust`; undefined
 * when it cannot be known (no peer address and nothing trusted).
 */
export function resolveClientAddress(input: { peer?: string | undefined; forwardedFor?: string | null | undefined }, trust: TrustProxy): string | undefined {
  const peer = input.peer ? normaliseAddress(input.peer) : undefined;
  if (trust.kind === "none") return peer;
  const forwarded = (input.forwardedFor ?? "")
    .split(",")
    .map(normaliseAddress)
    .filter(Boolean);
  if (trust.kind === "hops") {
    // The peer is the first of the trusted hops, so hop N wrote the N-th entry from the right.
    // Fewer entries than hops: the furthest one there is.
    if (!forwarded.length) return peer;
    return forwarded[Math.max(0, forwarded.length - trust.hops)];
  }
  // Only a peer known to be a trusted proxy makes the header worth reading.
  if (!peer || !isTrusted(trust.list, peer)) return peer;
  for (let index = forwarded.length - 1; index >= 0; index--) {
    const hop = forwarded[index];
    if (hop !== undefined && !isTrusted(trust.list, hop)) return hop;
  }
  return forwarded[0] ?? peer;
}

/** "2001:db8:1:2:3:4:5:6" → "2001:db8:1:2::/64"; anything else unchanged. */
function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

// ---------------------------------------------------------------------------------------------
// The TCP peer, handed to route handlers

/** Set on every request by this process; a value a client sent is replaced. */
export const PEER_HEADER = "x-heartline-peer";

/** A random value per process that proves the header was written here, not sent by a client. */
const peerSeal = processSlot("client-address.seal", () => ({ value: randomBytes(16).toString("hex"), recording: false }));

/**
 * Writes each request's TCP peer address into `PEER_HEADER` (Node's `http.server.request.start`
 * diagnostics channel, before Next sees the request). Called once at start; before it, and in
 * processes that never call it, the peer is unknown and only trusted forwarded headers count.
 */
export function recordPeerAddresses(): void {
  const seal = peerSeal.get();
  if (seal.recording) return;
  seal.recording = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request?: IncomingMessage; socket?: Socket };
    if (!request) return;
    request.headers[PEER_HEADER] = `${seal.value} ${socket?.remoteAddress ?? request.socket.remoteAddress ?? ""}`;
  });
}

/** The peer address this process recorded for the request, if any. */
export function peerAddress(headers: Headers): string | undefined {
  const value = headers.get(PEER_HEADER);
  const seal = peerSeal.get().value;
  if (!value?.startsWith(`${seal} `)) return undefined;
  return value.slice(seal.length + 1) || undefined;
}

/**
 * The caller's address as a rate-limit key: bounded, without separators (it becomes part of a
 * cache key), IPv6 per /64; "unknown" when it cannot be known.
 */
export function clientAddress(headers: Headers, trust: TrustProxy): string {
  const address = resolveClientAddress({ peer: peerAddress(headers), forwardedFor: headers.get("x-forwarded-for") }, trust);
  if (!address) return "unknown";
  return addressKey(address)
    .slice(0, 64)
    .replace(/[^0-9a-zA-Z.:/_-]/g, "_");
}
