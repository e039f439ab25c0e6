// An empty value means "unset" (server/env.ts), but some libraries read process.env themselves
// at load time: @ai-sdk/openai throws on an empty OPENAI_BASE_URL. Drop empty values before any
// server code loads (build workers and the server inherit this process's environment).
for (const name of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "DATABASE_URL", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"]) {
  if (process.env[name]?.trim() === "") delete process.env[name];
}

// The Content-Security-Policy, with a nonce per request, is set by proxy.ts.
const securityHeaders = [
  // Browsers honour HSTS only over TLS, so sending it on plain HTTP (local development) is harmless.
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  // Conversation URLs must not leak to other sites.
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks every file (tsc --noEmit) before the browser tests build the app, so
  // that build skips Next's second check of the same files. Every other build checks.
  typescript: { ignoreBuildErrors: process.env.HEARTLINE_BUILD_SKIP_TYPECHECK === "1" },
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg"],
  // The shipped classifier models are files the server reads at run time
  // (server/services/shipped-models.ts), traced into every route's output so that the standalone
  // build and Vercel carry them.
  outputFileTracingIncludes: { "/*": ["server/engine/safety/classifier/risk-model.bin", "server/engine/understanding/reply-models.bin"] },
  experimental: {
    // Next loads every route's server chunks at start by default. Turbopack wrote the server code
    // (then with the shipped classifier models) into one 8–10 MB chunk per group of routes,
    // identical apart from its name, and V8 keeps each loaded chunk's source: seven copies held
    // ≈ 120 MB. Loaded on a route's first request instead; the engine loads once, through one
    // dynamic import (server/services/engine-runtime.ts).
    preloadEntriesOnStart: false,
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
