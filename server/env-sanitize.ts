/**
 * Imported first by every entry point (instrumentation, CLI). An empty value means "unset"
 * (server/env.ts), but some libraries read process.env themselves at load time: @ai-sdk/openai
 * throws on an empty OPENAI_BASE_URL. Drop empty values before they can be seen.
 */
const READ_BY_LIBRARIES = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "DATABASE_URL", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"];

for (const name of READ_BY_LIBRARIES) {
  if (process.env[name]?.trim() === "") delete process.env[name];
}

export {};
