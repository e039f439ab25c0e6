// One place decides Postgres vs embedded PGlite, shared with the migration runner (plain Node).
export { resolveDatabaseTarget, type DatabaseTarget } from "../../prisma/engine/database-target.mjs";
