import { defineConfig } from "prisma/config";

// The URL is only a placeholder when DATABASE_URL is unset: `prisma generate` needs none, and
// migrations go through prisma/engine/migrate.mjs, which picks Postgres or embedded PGlite itself.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL || "postgresql://placeholder@localhost:5432/placeholder" },
});
