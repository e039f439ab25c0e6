import { describe, expect, it } from "vitest";
import { statementName, statementSummary } from "./traced-sql";

describe("statementSummary", () => {
  it("names the operation and the top-level table, not one inside a subquery or a column list", () => {
    expect(statementSummary(`SELECT s.id, EXISTS (SELECT 1 FROM "Message" m WHERE m."sessionId" = s.id) AS answered
FROM "Session" s JOIN "ScriptVersion" v ON v.id = s."scriptVersionId" WHERE s.id = $1`)).toEqual({ operation: "SELECT", table: "Session" });
    expect(statementSummary(`INSERT INTO "Message" ("id", "text") VALUES ($1, $2)`)).toEqual({ operation: "INSERT", table: "Message" });
    expect(statementSummary(`UPDATE "Session" SET "turnClaimedUntil" = $3::timestamp WHERE id = $1`)).toEqual({ operation: "UPDATE", table: "Session" });
  });

  it("reads through common table expressions to the statement they feed", () => {
    const statement = `WITH claimed AS (UPDATE "Session" SET version = version + 1 WHERE id = $1 RETURNING id),
last AS (SELECT COALESCE(MAX(seq), 0) AS seq FROM "Message" WHERE "sessionId" = $1)
INSERT INTO "SafetyEvent" (id) SELECT $2 FROM claimed`;
    expect(statementSummary(statement)).toMatchObject({ operation: "INSERT", table: "SafetyEvent" });
  });

  it("names a statement built from data-modifying CTEs by the writes it makes", () => {
    const statement = `WITH claimed AS (UPDATE "Session" SET version = version + 1 WHERE id = $1 RETURNING id),
last AS (SELECT COALESCE(MAX(seq), 0) AS seq FROM "Message" WHERE "sessionId" = $1),
messages AS (INSERT INTO "Message" (id) SELECT m.id FROM claimed, jsonb_to_recordset($5::jsonb) AS m(id text)),
safety AS (INSERT INTO "SafetyEvent" (id) SELECT e.id FROM claimed, jsonb_to_recordset($7::jsonb) AS e(id text))
SELECT (SELECT count(*) FROM claimed)::int AS claimed`;
    expect(statementName(statementSummary(statement))).toBe("WITH UPDATE Session, INSERT Message, INSERT SafetyEvent");
    expect(statementName(statementSummary(`SELECT id FROM "Session" WHERE id = $1`))).toBe("SELECT Session");
  });

  it("never carries a literal from the statement", () => {
    const summary = statementSummary(`SELECT 'I want to die' AS x`);
    expect(JSON.stringify(summary)).not.toContain("die");
    expect(statementSummary("VACUUM")).toEqual({ operation: "QUERY" });
  });
});
