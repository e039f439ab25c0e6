/**
 * Runs one analytics statement with settings for reporting, local to its transaction:
 * - JIT off: the planner's row estimates for set-returning functions over a script's JSON (100 rows
 *   per level) and for aggregates over a large project cross the JIT threshold, and compiling then
 *   costs seconds for a query that runs in milliseconds (measured: bench/analytics.bench.ts).
 * - more memory per sort and hash (`work_mem`), so grouping 100,000 sessions does not spill to disk.
 * PGlite accepts both settings (it has no JIT).
 */
import { Prisma, type PrismaClient } from "../../db/generated/client";

export async function analyticsQuery<Row>(prisma: PrismaClient, query: Prisma.Sql): Promise<Row[]> {
  const [, rows] = await prisma.$transaction([prisma.$queryRaw`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`, prisma.$queryRaw<Row[]>(query)]);
  return rows;
}

export const sql = Prisma.sql;
