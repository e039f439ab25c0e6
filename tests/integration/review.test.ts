/**
 * Counsellor review against a real database: the flagged list (scope, order, filters, paging),
 * a transcript with the evidence placed for highlighting, marking events reviewed, the CSV export,
 * and project isolation (an author of project A cannot read project B).
 */
import { beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { TRPCError } from "@trpc/server";
import { runTurn } from "@/server/services/sessions/run-turn";
import { startSession } from "@/server/services/sessions/start-session";
import { getLogger } from "@/server/log";
import type { Prisma } from "@/server/db/generated/client";
import type { RiskLevel } from "@/server/engine/safety/risk-types";
import { CSV_HEADER, SESSIONS_CSV_HEADER, VARIABLES_CSV_HEADER } from "@/server/services/review/export-csv";
import { callerFor, testPlatform } from "../support/test-platform";
import { errorOf, signedInCookies } from "../support/auth";
import { publishedScript } from "../support/seeded-scripts";
import { setUpTestDatabase } from "../support/set-up-test-database";
import { parseCsv } from "../support/csv";

const testDb = setUpTestDatabase({ examples: true });
/** The seeded project ("A") and a second project ("B") with a copy of the check-in script. */
let projectA: string;
let projectB: string;
let checkInA: { scriptId: string; versionId: string };
let intakeA: { scriptId: string; versionId: string };
let checkInB: { scriptId: string; versionId: string };
let cookies: { authorA: string; authorB: string; admin: string; nobody: string };

const ids: Record<string, string> = {};
let clientCounter = 0;

async function makeSession(options: {
  versionId: string;
  riskLevel: RiskLevel;
  needsReview: boolean;
  createdAt: Date;
  events?: { level: RiskLevel; category?: string; reviewed?: boolean }[];
}): Promise<string> {
  const prisma = testDb.db.prisma;
  const client = await prisma.client.create({ data: { id: `review_client_${++clientCounter}` } });
  const session = await prisma.session.create({
    data: {
      scriptVersionId: options.versionId,
      clientId: client.id,
      state: {} as Prisma.InputJsonValue,
      riskLevel: options.riskLevel,
      needsReview: options.needsReview,
      createdAt: options.createdAt,
      turnCount: 1,
    },
  });
  for (const [i, event] of (options.events ?? []).entries()) {
    await prisma.safetyEvent.create({
      data: {
        sessionId: session.id,
        level: event.level,
        category: event.category ?? "suicidal_ideation",
        evidence: [],
        source: "lexicon",
        actionTaken: "logged",
        turn: i + 1,
        ...(event.reviewed ? { reviewedAt: new Date(), reviewNote: "seen" } : {}),
      },
    });
  }
  return session.id;
}

const at = (minutes: number) => new Date(Date.UTC(2030, 0, 1, 12, minutes));

beforeAll(async () => {
  const prisma = testDb.db.prisma;
  const { checkIn } = testDb;
  checkInA = { scriptId: checkIn.scriptId, versionId: checkIn.version.id };
  const intake = await publishedScript(prisma, "sessions/first-session-intake.en.yaml");
  intakeA = { scriptId: intake.scriptId, versionId: intake.version.id };
  projectA = checkIn.projectId;

  // Project B: a name and a script name that need CSV escaping.
  projectB = (await prisma.project.create({ data: { slug: "team-b", name: 'Team "B", north' } })).id;
  const source = checkIn.version;
  const compiled = source.compiled as { metadata?: Record<string, unknown> };
  const scriptB = await prisma.script.create({
    data: { projectId: projectB, path: "sessions/check-in.en.yaml", kind: "session", scriptKey: checkIn.scriptKey, draftYaml: source.yaml },
  });
  const versionB = await prisma.scriptVersion.create({
    data: {
      scriptId: scriptB.id,
      number: 1,
      yaml: source.yaml,
      compiled: { ...compiled, metadata: { ...compiled.metadata, name: '=HYPERLINK("http://x")' } } as Prisma.InputJsonValue,
      contentHash: source.contentHash,
    },
  });
  checkInB = { scriptId: scriptB.id, versionId: versionB.id };

  // Project A: risk levels and ages chosen so the expected order is clear.
  ids.imminentOld = await makeSession({ versionId: checkInA.versionId, riskLevel: "imminent", needsReview: true, createdAt: at(0), events: [{ level: "imminent", category: "suicide_plan" }] });
  ids.highOld = await makeSession({ versionId: checkInA.versionId, riskLevel: "high", needsReview: true, createdAt: at(1), events: [{ level: "high" }] });
  ids.highNew = await makeSession({ versionId: intakeA.versionId, riskLevel: "high", needsReview: true, createdAt: at(5), events: [{ level: "high" }, { level: "medium", category: "self_harm" }] });
  ids.mediumReviewed = await makeSession({ versionId: checkInA.versionId, riskLevel: "medium", needsReview: false, createdAt: at(3), events: [{ level: "medium", reviewed: true }] });
  ids.lowLogged = await makeSession({ versionId: intakeA.versionId, riskLevel: "low", needsReview: false, createdAt: at(4), events: [{ level: "low" }] });
  ids.flaggedNoEvents = await makeSession({ versionId: checkInA.versionId, riskLevel: "none", needsReview: true, createdAt: at(6) });
  ids.quiet = await makeSession({ versionId: checkInA.versionId, riskLevel: "none", needsReview: false, createdAt: at(7) });
  // Project B.
  ids.b = await makeSession({ versionId: checkInB.versionId, riskLevel: "high", needsReview: true, createdAt: at(2), events: [{ level: "high" }] });

  cookies = await signedInCookies(testPlatform(testDb.db), { authorA: { projectIds: [projectA] }, authorB: { projectIds: [projectB] }, admin: { role: "admin" }, nobody: {} });
});

const as = (who: keyof typeof cookies, headers: Record<string, string> = {}) => callerFor(testPlatform(testDb.db), { ...headers, cookie: cookies[who] });
const codeOf = (error: unknown) => (error instanceof TRPCError ? error.code : undefined);

describe("the flagged-session list", () => {
  it("needs a signed-in counsellor", async () => {
    expect(codeOf(await errorOf(callerFor(testPlatform(testDb.db)).review.list({})))).toBe("UNAUTHORIZED");
  });

  it("lists the user's projects only, highest risk first, then newest", async () => {
    const a = await as("authorA").review.list({});
    expect(a.rows.map((r) => r.id)).toEqual([ids.imminentOld, ids.highNew, ids.highOld, ids.mediumReviewed, ids.lowLogged, ids.flaggedNoEvents]);
    expect(a.total).toBe(6);
    expect(a.rows.every((r) => r.project.id === projectA)).toBe(true);
    const highNew = a.rows.find((r) => r.id === ids.highNew);
    expect(highNew).toMatchObject({ events: 2, unreviewedEvents: 2, categories: ["suicidal_ideation", "self_harm"], script: { id: intakeA.scriptId, version: 1 } });
    expect(JSON.stringify(a)).not.toMatch(/"text"/);

    const b = await as("authorB").review.list({});
    expect(b.rows.map((r) => r.id)).toEqual([ids.b]);
    expect(b.rows[0]?.script.name).toBe('=HYPERLINK("http://x")');

    expect((await as("nobody").review.list({})).rows).toEqual([]);

    const all = await as("admin").review.list({});
    expect(all.rows.map((r) => r.id)).toEqual([ids.imminentOld, ids.highNew, ids.b, ids.highOld, ids.mediumReviewed, ids.lowLogged, ids.flaggedNoEvents]);
  });

  it("filters by risk level, review state, script and project, and pages", async () => {
    const caller = as("admin");
    const ofList = async (input: Parameters<typeof caller.review.list>[0]) => (await caller.review.list(input)).rows.map((r) => r.id);
    expect(await ofList({ riskLevels: ["high"] })).toEqual([ids.highNew, ids.b, ids.highOld]);
    expect(await ofList({ riskLevels: ["imminent", "low"] })).toEqual([ids.imminentOld, ids.lowLogged]);
    expect(await ofList({ state: "reviewed" })).toEqual([ids.mediumReviewed]);
    expect(await ofList({ state: "unreviewed" })).toEqual([ids.imminentOld, ids.highNew, ids.b, ids.highOld, ids.lowLogged, ids.flaggedNoEvents]);
    expect(await ofList({ scriptId: intakeA.scriptId })).toEqual([ids.highNew, ids.lowLogged]);
    expect(await ofList({ projectId: projectB })).toEqual([ids.b]);
    expect(await ofList({ scriptId: intakeA.scriptId, riskLevels: ["low"], state: "unreviewed" })).toEqual([ids.lowLogged]);

    const page = await caller.review.list({ limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 7, limit: 2, offset: 2 });
    expect(page.rows.map((r) => r.id)).toEqual([ids.b, ids.highOld]);

    // A project the author is not in is "not found", not an empty list.
    expect(codeOf(await errorOf(as("authorA").review.list({ projectId: projectB })))).toBe("NOT_FOUND");
    // A script of another project simply matches nothing in scope.
    expect((await as("authorA").review.list({ scriptId: checkInB.scriptId })).rows).toEqual([]);
    expect((await as("authorA").review.scripts()).every((s) => s.project.id === projectA)).toBe(true);
  });
});

describe("one flagged session", () => {
  it("returns the transcript with the evidence placed in the client message, events and variables", async () => {
    const { sessionId } = await startSession(testDb.deps, { clientId: "review_live", scriptId: checkInA.scriptId });
    // A flagged session of its own, removed afterwards so the other tests' lists stay as set up.
    onTestFinished(() => testDb.db.prisma.session.delete({ where: { id: sessionId } }).then(() => undefined));
    await runTurn(testDb.deps, { clientId: "review_live", sessionId, clientMessageId: "m1", text: "7" });
    const text = "Honestly I don't want to live anymore, I want to kill myself";
    await runTurn(testDb.deps, { clientId: "review_live", sessionId, clientMessageId: "m2", text });

    const logger = getLogger();
    const spies = (["trace", "debug", "info", "warn", "error", "fatal"] as const).map((level) => vi.spyOn(logger, level));
    const review = await as("authorA").review.session({ sessionId });
    for (const spy of spies) {
      expect(JSON.stringify(spy.mock.calls)).not.toContain("kill myself");
      spy.mockRestore();
    }

    expect(review.session).toMatchObject({ id: sessionId, riskLevel: "high", needsReview: true, project: { id: projectA }, script: { id: checkInA.scriptId } });
    const client = review.messages.find((m) => m.role === "client" && m.text === text);
    expect(client?.highlights.length).toBeGreaterThan(0);
    for (const span of client?.highlights ?? []) expect(span.end).toBeGreaterThan(span.start);
    const marked = (client?.highlights ?? []).map((span) => text.slice(span.start, span.end));
    expect(marked.join(" ")).toContain("kill myself");
    expect(review.messages.filter((m) => m.role === "bot").every((m) => m.highlights.length === 0)).toBe(true);

    expect(review.events).toHaveLength(1);
    const [event] = review.events;
    expect(event).toMatchObject({ level: "high", source: "lexicon", actionTaken: "trigger:crisis_risk_high", messageSeq: client?.seq, reviewedAt: null });
    expect(event?.evidence.some((span) => span.text.includes("kill myself"))).toBe(true);
    expect(client?.highlights.every((span) => span.eventId === event?.id)).toBe(true);

    const mood = review.variables.find((v) => v.name === "mood_score");
    expect(mood).toMatchObject({ value: 7, turn: 1, current: true, sourceActionId: expect.any(String), messageSeq: expect.any(Number) });
  });

  it("is NOT_FOUND for an author of another project, whatever they try", async () => {
    const other = as("authorB");
    expect(codeOf(await errorOf(other.review.session({ sessionId: ids.highOld! })))).toBe("NOT_FOUND");
    expect(codeOf(await errorOf(as("authorA").review.session({ sessionId: ids.b! })))).toBe("NOT_FOUND");
    expect(codeOf(await errorOf(as("nobody").review.session({ sessionId: ids.highOld! })))).toBe("NOT_FOUND");
    const event = await testDb.db.prisma.safetyEvent.findFirstOrThrow({ where: { sessionId: ids.highOld! } });
    expect(codeOf(await errorOf(other.review.markReviewed({ eventId: event.id, note: "not mine" })))).toBe("NOT_FOUND");
    expect((await testDb.db.prisma.safetyEvent.findUniqueOrThrow({ where: { id: event.id } })).reviewedAt).toBeNull();
    expect(codeOf(await errorOf(as("authorA").review.session({ sessionId: "no-such-session" })))).toBe("NOT_FOUND");
  });
});

describe("marking events reviewed", () => {
  it("stores who, when and the note, and clears needsReview only when every event is reviewed", async () => {
    const prisma = testDb.db.prisma;
    // A flagged session of its own with two events, removed afterwards so the lists stay as set up.
    const sessionId = await makeSession({ versionId: intakeA.versionId, riskLevel: "high", needsReview: true, createdAt: at(30), events: [{ level: "high" }, { level: "medium" }] });
    onTestFinished(() => prisma.session.delete({ where: { id: sessionId } }).then(() => undefined));
    const events = await prisma.safetyEvent.findMany({ where: { sessionId }, orderBy: { turn: "asc" } });
    expect(events).toHaveLength(2);
    const caller = as("authorA");
    const lastActive = (await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).updatedAt;

    const first = await caller.review.markReviewed({ eventId: events[0]!.id, note: "  Called the client; safe for tonight.  " });
    expect(first.session).toEqual({ id: sessionId, needsReview: true, unreviewedEvents: 1 });
    expect(first.event.reviewNote).toBe("Called the client; safe for tonight.");
    expect((await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).needsReview).toBe(true);

    const second = await caller.review.markReviewed({ eventId: events[1]!.id });
    expect(second.session).toEqual({ id: sessionId, needsReview: false, unreviewedEvents: 0 });
    // Reviewing is not the client's activity: "Last active" (list and CSV) stays the client's last turn.
    expect((await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).updatedAt).toEqual(lastActive);
    const stored = await prisma.safetyEvent.findUniqueOrThrow({ where: { id: events[0]!.id }, include: { reviewedBy: true } });
    expect(stored.reviewedAt).toBeInstanceOf(Date);
    expect(stored.reviewedBy?.id).toBe((await caller.auth.me())?.id);
    expect(stored.reviewNote).toBe("Called the client; safe for tonight.");

    // Now listed as reviewed, still at its risk level.
    expect((await caller.review.list({ state: "reviewed" })).rows.map((r) => r.id)).toContain(sessionId);
    const detail = await caller.review.session({ sessionId });
    expect(detail.session).toMatchObject({ needsReview: false, riskLevel: "high" });
    expect(detail.events[0]).toMatchObject({ reviewNote: "Called the client; safe for tonight.", reviewedBy: { email: expect.any(String) } });
  });

  it("refuses a cross-site mark and an over-long note", async () => {
    const event = await testDb.db.prisma.safetyEvent.findFirstOrThrow({ where: { sessionId: ids.highOld! } });
    const evil = as("authorA", { host: "heartline.example", origin: "https://evil.example" });
    expect(codeOf(await errorOf(evil.review.markReviewed({ eventId: event.id, note: "x" })))).toBe("FORBIDDEN");
    expect(codeOf(await errorOf(as("authorA").review.markReviewed({ eventId: event.id, note: "x".repeat(4001) })))).toBe("BAD_REQUEST");
    expect((await testDb.db.prisma.safetyEvent.findUniqueOrThrow({ where: { id: event.id } })).reviewedAt).toBeNull();
  });
});

describe("CSV export", () => {
  it("exports the listed sessions in list order, escaped, without message text", async () => {
    const admin = as("admin");
    const { csv, rows, filename } = await admin.review.exportCsv({});
    expect(filename).toMatch(/^heartline-flagged-sessions-.*\.csv$/);
    const parsed = parseCsv(csv);
    expect(parsed[0]).toEqual([...CSV_HEADER]);
    const listed = await admin.review.list({ limit: 200 });
    expect(rows).toBe(listed.total);
    expect(parsed.slice(1).map((r) => r[0])).toEqual(listed.rows.map((r) => r.id));
    expect(csv).not.toContain("kill myself");

    const b = parsed.find((r) => r[0] === ids.b)!;
    const column = (name: (typeof CSV_HEADER)[number]) => CSV_HEADER.indexOf(name);
    expect(b[column("project")]).toBe('Team "B", north');
    expect(b[column("script")]).toBe(`'=HYPERLINK("http://x")`);
    expect(b[column("risk_level")]).toBe("high");
    expect(b[column("needs_review")]).toBe("true");
    expect(csv).toContain(`"Team ""B"", north"`);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);

    // Filters apply, and an author exports only their projects.
    const high = parseCsv((await admin.review.exportCsv({ riskLevels: ["imminent"] })).csv);
    expect(high.slice(1).map((r) => r[0])).toEqual([ids.imminentOld]);
    const authorB = parseCsv((await as("authorB").review.exportCsv({})).csv);
    expect(authorB.slice(1).map((r) => r[0])).toEqual([ids.b]);
  });
});

describe("all sessions", () => {
  beforeAll(async () => {
    const prisma = testDb.db.prisma;
    // A second published version of A's check-in, with an unflagged completed and ended session.
    const v1 = await prisma.scriptVersion.findUniqueOrThrow({ where: { id: checkInA.versionId } });
    const v2 = await prisma.scriptVersion.create({
      data: { scriptId: checkInA.scriptId, number: 2, yaml: v1.yaml, compiled: v1.compiled as Prisma.InputJsonValue, contentHash: `${v1.contentHash}-2` },
    });
    ids.v2Completed = await makeSession({ versionId: v2.id, riskLevel: "none", needsReview: false, createdAt: at(8) });
    ids.v2Ended = await makeSession({ versionId: v2.id, riskLevel: "low", needsReview: false, createdAt: at(9) });
    await prisma.session.update({ where: { id: ids.v2Completed }, data: { status: "completed", endedAt: at(20) } });
    await prisma.session.update({ where: { id: ids.v2Ended }, data: { status: "ended", endedAt: at(21) } });

    const message = await prisma.message.create({ data: { sessionId: ids.v2Completed, seq: 1, role: "client", text: "my private words", turn: 1 } });
    const write = (sessionId: string, name: string, value: Prisma.InputJsonValue, minute: number, extra: { scope?: string; scopeId?: string } = {}) =>
      prisma.variableValue.create({
        data: { sessionId, name, value, scope: extra.scope ?? "session", scopeId: extra.scopeId ?? null, sourceActionId: `ask_${name}`, turn: minute, messageId: message.id, createdAt: at(minute) },
      });
    await write(ids.v2Completed, "mood_score", 3, 10);
    await write(ids.v2Completed, "mood_score", -2, 11);
    await write(ids.v2Completed, "note", 'said "fine", then left', 12);
    await write(ids.v2Completed, "goal", "=cmd()", 13, { scope: "topic", scopeId: "goals,1" });
    await write(ids.b!, "mood_score", 8, 14);
  });

  it("needs a signed-in counsellor", async () => {
    expect(codeOf(await errorOf(callerFor(testPlatform(testDb.db)).review.sessions({})))).toBe("UNAUTHORIZED");
    expect(codeOf(await errorOf(callerFor(testPlatform(testDb.db)).review.exportVariablesCsv({})))).toBe("UNAUTHORIZED");
  });

  it("lists every session of the user's projects, flagged or not, newest first", async () => {
    const a = await as("authorA").review.sessions({});
    const aIds = a.rows.map((r) => r.id);
    expect(aIds.slice(0, 9)).toEqual([ids.v2Ended, ids.v2Completed, ids.quiet, ids.flaggedNoEvents, ids.highNew, ids.lowLogged, ids.mediumReviewed, ids.highOld, ids.imminentOld]);
    expect(aIds).not.toContain(ids.b);
    expect(a.rows.every((r) => r.project.id === projectA)).toBe(true);
    expect(a.total).toBe(await testDb.db.prisma.session.count({ where: { scriptVersion: { script: { projectId: projectA } } } }));
    expect(a.rows.find((r) => r.id === ids.v2Completed)).toMatchObject({ status: "completed", riskLevel: "none", needsReview: false, events: 0, script: { id: checkInA.scriptId, version: 2 } });
    expect(JSON.stringify(a)).not.toContain("my private words");

    expect((await as("authorB").review.sessions({})).rows.map((r) => r.id)).toEqual([ids.b]);
    expect((await as("nobody").review.sessions({})).rows).toEqual([]);
  });

  it("filters by script version, status, risk, script and project, and pages", async () => {
    const caller = as("admin");
    const ofList = async (input: Parameters<typeof caller.review.sessions>[0]) => (await caller.review.sessions(input)).rows.map((r) => r.id);
    expect(await ofList({ scriptVersion: 2 })).toEqual([ids.v2Ended, ids.v2Completed]);
    expect(await ofList({ scriptId: checkInA.scriptId, scriptVersion: 2, status: "completed" })).toEqual([ids.v2Completed]);
    expect(await ofList({ status: "ended" })).toEqual([ids.v2Ended]);
    expect(await ofList({ status: "active", riskLevels: ["none"], projectId: projectA })).toEqual([ids.quiet, ids.flaggedNoEvents]);
    expect(await ofList({ riskLevels: ["low"] })).toEqual([ids.v2Ended, ids.lowLogged]);
    expect(await ofList({ riskLevels: ["imminent", "low"], scriptVersion: 1 })).toEqual([ids.lowLogged, ids.imminentOld]);
    expect(await ofList({ scriptId: intakeA.scriptId, scriptVersion: 1 })).toEqual([ids.highNew, ids.lowLogged]);
    expect(await ofList({ projectId: projectB })).toEqual([ids.b]);
    expect(await ofList({ scriptVersion: 99 })).toEqual([]);

    const second = await caller.review.sessions({ page: 2, limit: 2 });
    expect(second).toMatchObject({ page: 2, limit: 2, offset: 2 });
    expect(second.rows.map((r) => r.id)).toEqual([ids.quiet, ids.flaggedNoEvents]);

    expect(codeOf(await errorOf(caller.review.sessions({ status: "paused" as "active" })))).toBe("BAD_REQUEST");
    expect(codeOf(await errorOf(caller.review.sessions({ scriptVersion: 0 })))).toBe("BAD_REQUEST");
    // Project scoping: another project is "not found"; its script matches nothing.
    expect(codeOf(await errorOf(as("authorA").review.sessions({ projectId: projectB })))).toBe("NOT_FOUND");
    expect(codeOf(await errorOf(as("authorA").review.exportVariablesCsv({ projectId: projectB })))).toBe("NOT_FOUND");
    expect((await as("authorA").review.sessions({ scriptId: checkInB.scriptId })).rows).toEqual([]);
    expect((await as("authorB").review.sessions({ scriptId: checkInA.scriptId })).rows).toEqual([]);
  });

  it("opens the transcript of an unflagged session in scope, and only in scope", async () => {
    const review = await as("authorA").review.session({ sessionId: ids.v2Completed! });
    expect(review.session).toMatchObject({ id: ids.v2Completed, needsReview: false, status: "completed", script: { version: 2 } });
    expect(review.events).toEqual([]);
    expect(review.variables.filter((v) => v.current).map((v) => [v.name, v.value])).toEqual([
      ["mood_score", -2],
      ["note", 'said "fine", then left'],
      ["goal", "=cmd()"],
    ]);
    expect(codeOf(await errorOf(as("authorB").review.session({ sessionId: ids.v2Completed! })))).toBe("NOT_FOUND");
  });

  it("exports the listed sessions as CSV, newest first, scoped", async () => {
    const { csv, rows, filename } = await as("admin").review.exportSessionsCsv({ scriptVersion: 2 });
    expect(filename).toMatch(/^heartline-sessions-.*\.csv$/);
    const parsed = parseCsv(csv);
    expect(parsed[0]).toEqual([...SESSIONS_CSV_HEADER]);
    expect(rows).toBe(2);
    expect(parsed.slice(1).map((r) => r[0])).toEqual([ids.v2Ended, ids.v2Completed]);
    const column = (name: (typeof SESSIONS_CSV_HEADER)[number]) => SESSIONS_CSV_HEADER.indexOf(name);
    expect(parsed[2]![column("status")]).toBe("completed");
    expect(parsed[2]![column("script_version")]).toBe("2");
    expect(parsed[2]![column("needs_review")]).toBe("false");
    expect(csv).not.toContain("my private words");

    expect(parseCsv((await as("authorB").review.exportSessionsCsv({})).csv).slice(1).map((r) => r[0])).toEqual([ids.b]);
    const authorA = parseCsv((await as("authorA").review.exportSessionsCsv({})).csv).slice(1).map((r) => r[0]);
    expect(authorA).toEqual((await as("authorA").review.sessions({ limit: 200 })).rows.map((r) => r.id));
    expect(authorA).not.toContain(ids.b);
  });

  it("exports the current value of every variable as CSV, escaped, without message text", async () => {
    const { csv, rows, filename } = await as("admin").review.exportVariablesCsv({ scriptVersion: 2 });
    expect(filename).toMatch(/^heartline-session-variables-.*\.csv$/);
    const parsed = parseCsv(csv);
    expect(parsed[0]).toEqual([...VARIABLES_CSV_HEADER]);
    expect(rows).toBe(3);
    const script = (await as("admin").review.sessions({ scriptVersion: 2 })).rows[0]!.script.name;
    const at13 = at(13).toISOString();
    expect(parsed.slice(1)).toEqual([
      [ids.v2Completed, script, "2", "goal", "topic", "goals,1", `"=cmd()"`, "false", "ask_goal", "13", at13],
      [ids.v2Completed, script, "2", "mood_score", "session", "", "'-2", "false", "ask_mood_score", "11", at(11).toISOString()],
      [ids.v2Completed, script, "2", "note", "session", "", `"said \\"fine\\", then left"`, "false", "ask_note", "12", at(12).toISOString()],
    ]);
    // The raw text: commas and quotes quoted, a formula-leading number prefixed, no earlier value, no message text.
    expect(csv).toContain(`"""said \\""fine\\"", then left"""`);
    expect(csv).toContain(`,'-2,`);
    expect(csv).toContain(`"goals,1"`);
    expect(csv).not.toContain(",3,");
    expect(csv).not.toContain("my private words");

    // Scoped: author B sees only B's variable, and the formula-like script name is defused.
    const b = parseCsv((await as("authorB").review.exportVariablesCsv({})).csv);
    expect(b.slice(1)).toEqual([[ids.b, `'=HYPERLINK("http://x")`, "1", "mood_score", "session", "", "8", "false", "ask_mood_score", "14", at(14).toISOString()]]);
    const a = parseCsv((await as("authorA").review.exportVariablesCsv({})).csv).slice(1);
    expect(a.some((r) => r[0] === ids.b)).toBe(false);
    expect(a.filter((r) => r[0] === ids.v2Completed)).toHaveLength(3);
    // Filters apply: nothing for an unmatched status.
    expect((await as("admin").review.exportVariablesCsv({ status: "ended" })).rows).toBe(0);
  });
});
