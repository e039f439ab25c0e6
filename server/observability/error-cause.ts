/**
 * An error as it may be logged: its class, code and a message that cannot carry what a person
 * wrote. Database errors quote the values they refuse ('invalid input syntax for type integer:
 * "…"') and carry the statement's data in `detail`/`where`; clients' words are health data. So
 * only the first line of a message is kept, with every quoted part cut out, and of a Postgres
 * error only fields that name the schema (table, column, constraint, routine), never `detail`.
 */
export interface ErrorCause {
  name: string;
  code?: string;
  message?: string;
  table?: string;
  column?: string;
  constraint?: string;
  routine?: string;
  cause?: ErrorCause;
}

const QUOTED = /"[^"]*"|'[^']*'|“[^”]*”|«[^»]*»/g;
const MAX_MESSAGE = 200;
const MAX_DEPTH = 3;
const SCHEMA_FIELDS = ["table", "column", "constraint", "routine"] as const;

function plain(message: string): string {
  const firstLine = message.split("\n", 1)[0] ?? "";
  return firstLine.replace(QUOTED, "…").slice(0, MAX_MESSAGE);
}

export function errorCause(error: unknown, depth = 0): ErrorCause {
  if (!(error instanceof Error)) return { name: error === null ? "null" : typeof error };
  const fields = error as Error & Record<string, unknown>;
  const cause: ErrorCause = { name: error.name };
  if (typeof fields.code === "string" || typeof fields.code === "number") cause.code = String(fields.code);
  if (error.message) cause.message = plain(error.message);
  for (const key of SCHEMA_FIELDS) {
    const value = fields[key];
    if (typeof value === "string" && value) cause[key] = value.slice(0, 100);
  }
  if (error.cause !== undefined && depth < MAX_DEPTH) cause.cause = errorCause(error.cause, depth + 1);
  return cause;
}
