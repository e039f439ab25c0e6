// Types for database-target.mjs, so TypeScript code (server/db, tests) can import it.

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };

/** The variables that choose the database; NodeJS.ProcessEnv and the validated Env both fit. */
export interface DatabaseEnv {
  readonly DATABASE_URL?: string | undefined;
  readonly PGLITE_DIR?: string | undefined;
}

export declare const PROJECT_ROOT: string;
export declare const DEFAULT_PGLITE_DIR: string;
/** File inside a PGlite data directory while a migration has it open (holds the process id). */
export declare const PGLITE_LOCK_FILE: string;

/**
 * Non-empty DATABASE_URL → Postgres; otherwise PGlite in PGLITE_DIR (default ./.data/pglite),
 * resolved against `root` (default: the project root) to an absolute path. Does not create it.
 */
export declare function resolveDatabaseTarget(env?: DatabaseEnv, root?: string): DatabaseTarget;

/** The URL given to Prisma's CLI: the Postgres URL, or a postgresql://pglite/…?dir=… marker URL. */
export declare function datasourceUrl(target: DatabaseTarget): string;

/** The inverse of datasourceUrl. Throws on a URL that is not postgresql://. */
export declare function targetFromDatasourceUrl(url: string): DatabaseTarget;

/** The id of the live process holding a PGlite directory's lock file, if any. */
export declare function pgliteLockHolder(dir: string): number | undefined;
