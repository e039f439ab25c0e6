/**
 * Plain SQL over the same connections Prisma uses, for the few statements on a chat turn's hot
 * path. Measured on this stack (bench/db-query.bench.ts): a Prisma query costs 4–9× the CPU of
 * the same query sent through the pg pool, and a turn is CPU-bound. Everything else stays on
 * Prisma; the schema and migrations are Prisma's.
 */
import type pg from "pg";
import type { PGlite } from "@electric-sql/pglite";

export interface Sql {
  /** One statement with `$1…` parameters. JSON columns come back parsed; send JSON as text cast with `::jsonb`. */
  query<Row extends object>(text: string, values?: readonly unknown[]): Promise<Row[]>;
}

/** Postgres' code for a unique-constraint violation (Prisma reports it as P2002). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "P2002";
}

/** Named statements are parsed and planned once per connection; only fixed texts are named. */
const MAX_NAMED_STATEMENTS = 64;

export function pgSql(pool: pg.Pool): Sql {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (!name && names.size < MAX_NAMED_STATEMENTS) {
      name = `heartline_${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    async query<Row extends object>(text: string, values: readonly unknown[] = []): Promise<Row[]> {
      const name = nameOf(text);
      const result = await pool.query<Row>({ text, values: [...values], ...(name ? { name } : {}) });
      return result.rows;
    },
  };
}

/** PGlite runs one statement at a time and waits for any open transaction (Prisma's included). */
export function pgliteSql(db: PGlite): Sql {
  return {
    async query<Row extends object>(text: string, values: readonly unknown[] = []): Promise<Row[]> {
      const result = await db.query<Row>(text, [...values]);
      return result.rows;
    },
  };
}

/** A timestamp for `timestamp(3)` columns as Prisma stores them: the UTC wall-clock time. */
export function utcTimestamp(date: Date): string {
  return date.toISOString().slice(0, -1);
}
