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
});
