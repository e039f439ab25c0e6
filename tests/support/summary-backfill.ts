/**
 * Runs the analytics roll-ups' backfill migrations (their SQL files in order, statement by
 * statement) on a test database, so data seeded row by row gets the roll-ups turns would have
 * written, by the very SQL that fills them for data stored before they existed.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/server/db/generated/client";

const migrations = path.resolve(import.meta.dirname, "../../prisma/migrations");
const BACKFILLS = ["_session_summary_backfill", "_analytics_rollups_backfill"];

export async function backfillAnalyticsSummaries(prisma: PrismaClient): Promise<void> {
  const folders = (await readdir(migrations)).sort();
  for (const suffix of BACKFILLS) {
    const folder = folders.find((name) => name.endsWith(suffix));
    if (!folder) throw new Error(`the backfill migration *${suffix} is missing`);
    const text = await readFile(path.join(migrations, folder, "migration.sql"), "utf8");
    const statements = text
      .split(/;\s*$/m)
      .map((chunk) => chunk.replace(/^\s*--.*$/gm, "").trim())
      .filter(Boolean);
    for (const statement of statements) await prisma.$executeRawUnsafe(statement);
  }
}
