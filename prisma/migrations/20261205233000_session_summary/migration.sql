-- Analytics summary, kept by the statement that stores a turn (server/services/sessions/persist.ts):
-- model use reads one row per session and model instead of every model call.

-- CreateTable
CREATE TABLE "SessionModelUse" (
    "sessionId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "scriptVersionId" TEXT NOT NULL,
    "sessionCreatedAt" TIMESTAMP(3) NOT NULL,
    "calls" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "promptTokens" BIGINT NOT NULL,
    "completionTokens" BIGINT NOT NULL,
    "latenciesMs" INTEGER[],

    CONSTRAINT "SessionModelUse_pkey" PRIMARY KEY ("sessionId","model")
);

-- CreateIndex
CREATE INDEX "SessionModelUse_analytics_idx" ON "SessionModelUse"("scriptVersionId", "sessionCreatedAt");

-- AddForeignKey
ALTER TABLE "SessionModelUse" ADD CONSTRAINT "SessionModelUse_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
