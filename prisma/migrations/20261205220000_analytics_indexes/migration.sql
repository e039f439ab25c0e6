-- Analytics: sessions by version and start date (replaces the version-only index it extends).
DROP INDEX "Session_scriptVersionId_idx";

-- CreateIndex
CREATE INDEX "Session_scriptVersionId_createdAt_idx" ON "Session"("scriptVersionId", "createdAt");

-- CreateIndex: the funnel reads which sessions reached which action from the index alone.
CREATE INDEX "Message_scriptVersionId_actionId_sessionId_idx" ON "Message"("scriptVersionId", "actionId", "sessionId");
