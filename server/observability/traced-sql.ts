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

/** "SELECT Session", "UPDATE Session", "INSERT Message": what a statement does, without its data. */
export function statementSummary(text: string): { operation: string; table?: string } {
  const flat = topLevel(text);
  const operation = (OPERATION.exec(flat)?.[1] ?? "QUERY").toUpperCase();
  const table = TABLE.exec(flat)?.[1];
  return table ? { operation, table } : { operation };
}

/** The same Sql, each statement a client span; returned unchanged when tracing is off. */
export function tracedSql(sql: Sql, system: "postgresql" | "pglite"): Sql {
  if (!tracingOn()) return sql;
  const summaries = new Map<string, ReturnType<typeof statementSummary>>();
  return {
    query<Row extends object>(text: string, values?: readonly unknown[]): Promise<Row[]> {
      let summary = summaries.get(text);
      if (!summary) {
        summary = statementSummary(text);
        if (summaries.size < 256) summaries.set(text, summary);
      }
      const name = summary.table ? `${summary.operation} ${summary.table}` : summary.operation;
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
