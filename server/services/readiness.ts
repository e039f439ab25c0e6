import { readdir } from "node:fs/promises";
import type { Database } from "../db/client";
import { probeDatabase } from "./health";

export interface ReadinessReport {
  ready: boolean;
  db: Awaited<ReturnType<typeof probeDatabase>>;
  migrations: { expected: number; applied: number; pending: string[] } | { error: string };
}

/** Migration folders shipped with this build (prisma/migrations/<timestamp>_<name>). */
export async function shippedMigrations(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && /^\d{14}_/.test(e.name)).map((e) => e.name).sort();
}

/** Ready to serve: the database answers and every shipped migration has been applied. */
export async function checkReadiness(db: Database, migrationsDir: string): Promise<ReadinessReport> {
  const probe = await probeDatabase(db);
  if (!probe.ok) return { ready: false, db: probe, migrations: { error: "database unavailable" } };
  try {
    const expected = await shippedMigrations(migrationsDir);
    const rows = await db.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.migration_name));
    const pending = expected.filter((name) => !applied.has(name));
    return { ready: pending.length === 0, db: probe, migrations: { expected: expected.length, applied: expected.length - pending.length, pending } };
  } catch {
    return { ready: false, db: probe, migrations: { error: "migrations have not been applied (run npm run db:migrate)" } };
  }
}
