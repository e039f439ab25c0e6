import { configDefaults, defineConfig } from "vitest/config";
import { globSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

const UNIT_TESTS = "{server,app,components,scripts,prisma}/**/*.test.{ts,tsx}";
/** Unit files that replace a module with vi.mock: found, not listed, so a new one cannot leak its mock. */
const MOCKING_UNIT_TESTS = globSync(UNIT_TESTS, { cwd: root }).filter((file) => readFileSync(`${root}${file}`, "utf8").includes("vi.mock("));

// Unit tests beside the code (those that mock modules in a project of their own), and integration
// tests under tests/integration that talk to a real database (Postgres when DATABASE_URL is set,
// PGlite otherwise).
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    // The engine reads no files: every test process hands it the shipped models' files first.
    setupFiles: ["tests/support/shipped-models.ts"],
    // package.json allows Node 22.12, whose V8 refuses regular expressions that reuse a group name
    // or set flags inside a group (Node 24 accepts both): the tests run with both off, so a pattern
    // that needs them fails here rather than on an operator's Node 22.
    execArgv: ["--no-js-regexp-duplicate-named-groups", "--no-js-regexp-modifiers"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [UNIT_TESTS],
          exclude: [...configDefaults.exclude, ...MOCKING_UNIT_TESTS],
          environment: "node",
          // Files share one module registry per worker: each shipped model and the engine load
          // once per worker rather than once per file (unit time about 81 s → 27 s).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // Files that replace modules with vi.mock need a registry of their own.
          name: "unit-mocking",
          include: MOCKING_UNIT_TESTS,
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Migrates one template database per run; each file's database is a copy of it.
          globalSetup: ["tests/support/integration-setup.ts"],
          // Cheap password hashes (scrypt N = 16; production's 32768 took a third of a second per
          // hash here). The env module accepts a value below 32768 only under NODE_ENV=test.
          env: { PASSWORD_SCRYPT_N: "16" },
          // One file at a time. Each file has a database of its own (a copy of the template), but on
          // two cores two files side by side took longer (117 s) than one after another (104 s).
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
