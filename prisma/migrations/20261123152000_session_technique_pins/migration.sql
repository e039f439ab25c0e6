-- AlterTable: sessions pin the technique versions they started with.
ALTER TABLE "Session" ADD COLUMN     "techniquePins" JSONB NOT NULL DEFAULT '{}';
