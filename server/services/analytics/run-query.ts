/**
 * Runs one analytics statement with settings for reporting, local to its transaction:
 * - JIT off: the planner's row estimates for set-returning functions over a script's JSON (100 rows
 *   per level) and for aggregates over a large project cross the JIT threshold, and compiling then
 *   costs seconds for a query that runs in milliseconds (measured: bench/analytics.bench.ts).
 * - more memory per sort and hash (`work_mem`), so grouping 100,000 sessions does not spill to disk.
 * - a statement timeout, so a report on a huge project fails with a clear error instead of holding
 *   a connection.
 * PGlite accepts these settings (it has no JIT).
 */
import { Prisma, type PrismaClient } from "../../db/generated/client";

const STATEMENT_TIMEOUT_MS = 20_000;

export async function analyticsQuery<Row>(prisma: PrismaClient, query: Prisma.Sql): Promise<Row[]> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true), set_config('statement_timeout', ${String(STATEMENT_TIMEOUT_MS)}, true)`;
      return tx.$queryRaw<Row[]>(query);
    },
    // Prisma's default (5 s) is for short writes; the statement timeout bounds this one.
    { timeout: STATEMENT_TIMEOUT_MS + 5_000, maxWait: 10_000 },
  );
}

/** Prisma's SQL template tag, for the analytics modules' statements. */
export const sql = Prisma.sql;
