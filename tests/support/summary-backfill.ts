/**
 * Runs the analytics summary's backfill migration (its SQL file, statement by statement) on a
 * test database, so data seeded row by row gets the summary turns would have written, by the very
 * SQL that fills it for data stored before it existed.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/server/db/generated/client";

const migrations = path.resolve(import.meta.dirname, "../../prisma/migrations");

export async function backfillAnalyticsSummaries(prisma: PrismaClient): Promise<void> {
  const folder = (await readdir(migrations)).find((name) => name.endsWith("_session_summary_backfill"));
  if (!folder) throw new Error("the session summary backfill migration is missing");
  const text = await readFile(path.join(migrations, folder, "migration.sql"), "utf8");
  const statements = text
    .split(/;\s*$/m)
    .map((chunk) => chunk.replace(/^\s*--.*$/gm, "").trim())
    .filter(Boolean);
  for (const statement of statements) await prisma.$executeRawUnsafe(statement);
}
