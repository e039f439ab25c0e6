import { z } from "zod";
import { parseTrustProxy } from "./auth/client-address";

/**
 * Every environment variable Heartline reads, validated once. An empty string counts as unset
 * (a blank `OPENAI_BASE_URL=` would otherwise break the OpenAI provider at load time).
 * Documented, one by one, in `.env.example` and the README.
 */

const optionalString = z.string().trim().min(1).optional();
const optionalUrl = (protocols: RegExp) =>
  z
    .url({ protocol: protocols, error: "must be a URL" })
    .optional();

const DEV_AUTH_SECRET = "heartline-development-secret-do-not-use-in-production";

/** scrypt's N for new password hashes: 2^15 (about 32 MiB and tens of milliseconds per hash). */
const PASSWORD_SCRYPT_N_DEFAULT = 32768;
/** Lower costs are accepted under NODE_ENV=test only, so test suites that hash hundreds of passwords stay fast. */
const PASSWORD_SCRYPT_N_TEST_FLOOR = 16;
const PASSWORD_SCRYPT_N_MAX = 1 << 20;
const PASSWORD_SCRYPT_N_PROBLEM = `must be a power of two up to ${PASSWORD_SCRYPT_N_MAX} (default ${PASSWORD_SCRYPT_N_DEFAULT})`;

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: optionalUrl(/^postgres(ql)?$/).describe("Postgres connection URL; unset = embedded PGlite"),
    PGLITE_DIR: z.string().default("./.data/pglite"),
    UPSTASH_REDIS_REST_URL: optionalUrl(/^https?$/),
    UPSTASH_REDIS_REST_TOKEN: optionalString,
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalUrl(/^https?$/),
    OPENAI_MODEL: optionalString,
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    HEARTLINE_ADMIN_EMAIL: z.email("must be an email address").optional(),
    HEARTLINE_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    ALLOWED_ORIGINS: z
      .string()
      .optional()
      .transform((value) => (value ? value.split(",").map((o) => o.trim()).filter(Boolean) : [])),
    TURNS_PER_MINUTE_PER_CLIENT: z.coerce.number().int().min(1, "must be a whole number, at least 1").default(30),
    TURNS_PER_MINUTE_PER_SESSION: z.coerce.number().int().min(1, "must be a whole number, at least 1").default(20),
    RETENTION_DAYS: z.coerce.number().int().min(1, "must be a whole number of days, at least 1").optional(),
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const trust = parseTrustProxy(value);
        if ("error" in trust) {
          ctx.addIssue({ code: "custom", message: trust.error });
          return z.NEVER;
        }
        return trust;
      }),
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0, "must be a whole number of seconds from 0 to 3600").max(3600, "must be a whole number of seconds from 0 to 3600").default(25),
    HEAP_GROWING_PERCENT: z.coerce.number().int().min(0, "must be a whole number from 0 to 300").max(300, "must be a whole number from 0 to 300").default(50),
    PASSWORD_SCRYPT_N: z.coerce
      .number()
      .int()
      .min(PASSWORD_SCRYPT_N_TEST_FLOOR, PASSWORD_SCRYPT_N_PROBLEM)
      .max(PASSWORD_SCRYPT_N_MAX, PASSWORD_SCRYPT_N_PROBLEM)
      .refine((n) => (n & (n - 1)) === 0, PASSWORD_SCRYPT_N_PROBLEM)
      .default(PASSWORD_SCRYPT_N_DEFAULT),
  })
  .superRefine((env, ctx) => {
    if (env.UPSTASH_REDIS_REST_URL && !env.UPSTASH_REDIS_REST_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["UPSTASH_REDIS_REST_TOKEN"],
        message: "is required when UPSTASH_REDIS_REST_URL is set",
      });
    }
    if (env.OPENAI_BASE_URL && !env.OPENAI_MODEL) {
      ctx.addIssue({
        code: "custom",
        path: ["OPENAI_MODEL"],
        message: "is required when OPENAI_BASE_URL is set (the server's model name)",
      });
    }
    // A cheaper hash is for test suites only: anywhere else a low value stops the start.
    if (env.NODE_ENV !== "test" && env.PASSWORD_SCRYPT_N < PASSWORD_SCRYPT_N_DEFAULT) {
      ctx.addIssue({
        code: "custom",
        path: ["PASSWORD_SCRYPT_N"],
        message: `must be at least ${PASSWORD_SCRYPT_N_DEFAULT} (lower values are for NODE_ENV=test only)`,
      });
    }
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "is required in production (it signs identity cookies); generate one with `openssl rand -base64 48`",
      });
    }
  });

type ParsedEnv = z.infer<typeof envSchema>;

export type Env = Omit<ParsedEnv, "AUTH_SECRET"> & {
  AUTH_SECRET: string;
  /** "model" when a model is configured, else the deterministic "template" mode. */
  llmMode: "model" | "template";
  /** The model name used in model mode. */
  llmModel: string | undefined;
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses a raw environment (pure: pass `process.env` or a test object). Throws EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".") || "environment";
        // Never echo the value: it may be a secret.
        return `${name} ${issue.message}`;
      }),
    );
  }
  const env = result.data;
  const llmConfigured = Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL);
  return {
    ...env,
    AUTH_SECRET: env.AUTH_SECRET ?? DEV_AUTH_SECRET,
    llmMode: llmConfigured ? "model" : "template",
    llmModel: llmConfigured ? (env.OPENAI_MODEL ?? "gpt-4o-mini") : undefined,
  };
}

let cached: Env | undefined;

/** The process environment, validated on first use and then cached. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
