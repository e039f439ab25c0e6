/**
 * A test file's database without the file writing its hooks: `setUpTestDatabase()` registers a
 * beforeAll and an afterAll where it is called (at the top of the file, or in a describe block) and
 * returns a handle whose fields that beforeAll fills in before the first test runs (read while the
 * file is being collected, they are still undefined): a fresh migrated database
 * (`createTestDatabase`), the shipped examples seeded and published when asked, and session
 * dependencies and a platform on it. The afterAll drops the database.
 *
 * A file's own set-up goes in a beforeAll after the call and sees the handle filled in: Vitest runs
 * beforeAll hooks in the order they were registered and afterAll hooks in the reverse
 * (`sequence.hooks: "stack"`, its default), so what the file's afterAll closes is closed before the
 * database is dropped.
 */
import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/server/db/client";
import { setPlatform, type Platform } from "@/server/platform";
import type { SessionDeps } from "@/server/services/sessions/deps";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { seedExamples, sessionDeps, type ExampleScripts } from "./seeded-scripts";
import { testPlatform } from "./test-platform";

export interface FileDatabase {
  db: Database;
  /** For Postgres: the admin URL and the database name, to build proxied URLs in fault tests. */
  postgres: TestDatabase["postgres"];
  /** Session dependencies on the database: template mode, an in-memory cache of their own. */
  deps: SessionDeps;
  /** A platform on the database (`testPlatform`): template mode, an in-memory cache of its own. */
  platform: Platform;
}

/** With the shipped examples seeded: the default project they are in, and the weekly check-in. */
export type SeededFileDatabase = FileDatabase & ExampleScripts;

interface Options {
  /** Seed and publish the shipped example scripts into the default project, as the app does at start. */
  examples?: boolean;
  /** Make `platform` the process-wide one that route handlers read, and unset it after the file. */
  routes?: boolean;
}

export function setUpTestDatabase(options: Options & { examples: true }): SeededFileDatabase;
export function setUpTestDatabase(options?: Options): FileDatabase;
export function setUpTestDatabase(options: Options = {}): FileDatabase | SeededFileDatabase {
  const handle = {} as SeededFileDatabase;
  let testDb: TestDatabase | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const { db, postgres } = testDb;
    Object.assign(handle, { db, postgres, deps: sessionDeps(db), platform: testPlatform(db) } satisfies FileDatabase);
    if (options.examples) Object.assign(handle, await seedExamples(db));
    if (options.routes) setPlatform(handle.platform);
  });

  afterAll(async () => {
    if (options.routes) setPlatform(undefined);
    await testDb?.drop();
  });

  return handle;
}
