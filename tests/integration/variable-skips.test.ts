/**
 * A skipped question against a real database: the skip is stored in lineage as
 * such (skipped, value null) in the turn's one statement, the stored state keeps the variable
 * unset (so after a reload conditions and placeholders still see no value), and the client's
 * variables, the counsellor's review and the variables CSV all say it was skipped.
 */
import { describe, expect, it } from "vitest";
import { runTurn } from "@/server/services/sessions/run-turn";
import type { SessionDeps } from "@/server/services/sessions/deps";
import type { SessionState } from "@/server/engine/runtime";
import { VARIABLES_CSV_HEADER } from "@/server/services/review/export-csv";
import { testPlatform } from "../support/test-platform";
import { makeUser, signedInCaller } from "../support/auth";
import { parseCsv } from "../support/csv";
import { sessionDeps, startAsNewClient } from "../support/seeded-scripts";
import { setUpTestDatabase } from "../support/set-up-test-database";

const testDb = setUpTestDatabase({ examples: true });

/** Fresh dependencies for each turn, as on another server: nothing of the session is kept in memory. */
const freshDeps = (): SessionDeps => sessionDeps(testDb.db);

function variableIn(state: SessionState, name: string) {
  return state.variables.topic[name] ?? state.variables.phase[name] ?? state.variables.session[name];
}

describe("a skipped question", () => {
  it("is stored as a skip, stays unset over reloads, and review shows it as skipped by the client", async () => {
    const platform = testPlatform(testDb.db);
    const { sessionId, client } = await startAsNewClient(platform, testDb.checkIn.scriptId);
    const prisma = testDb.db.prisma;
    const { clientId } = await prisma.session.findUniqueOrThrow({ where: { id: sessionId }, select: { clientId: true } });

    // The mood rating is skipped.
    const skipped = await runTurn(freshDeps(), { clientId, sessionId, clientMessageId: "skip-1", text: "I'd rather not say" });
    expect(skipped.messages.filter((m) => m.role === "bot").map((m) => m.text)[0]).toBe("That's fine, we can leave that.");

    const rows = await prisma.variableValue.findMany({ where: { sessionId, name: "mood_score" } });
    const clientMessage = await prisma.message.findFirstOrThrow({ where: { sessionId, clientMessageId: "skip-1" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ skipped: true, value: null, sourceActionId: "ask_mood_score", scope: "session", turn: 1, messageId: clientMessage.id });
    // An ordinary answer is not a skip.
    await runTurn(freshDeps(), { clientId, sessionId, clientMessageId: "words-1", text: "okay" });
    expect(await prisma.variableValue.findFirstOrThrow({ where: { sessionId, name: "mood_words" } })).toMatchObject({ skipped: false, value: "okay" });

    // Reloaded from the database, the state has no value for it.
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: sessionId }, select: { state: true } });
    expect(variableIn(stored.state as unknown as SessionState, "mood_score")).toBeUndefined();

    // The rest of the session, each turn from the stored state: "mood_score <= 3" never holds, and
    // "You rated your mood ${mood_score} out of 10" is never said.
    const replies = ["My walk on Sunday; work was the hardest part", "I tried it", "not at all", "not at all", "not at all", "not at all", "Go for a walk, about 8"];
    const said: string[] = [];
    for (const [i, text] of replies.entries()) {
      const run = await runTurn(freshDeps(), { clientId, sessionId, clientMessageId: `rest-${i}`, text });
      said.push(...run.messages.filter((m) => m.role === "bot").map((m) => m.text));
    }
    const done = await prisma.session.findUniqueOrThrow({ where: { id: sessionId }, select: { status: true, state: true } });
    expect(done.status).toBe("completed");
    expect(variableIn(done.state as unknown as SessionState, "mood_score")).toBeUndefined();
    expect(said.join("\n")).not.toMatch(/rated your mood/);
    expect(await prisma.variableValue.count({ where: { sessionId, name: "mood_score" } })).toBe(1);

    // The client's own view of the variables marks it skipped.
    const mine = await client.session.variables({ sessionId });
    expect(mine.find((v) => v.name === "mood_score")).toMatchObject({ skipped: true, value: null, sourceActionId: "ask_mood_score" });
    expect(mine.find((v) => v.name === "mood_words")).toMatchObject({ skipped: false, value: "okay" });

    // The counsellor's review: the skip with its question and time, distinct from a value.
    const admin = await makeUser(prisma, { role: "admin" });
    const counsellor = await signedInCaller(platform, admin);
    const review = await counsellor.review.session({ sessionId });
    const mood = review.variables.filter((v) => v.name === "mood_score");
    expect(mood).toEqual([
      expect.objectContaining({ skipped: true, value: null, sourceActionId: "ask_mood_score", turn: 1, current: true, messageSeq: clientMessage.seq, createdAt: expect.any(Date) }),
    ]);
    expect(review.variables.find((v) => v.name === "mood_words")).toMatchObject({ skipped: false, value: "okay" });

    // The variables CSV carries the flag.
    const csv = parseCsv((await counsellor.review.exportVariablesCsv({ scriptId: testDb.checkIn.scriptId })).csv);
    expect(csv[0]).toEqual([...VARIABLES_CSV_HEADER]);
    const column = (name: (typeof VARIABLES_CSV_HEADER)[number]) => VARIABLES_CSV_HEADER.indexOf(name);
    const moodRow = csv.find((r) => r[column("session_id")] === sessionId && r[column("variable")] === "mood_score");
    expect(moodRow?.[column("skipped")]).toBe("true");
    expect(moodRow?.[column("value_json")]).toBe("null");
    expect(moodRow?.[column("source_action")]).toBe("ask_mood_score");
    const wordsRow = csv.find((r) => r[column("session_id")] === sessionId && r[column("variable")] === "mood_words");
    expect(wordsRow?.[column("skipped")]).toBe("false");
  });
});
