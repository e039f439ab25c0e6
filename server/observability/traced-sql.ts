/**
 * Plain SQL statements as spans (Prisma's own queries get theirs from Prisma's instrumentation).
 * A span names the operation and the first table only, never the parameter values; the
 * statement text itself is left out too, so nothing a future statement inlines can leak.
 */
import { SpanKind, trace } from "@opentelemetry/api";
import type { Sql } from "../db/sql";
import { TRACER_NAME, markFailed, tracingOn } from "./tracing";

const OPERATION = /^\s*(?:WITH\s+(?:RECURSIVE\s+)?(?:"?\w+"?\s+AS\s*(?:NOT\s+)?(?:MATERIALIZED\s+)?,?\s*)+)?(SELECT|INSERT|UPDATE|DELETE)\b/i;
const TABLE = /\b(?:FROM|INTO|UPDATE)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/i;

const INNERMOST_PARENS = /\([^()]*\)/g;

/** The statement with every parenthesised part (subqueries, column lists, CTE bodies) taken out. */
function topLevel(text: string): string {
  let flat = text;
  for (let depth = 0; depth < 16 && flat.includes("("); depth++) flat = flat.replace(INNERMOST_PARENS, " ");
  return flat;
}

const WRITE = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/gi;

export interface StatementSummary {
  operation: string;
  table?: string;
  /** Writes made inside the statement's common table expressions ("UPDATE Session", "INSERT Message"). */
  writes?: string[];
}

/** "SELECT Session", "UPDATE Session", "INSERT Message": what a statement does, without its data. */
export function statementSummary(text: string): StatementSummary {
  const flat = topLevel(text);
  const operation = (OPERATION.exec(flat)?.[1] ?? "QUERY").toUpperCase();
  const table = TABLE.exec(flat)?.[1];
  const summary: StatementSummary = table ? { operation, table } : { operation };
  if (/^\s*WITH\b/i.test(text)) {
    const writes = [...new Set([...text.matchAll(WRITE)].map((m) => `${(m[1] ?? "").split(/\s+/)[0]?.toUpperCase()} ${m[2]}`))];
    if (writes.length > 0) summary.writes = writes;
  }
  return summary;
}

/** The span's name: the writes of a statement built from data-modifying CTEs, else its operation and table. */
export function statementName(summary: StatementSummary): string {
  if (summary.writes) return `WITH ${summary.writes.join(", ")}`;
  return summary.table ? `${summary.operation} ${summary.table}` : summary.operation;
}

/** The same Sql, each statement a client span; returned unchanged when tracing is off. */
export function tracedSql(sql: Sql, system: "postgresql" | "pglite"): Sql {
  if (!tracingOn()) return sql;
  const summaries = new Map<string, { name: string; summary: StatementSummary }>();
  return {
    query<Row extends object>(text: string, values?: readonly unknown[]): Promise<Row[]> {
      let known = summaries.get(text);
      if (!known) {
        const summary = statementSummary(text);
        known = { name: statementName(summary), summary };
        if (summaries.size < 256) summaries.set(text, known);
      }
      const { name, summary } = known;
      const attributes = { "db.system.name": system, "db.operation.name": summary.operation, ...(summary.table ? { "db.collection.name": summary.table } : {}) };
      return trace.getTracer(TRACER_NAME).startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
        try {
          return await sql.query<Row>(text, values);
        } catch (error) {
          markFailed(span, error);
          throw error;
        } finally {
          span.end();
        }
      });
    },
  };
}
