/**
 * Characters Postgres refuses (NUL anywhere in text or jsonb; an unpaired UTF-16 surrogate, which
 * has no UTF-8 form) never make a request fail with a 500, and never lose a crisis message: a
 * chat message is cleaned and stored, every other text input is refused with a 400 that names the
 * field, and a detected risk is stored and the session flagged even when its turn cannot be.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { TRPCError } from "@trpc/server";
import { strToU8, zipSync } from "fflate";
import { runTurn } from "@/server/services/sessions/run-turn";
import { startSession } from "@/server/services/sessions/start-session";
import { fakeLlm } from "@/server/engine/runtime/test-support";
import { CLIENT_COOKIE, issueClientToken } from "@/server/auth/identity";
import type { Sql } from "@/server/db/sql";
import { getLogger } from "@/server/log";
import { POST as chatRoute } from "@/app/api/chat/route";
import { POST as trpcRoute } from "@/app/api/trpc/[trpc]/route";
import { POST as importRoute } from "@/app/api/studio/projects/[projectId]/import/route";
import { callerFor } from "../support/test-platform";
import { errorOf, signedInCookies } from "../support/auth";
import { setUpTestDatabase } from "../support/set-up-test-database";

// The route handlers read the process-wide platform.
const testDb = setUpTestDatabase({ examples: true, routes: true });
let authorCookie: string;

beforeAll(async () => {
  ({ author: authorCookie } = await signedInCookies(testDb.platform, { author: { projectIds: [testDb.projectId] } }));
});

const CRISIS = "I don't want to live anymore, I want to kill myself";

function chatAs(clientId: string, body: unknown): Promise<Response> {
  const cookie = `${CLIENT_COOKIE}=${issueClientToken(clientId, testDb.platform.env.AUTH_SECRET)}`;
  return chatRoute(new Request("http://heartline.test/api/chat", { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) }), undefined);
}

function trpcPost(procedure: string, input: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return trpcRoute(
    new Request(`http://heartline.test/api/trpc/${procedure}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ json: input }),
    }),
    undefined,
  );
}

async function expectSafelyStored(sessionId: string, storedText: string) {
  const prisma = testDb.db.prisma;
  const client = await prisma.message.findFirstOrThrow({ where: { sessionId, role: "client" } });
  expect(client.text).toBe(storedText);
  expect(await prisma.message.count({ where: { sessionId, role: "bot", turn: 1 } })).toBeGreaterThan(0);
  const events = await prisma.safetyEvent.findMany({ where: { sessionId } });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ level: "high", messageId: client.id, turn: 1 });
  expect(await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ riskLevel: "high", needsReview: true, turnCount: 1 });
}

describe("a crisis message with characters Postgres refuses", () => {
  it("is stored without its NUL characters, with its safety event, and the session is flagged", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "nul_client", scriptId: testDb.checkIn.scriptId });
    const response = await chatAs("nul_client", { sessionId, message: { id: "n1", text: `I don't want to live anymore,\u0000 I want to kill myself\u0000` } });
    expect(response.status).toBe(200);
    const stream = await response.text();
    expect(stream).toContain("data-safety");
    expect(stream).not.toContain('"type":"error"');
    await expectSafelyStored(sessionId, CRISIS);
  });

  it("is stored with an unpaired surrogate (half an emoji) replaced by U+FFFD, with its safety event, and the session is flagged", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "surrogate_client", scriptId: testDb.checkIn.scriptId });
    // The high half of 😭 without its low half, as a phone's keyboard can leave it; JSON carries it as "\ud83d".
    const response = await chatAs("surrogate_client", { sessionId, message: { id: "s1", text: `${CRISIS} \ud83d` } });
    expect(response.status).toBe(200);
    const stream = await response.text();
    expect(stream).toContain("data-safety");
    expect(stream).not.toContain('"type":"error"');
    await expectSafelyStored(sessionId, `${CRISIS} \ufffd`);

    // A lone low half is cleaned the same way, and a whole emoji is kept as it is.
    const second = await runTurn(testDb.deps, { clientId: "surrogate_client", sessionId, clientMessageId: "s2", text: "\udc2d still here 😭" });
    expect(second.replayed).toBe(false);
    const stored = await testDb.db.prisma.message.findFirstOrThrow({ where: { sessionId, clientMessageId: "s2" } });
    expect(stored.text).toBe("\ufffd still here 😭");
  });

  it("refuses a session or message id Postgres cannot store with a 400 naming the field, before anything runs", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "id_client", scriptId: testDb.checkIn.scriptId });
    const badSession = await chatAs("id_client", { sessionId: `${sessionId}\u0000`, message: { id: "i1", text: CRISIS } });
    expect(badSession.status).toBe(400);
    expect(((await badSession.json()) as { error: string }).error).toMatch(/sessionId.*NUL/);
    const badId = await chatAs("id_client", { sessionId, message: { id: "i\ud800", text: CRISIS } });
    expect(badId.status).toBe(400);
    expect(((await badId.json()) as { error: string }).error).toMatch(/message\.id.*surrogate/);
    expect(await testDb.db.prisma.message.count({ where: { sessionId, role: "client" } })).toBe(0);
  });
});

describe("a reply with characters Postgres refuses", () => {
  it("is stored cleaned, so a model that writes a NUL or half an emoji cannot make the turn unstorable", async () => {
    const careless = fakeLlm({
      mode: "template",
      model: null,
      async *compose(request) {
        yield `${request.fallbackText}\u0000 \ud83d`;
      },
    });
    const { sessionId } = await startSession({ ...testDb.deps, llmFor: () => careless }, { clientId: "reply_client", scriptId: testDb.checkIn.scriptId });
    const result = await runTurn({ ...testDb.deps, llmFor: () => careless }, { clientId: "reply_client", sessionId, clientMessageId: "r1", text: "6" });
    expect(result.replayed).toBe(false);
    const replies = await testDb.db.prisma.message.findMany({ where: { sessionId, role: "bot" } });
    expect(replies.length).toBeGreaterThan(1);
    for (const reply of replies) {
      expect(reply.text).not.toContain("\u0000");
      expect(reply.text.endsWith(" \ufffd")).toBe(true);
    }
  });
});

describe("a turn that cannot be stored", () => {
  /** The database, except that the turn's own statement fails (as a refused character or a broken constraint would make it). */
  function failingTurnStatement(): Sql {
    return {
      query: (text, values) => {
        if (text.startsWith("WITH claimed AS (\n  UPDATE \"Session\"")) return Promise.reject(Object.assign(new Error("unsupported Unicode escape sequence"), { code: "22P05" }));
        return testDb.db.sql.query(text, values);
      },
    };
  }

  it("still stores the safety event and flags the session, and logs the failure with its cause but never the words", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "lost_client", scriptId: testDb.checkIn.scriptId });
    const prisma = testDb.db.prisma;
    const before = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(before).toMatchObject({ riskLevel: "none", needsReview: false });

    const logger = getLogger();
    const spies = (["trace", "debug", "info", "warn", "error", "fatal"] as const).map((level) => vi.spyOn(logger, level));
    let failure: unknown;
    try {
      failure = await errorOf(runTurn({ ...testDb.deps, sql: failingTurnStatement() }, { clientId: "lost_client", sessionId, clientMessageId: "l1", text: CRISIS }));
      const logged = spies.flatMap((spy) => spy.mock.calls.map((call) => JSON.stringify(call)));
      expect(logged.join("\n")).not.toMatch(/kill myself|live anymore/);
      const errors = spies[4]!.mock.calls.map((call) => JSON.stringify(call));
      expect(errors.some((line) => line.includes("22P05") && line.includes("unsupported Unicode escape sequence") && line.includes(sessionId))).toBe(true);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ code: "22P05" });

    // The turn itself is not stored: the same message can be sent again.
    const after = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(after.version).toBe(before.version);
    expect(after.state).toEqual(before.state);
    expect(await prisma.message.count({ where: { sessionId, turn: 1 } })).toBe(0);
    expect(await prisma.message.count({ where: { sessionId, role: "client" } })).toBe(0);
    // ...but what the safety layer found is, and the session is flagged for review.
    expect(after).toMatchObject({ riskLevel: "high", needsReview: true });
    const events = await prisma.safetyEvent.findMany({ where: { sessionId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ level: "high", source: "lexicon", messageId: null, turn: 1 });
    expect(events[0]?.actionTaken).toMatch(/turn_not_stored$/);
    expect(JSON.stringify(events[0]?.evidence)).toContain("kill myself");

    // The flagged session is in the counsellors' review list.
    const counsellor = callerFor(testDb.platform, { cookie: authorCookie });
    const review = await counsellor.review.session({ sessionId });
    expect(review.events).toHaveLength(1);

    // Sent again once the database accepts it, the turn is stored as usual.
    const retried = await runTurn(testDb.deps, { clientId: "lost_client", sessionId, clientMessageId: "l1", text: CRISIS });
    expect(retried.replayed).toBe(false);
    expect(await prisma.message.count({ where: { sessionId, role: "client" } })).toBe(1);
  });

  it("throws the turn's own failure when the safety fallback cannot be stored either", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "down_client", scriptId: testDb.checkIn.scriptId });
    const turnFailure = Object.assign(new Error("connection reset"), { code: "ECONNRESET" });
    const writesFail: Sql = {
      query: (text, values) => (/^\s*(WITH|UPDATE|INSERT)/.test(text) ? Promise.reject(turnFailure) : testDb.db.sql.query(text, values)),
    };
    const failure = await errorOf(runTurn({ ...testDb.deps, sql: writesFail }, { clientId: "down_client", sessionId, clientMessageId: "d1", text: CRISIS }));
    expect(failure).toBe(turnFailure);
    expect(await testDb.db.prisma.safetyEvent.count({ where: { sessionId } })).toBe(0);
  });
});

describe("tRPC string inputs", () => {
  it("answers a NUL or an unpaired surrogate in a string input with 400 and a message naming the field, never 500", async () => {
    const nul = await trpcPost("session.start", { scriptId: `${testDb.checkIn.scriptId}\u0000` });
    expect(nul.status).toBe(400);
    const nulBody = (await nul.json()) as { error: { json: { message: string; data: { code: string } } } };
    expect(nulBody.error.json.data.code).toBe("BAD_REQUEST");
    expect(nulBody.error.json.message).toMatch(/^scriptId contains a NUL character \(U\+0000\) at character \d+, which cannot be stored/);

    const surrogate = await trpcPost("session.start", { scriptId: `\udfff${testDb.checkIn.scriptId}` });
    expect(surrogate.status).toBe(400);
    const surrogateBody = (await surrogate.json()) as { error: { json: { message: string } } };
    expect(surrogateBody.error.json.message).toMatch(/^scriptId contains an unpaired surrogate \(U\+DFFF/);
    expect(surrogateBody.error.json.message).not.toMatch(/prisma|postgres|invalid byte sequence/i);
  });

  it("refuses such characters in author inputs (drafts, notes, sign-in) with BAD_REQUEST naming the field and where", async () => {
    const author = callerFor(testDb.platform, { cookie: authorCookie });
    const file = await author.studioFiles.create({ projectId: testDb.projectId, path: "sessions/unstorable.yaml" });
    const draft = await errorOf(author.studioFiles.saveDraft({ projectId: testDb.projectId, scriptId: file.id, yaml: "session:\n  session_id: x\u0000\n", expectedRevision: file.draftRevision }));
    expect(draft).toBeInstanceOf(TRPCError);
    expect((draft as TRPCError).code).toBe("BAD_REQUEST");
    expect((draft as TRPCError).message).toMatch(/^yaml contains a NUL character \(U\+0000\) at line 2, column 16, which cannot be stored/);
    expect((await testDb.db.prisma.script.findUniqueOrThrow({ where: { id: file.id } })).draftYaml).not.toContain("\u0000");

    const signIn = await errorOf(callerFor(testDb.platform).auth.signIn({ email: "someone\u0000@example.test", password: "whatever it is" }));
    expect((signIn as TRPCError).code).toBe("BAD_REQUEST");
    expect((signIn as TRPCError).message).toMatch(/^email contains a NUL character/);

    const note = await errorOf(author.review.markReviewed({ eventId: "e_1", note: "followed up \ud83d" }));
    expect((note as TRPCError).code).toBe("BAD_REQUEST");
    expect((note as TRPCError).message).toMatch(/^note contains an unpaired surrogate/);
  });

  it("cleans the try-it message like a chat message instead of refusing it", async () => {
    const author = callerFor(testDb.platform, { cookie: authorCookie });
    const yaml = (await testDb.db.prisma.script.findUniqueOrThrow({ where: { id: testDb.checkIn.scriptId } })).draftYaml;
    const started = await author.studioTry.start({ projectId: testDb.projectId, yaml });
    const turned = await author.studioTry.turn({ projectId: testDb.projectId, yaml, state: started.state, text: "7\u0000 \ud83d" });
    expect(JSON.stringify(turned.state)).not.toMatch(/\\u0000|\\ud83d/);
  });
});

describe("studio zip import", () => {
  const importZip = (entries: Record<string, string>) => {
    const files: Record<string, Uint8Array> = {};
    for (const [name, text] of Object.entries(entries)) files[name] = strToU8(text);
    return importRoute(
      new Request(`http://heartline.test/api/studio/projects/${testDb.projectId}/import`, {
        method: "POST",
        headers: { "content-type": "application/zip", cookie: authorCookie },
        body: zipSync(files) as Uint8Array<ArrayBuffer>,
      }),
      { params: Promise.resolve({ projectId: testDb.projectId }) },
    );
  };

  it("refuses an archive whose YAML holds a NUL with a 400 naming the file and line, importing nothing", async () => {
    const response = await importZip({
      "sessions/fine.yaml": "session:\n  session_id: fine\n  phases: []\n",
      "sessions/broken.yaml": "session:\n  session_id: broken\u0000\n",
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(/sessions\/broken\.yaml.*NUL character \(U\+0000\) at line 2, column 21/);
    const prisma = testDb.db.prisma;
    expect(await prisma.script.count({ where: { projectId: testDb.projectId, path: { in: ["sessions/fine.yaml", "sessions/broken.yaml"] } } })).toBe(0);
  });
});
