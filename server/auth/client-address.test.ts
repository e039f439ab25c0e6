import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustProxy, PEER_HEADER, peerAddress, recordPeerAddresses, resolveClientAddress, TRUST_NOBODY, type TrustProxy } from "./client-address";

function trust(value: string): TrustProxy {
  const parsed = parseTrustProxy(value);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed;
}

describe("TRUST_PROXY", () => {
  it("trusts no forwarded header unless told to", () => {
    for (const value of [undefined, "", " ", "false", "0", "FALSE"]) expect(parseTrustProxy(value)).toEqual(TRUST_NOBODY);
  });

  it("reads a hop count or a list of addresses, ranges and names", () => {
    expect(trust("1")).toEqual({ kind: "hops", hops: 1 });
    expect(trust(" 2 ")).toEqual({ kind: "hops", hops: 2 });
    expect(trust("10.0.0.5, 10.1.0.0/16,::1,fd00::/8, loopback, uniquelocal")).toMatchObject({
      kind: "addresses",
      entries: ["10.0.0.5", "10.1.0.0/16", "::1", "fd00::/8", "loopback", "uniquelocal"],
    });
  });

  it.each([
    ["true", /number of proxies/],
    ["*", /number of proxies/],
    ["11", /from 1 to 10/],
    ["10.0.0.0/33", /entry 1 is not/],
    ["10.0.0.1, example.org", /entry 2 is not/],
    ["10.0.0.1/8/8", /entry 1 is not/],
    ["::1/129", /entry 1 is not/],
    ["1.2.3", /entry 1 is not/],
  ])("refuses %j with a message that does not echo it", (value, message) => {
    const parsed = parseTrustProxy(value);
    expect(parsed).toHaveProperty("error");
    const error = (parsed as { error: string }).error;
    expect(error).toMatch(message);
    if (value.length > 2) expect(error).not.toContain(value);
  });
});

describe("the client's address", () => {
  const forged = "203.0.113.66, 198.51.100.7";

  it("is the TCP peer by default, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress({ peer: "192.0.2.10", forwardedFor: forged }, TRUST_NOBODY)).toBe("192.0.2.10");
    expect(resolveClientAddress({ peer: "::ffff:192.0.2.10", forwardedFor: forged }, TRUST_NOBODY)).toBe("192.0.2.10");
    expect(resolveClientAddress({ forwardedFor: forged }, TRUST_NOBODY)).toBeUndefined();
  });

  it("with N hops, is the N-th X-Forwarded-For entry from the right (what the first trusted proxy saw)", () => {
    // A client sent "203.0.113.66"; the proxy appended the address it saw, 198.51.100.7.
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: forged }, trust("1"))).toBe("198.51.100.7");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: `${forged}, 10.0.0.1` }, trust("2"))).toBe("198.51.100.7");
    // Fewer entries than hops: the furthest there is; none at all: the peer.
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "198.51.100.7" }, trust("3"))).toBe("198.51.100.7");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: null }, trust("1"))).toBe("10.0.0.2");
    // Vercel overwrites the header with the client's address; the peer is not known there.
    expect(resolveClientAddress({ forwardedFor: "198.51.100.7" }, trust("1"))).toBe("198.51.100.7");
  });

  it("with a list, skips trusted proxies from the peer outwards and stops at the first other address", () => {
    const proxies = trust("10.0.0.0/8, loopback");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: forged }, proxies)).toBe("198.51.100.7");
    expect(resolveClientAddress({ peer: "127.0.0.1", forwardedFor: `${forged}, 10.3.3.3` }, proxies)).toBe("198.51.100.7");
    expect(resolveClientAddress({ peer: "::ffff:10.0.0.2", forwardedFor: "2001:db8::1" }, proxies)).toBe("2001:db8::1");
    // A peer that is not a listed proxy sent the header itself: it is not read.
    expect(resolveClientAddress({ peer: "192.0.2.10", forwardedFor: forged }, proxies)).toBe("192.0.2.10");
    // Without a known peer nothing proves the header came through a proxy.
    expect(resolveClientAddress({ forwardedFor: forged }, proxies)).toBeUndefined();
    // Every hop a proxy: the furthest one.
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "10.0.0.9, 10.0.0.8" }, proxies)).toBe("10.0.0.9");
  });

  it("counts IPv6 clients per /64 and makes a safe cache key", () => {
    const headers = (forwardedFor: string) => new Headers({ "x-forwarded-for": forwardedFor });
    expect(clientAddress(headers("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), trust("1"))).toBe("2001:db8:1:2::/64");
    expect(clientAddress(headers("2001:db8:1:2::9"), trust("1"))).toBe("2001:db8:1:2::/64");
    expect(clientAddress(headers("2001:db8::1"), trust("1"))).toBe("2001:db8:0:0::/64");
    expect(clientAddress(headers("[2001:db8:0:0:1::2]"), trust("1"))).toBe("2001:db8:0:0::/64");
    expect(clientAddress(headers("198.51.100.7"), trust("1"))).toBe("198.51.100.7");
    expect(clientAddress(headers("a b}c{d"), trust("1"))).toBe("a_b_c_d");
    expect(clientAddress(headers(forged), TRUST_NOBODY)).toBe("unknown");
  });

  it("takes the peer from a header only this process can write", async () => {
    // A client that sends the header itself is not believed.
    expect(peerAddress(new Headers({ [PEER_HEADER]: "anything 203.0.113.66" }))).toBeUndefined();

    recordPeerAddresses();
    const seen: (string | undefined)[] = [];
    const server = http.createServer((req, res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      seen.push(peerAddress(headers), clientAddress(headers, TRUST_NOBODY));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "forged 203.0.113.66", "x-forwarded-for": "203.0.113.66" } });
      expect(seen).toEqual(["127.0.0.1", "127.0.0.1"]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
