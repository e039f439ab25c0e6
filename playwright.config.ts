import { defineConfig } from "@playwright/test";
import path from "node:path";
import { E2E_METRICS_TOKEN } from "./tests/support/e2e-env";

/**
 * Browser tests drive Debian's Chromium (never a downloaded browser build) against a production
 * build of the app. Without DATABASE_URL the app runs on a fresh embedded PGlite folder.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
const pgliteDir = path.resolve(".data/e2e-pglite");

export default defineConfig({
  testDir: "tests/e2e",
  // Two workers share the one server: each test makes its own data (scripts, sessions, accounts,
  // contexts) and reads only its own rows, so any two tests can run at the same time. The few
  // that cannot say so themselves (a lock, or a file kept in order).
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // A fresh embedded database per run; with DATABASE_URL the real Postgres is used instead.
    // Browser tests check the deterministic template mode, whatever the developer has configured.
    command: `rm -rf "${pgliteDir}" && env -u OPENAI_API_KEY -u OPENAI_BASE_URL -u OPENAI_MODEL sh -c "npm run build && npm run start"`,
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      PGLITE_DIR: pgliteDir,
      NEXT_TELEMETRY_DISABLED: "1",
      // The test command has already type-checked the project (tsc --noEmit).
      HEARTLINE_BUILD_SKIP_TYPECHECK: "1",
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-0123456789-abcdefghijklmnop",
      METRICS_TOKEN: E2E_METRICS_TOKEN,
      // The first admin, created at start; tests/e2e/review.spec.ts signs in with it.
      HEARTLINE_ADMIN_EMAIL: "admin@heartline.test",
      HEARTLINE_ADMIN_PASSWORD: "e2e-admin-password-0123",
    },
  },
});
