-- AlterTable: a running turn claims its session before anything streams (another message gets 409 at once).
ALTER TABLE "Session" ADD COLUMN     "turnClaimedBy" TEXT,
ADD COLUMN     "turnClaimedUntil" TIMESTAMP(3);
