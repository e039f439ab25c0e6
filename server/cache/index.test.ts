import { describe, expect, it } from "vitest";

import { CacheConfigError, createCache, MemoryCache, UpstashCache } from "./index";

describe("createCache", () => {
  it("uses the in-memory cache when no Upstash URL is configured", () => {
    expect(createCache({})).toBeInstanceOf(MemoryCache);
    expect(createCache({ upstashUrl: "", upstashToken: "" }).kind).toBe("memory");
    expect(createCache({ upstashUrl: "   " }).kind).toBe("memory");
  });

  it("uses Upstash when the URL and token are set", () => {
    const cache = createCache({ upstashUrl: "https://eu1-example.upstash.io", upstashToken: "token" });
    expect(cache).toBeInstanceOf(UpstashCache);
    expect(cache.kind).toBe("upstash");
  });

  it("refuses a URL without a token, naming both settings", () => {
    expect(() => createCache({ upstashUrl: "https://eu1-example.upstash.io" })).toThrow(CacheConfigError);
    expect(() => createCache({ upstashUrl: "https://eu1-example.upstash.io", upstashToken: " " })).toThrow(
      /UPSTASH_REDIS_REST_URL is set but UPSTASH_REDIS_REST_TOKEN is missing/,
    );
  });

  it("refuses a URL that is not http(s)", () => {
    expect(() => createCache({ upstashUrl: "redis://localhost:6379", upstashToken: "t" })).toThrow(
      /UPSTASH_REDIS_REST_URL must be an http\(s\) URL/,
    );
  });
});
