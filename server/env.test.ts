import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("runs on embedded defaults with nothing set", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe("./.data/pglite");
    expect(env.llmMode).toBe("template");
    expect(env.LOG_LEVEL).toBe("info");
    expect(env.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("treats empty strings as unset", () => {
    const env = parseEnv({ OPENAI_BASE_URL: "", DATABASE_URL: "  ", OPENAI_API_KEY: "" });
    expect(env.OPENAI_BASE_URL).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.llmMode).toBe("template");
  });

  it("switches to model mode with an API key, defaulting the model", () => {
    const env = parseEnv({ OPENAI_API_KEY: "sk-test" });
    expect(env.llmMode).toBe("model");
    expect(env.llmModel).toBe("gpt-4o-mini");
  });

  it("names the variable of a bad value without echoing it", () => {
    let error: unknown;
    try {
      parseEnv({ DATABASE_URL: "mysql://secret-password@host/db", LOG_LEVEL: "loud" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("LOG_LEVEL");
    expect(message).not.toContain("secret-password");
  });

  it("requires the Upstash token with the URL, and a model name with a base URL", () => {
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: "https://example.upstash.io" })).toThrow(/UPSTASH_REDIS_REST_TOKEN/);
    expect(() => parseEnv({ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" })).toThrow(/OPENAI_MODEL/);
  });

  it("requires AUTH_SECRET in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET/);
    const env = parseEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) });
    expect(env.AUTH_SECRET).toBe("x".repeat(40));
  });

  it("trusts no forwarded header by default, and reads TRUST_PROXY as hops or proxy addresses", () => {
    expect(parseEnv({}).TRUST_PROXY).toEqual({ kind: "none" });
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toEqual({ kind: "hops", hops: 1 });
    expect(parseEnv({ TRUST_PROXY: "10.0.0.0/8,loopback" }).TRUST_PROXY).toMatchObject({ kind: "addresses", entries: ["10.0.0.0/8", "loopback"] });
    expect(() => parseEnv({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY must be the number of proxies/);
    expect(() => parseEnv({ TRUST_PROXY: "10.0.0.1,proxy.internal" })).toThrow(/TRUST_PROXY entry 2 is not/);
    expect(() => parseEnv({ TRUST_PROXY: "10.0.0.1,proxy.internal" })).not.toThrow(/proxy\.internal/);
  });

  it("reads the shutdown grace in seconds", () => {
    expect(parseEnv({}).SHUTDOWN_GRACE_SECONDS).toBe(25);
    expect(parseEnv({ SHUTDOWN_GRACE_SECONDS: "5" }).SHUTDOWN_GRACE_SECONDS).toBe(5);
    expect(() => parseEnv({ SHUTDOWN_GRACE_SECONDS: "-1" })).toThrow(/SHUTDOWN_GRACE_SECONDS/);
  });

  it("hashes passwords at scrypt N = 32768 unless a test suite lowers it", () => {
    expect(parseEnv({}).PASSWORD_SCRYPT_N).toBe(32768);
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) }).PASSWORD_SCRYPT_N).toBe(32768);
    expect(parseEnv({ PASSWORD_SCRYPT_N: "65536" }).PASSWORD_SCRYPT_N).toBe(65536);
    expect(parseEnv({ NODE_ENV: "test", PASSWORD_SCRYPT_N: "16" }).PASSWORD_SCRYPT_N).toBe(16);
  });

  it("refuses a lower password cost outside NODE_ENV=test, and a cost that is not a power of two", () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) };
    expect(() => parseEnv({ ...production, PASSWORD_SCRYPT_N: "16" })).toThrow(/PASSWORD_SCRYPT_N must be at least 32768/);
    expect(() => parseEnv({ ...production, PASSWORD_SCRYPT_N: "16384" })).toThrow(/PASSWORD_SCRYPT_N/);
    expect(() => parseEnv({ NODE_ENV: "development", PASSWORD_SCRYPT_N: "1024" })).toThrow(/PASSWORD_SCRYPT_N/);
    expect(() => parseEnv({ PASSWORD_SCRYPT_N: "1024" })).toThrow(/PASSWORD_SCRYPT_N/);
    expect(() => parseEnv({ NODE_ENV: "test", PASSWORD_SCRYPT_N: "1000" })).toThrow(/PASSWORD_SCRYPT_N must be a power of two up to 1048576/);
    expect(() => parseEnv({ NODE_ENV: "test", PASSWORD_SCRYPT_N: "8" })).toThrow(/PASSWORD_SCRYPT_N/);
    expect(() => parseEnv({ PASSWORD_SCRYPT_N: String(1 << 21) })).toThrow(/PASSWORD_SCRYPT_N/);
  });
});
