import path from "node:path";
import { defineConfig } from "@playwright/test";
import e2e from "../../playwright.config";

/**
 * Browser timings: they print figures and assert no speed. The browser tests' own setup (a
 * production build on a fresh database, Debian's Chromium), pointed at this folder:
 *   E2E_PORT=3100 npx playwright test --config bench/browser/playwright.config.ts
 */
const root = path.resolve(import.meta.dirname, "../..");
const server = e2e.webServer && !Array.isArray(e2e.webServer) ? { ...e2e.webServer, cwd: root } : e2e.webServer;

export default defineConfig({ ...e2e, testDir: ".", testMatch: "*.bench.ts", timeout: 120_000, webServer: server });
