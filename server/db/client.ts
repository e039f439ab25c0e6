import path from "node:path";
import { mkdirSync } from "node:fs";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client";
import type { DatabaseTarget } from "./target";
import { pgliteSql, pgSql, type Sql } from "./sql";
import { lockPgliteDir } from "./pglite-lock";
import { tracedSql } from "../observability/traced-sql";

export type { DatabaseTarget };
export type DatabaseKind = DatabaseTarget["kind"];

export interface Database {
  readonly prisma: PrismaClient;
  /** Plain SQL over the same pool or embedded database (a chat turn's hot path). */
  readonly sql: Sql;
  readonly kind: DatabaseKind;
  /** Connection pool figures (Postgres only), for health and metrics. */
  poolStats(): { total: number; idle: number; waiting: number } | null;
  close(): Promise<void>;
}

/** How long a new Postgres connection may take before the call fails with a clear error. */
const CONNECT_TIMEOUT_MS = 5_000;
const POOL_MAX = 10;

export function openDatabase(target: DatabaseTarget): Database {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: POOL_MAX,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on("error", () => {});
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      prisma,
      sql: tracedSql(pgSql(pool), "postgresql"),
      kind: "postgres",
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: async () => {
        await prisma.$disconnect();
        await pool.end().catch(() => {});
      },
    };
  }

  const dir = path.resolve(target.dir);
  mkdirSync(dir, { recursive: true });
  // One process at a time (see pglite-lock.ts): a second one is refused with what to do.
  const unlock = lockPgliteDir(dir);
  const pglite = new PGlite(dir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    sql: tracedSql(pgliteSql(pglite), "pglite"),
    kind: "pglite",
    poolStats: () => null,
    close: async () => {
      try {
        await prisma.$disconnect();
        if (!pglite.closed) await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}
