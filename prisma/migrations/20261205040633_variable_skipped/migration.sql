-- AlterTable: a skip is recorded in lineage as such (value null), distinct from an answer stored as null.
ALTER TABLE "VariableValue" ADD COLUMN     "skipped" BOOLEAN NOT NULL DEFAULT false;
