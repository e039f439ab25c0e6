-- Analytics: sessions by version and start date, covering every column the aggregates read
-- (an index-only scan); it replaces the version-only index it extends.
DROP INDEX "Session_scriptVersionId_idx";

-- CreateIndex
CREATE INDEX "Session_analytics_idx" ON "Session"("scriptVersionId", "createdAt", "status", "turnCount", "endedAt", "updatedAt", "id");

-- CreateIndex: the funnel reads which sessions reached which action from the index alone.
CREATE INDEX "Message_scriptVersionId_actionId_sessionId_idx" ON "Message"("scriptVersionId", "actionId", "sessionId");
