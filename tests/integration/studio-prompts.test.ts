/**
 * A project's own prompt wording: authors of the project can read and change it, bad overrides are
 * refused with the reason, and a new session in model mode sends the project's wording to the model.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { startSession } from "@/server/services/sessions/start-session";
import { createLlm } from "@/server/llm";
import { setUpTestDatabase } from "../support/set-up-test-database";
import { seedProjectMembers } from "../support/project-members";
import { callerFor } from "../support/test-platform";
import { errorOf, makeUser, signInCookie } from "../support/auth";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../support/fake-openai-server";
import { sessionDeps } from "../support/seeded-scripts";

const testDb = setUpTestDatabase({ examples: true });
let fake: FakeOpenAiServer;
let member: string;
let outsider: string;

beforeAll(async () => {
  ({ member, outsider } = await seedProjectMembers(testDb));
  fake = await startFakeOpenAiServer({ script: (request) => (request.stream ? { type: "text", text: ["Hello ", "there."] } : { type: "json", value: {} }) });
});

afterAll(async () => {
  await fake?.close();
});

describe("project prompt overrides", () => {
  it("lists every prompt with its default, and only the project's authors may see or change it", async () => {
    // A project of its own: another test saves overrides in the shared one.
    const prisma = testDb.db.prisma;
    const untouched = (await prisma.project.create({ data: { slug: "prompts-untouched", name: "Untouched" } })).id;
    const author = await signInCookie(testDb.platform, (await makeUser(prisma, { projectIds: [untouched] })).email);
    const view = await callerFor(testDb.platform, { cookie: author }).studioPrompts.get({ projectId: untouched });
    expect(view.schemeId).toBe("default@1");
    expect(view.entries.map((e) => e.key)).toContain("system");
    expect(view.entries.every((e) => e.override === null)).toBe(true);
    const denied = await errorOf(callerFor(testDb.platform, { cookie: outsider }).studioPrompts.get({ projectId: untouched }));
    expect((denied as TRPCError).code).toBe("NOT_FOUND");
  });

  it("refuses unknown prompts and overrides that drop a placeholder the engine fills", async () => {
    const caller = callerFor(testDb.platform, { cookie: member, origin: "http://localhost", host: "localhost" });
    const unknown = await errorOf(caller.studioPrompts.save({ projectId: testDb.projectId, overrides: { nonsense: "x" } }));
    expect((unknown as TRPCError).message).toMatch(/"nonsense" is not a prompt/);
    const dropped = await errorOf(caller.studioPrompts.save({ projectId: testDb.projectId, overrides: { system: "Be nice." } }));
    expect((dropped as TRPCError).message).toMatch(/system must keep \{tone\}.*\{task\}/);
  });

  it("sends the project's wording to the model for new sessions and records the scheme", async () => {
    const caller = callerFor(testDb.platform, { cookie: member, origin: "http://localhost", host: "localhost" });
    const view = await caller.studioPrompts.save({
      projectId: testDb.projectId,
      overrides: { task_say: "PROJECT WORDING. Say this gently: {content}", task_ask: "" },
    });
    expect(view.entries.find((e) => e.key === "task_say")?.override).toBe("PROJECT WORDING. Say this gently: {content}");
    expect(view.entries.find((e) => e.key === "task_ask")?.override).toBeNull();

    const started = await startSession(
      { ...sessionDeps(testDb.db), llmFor: (onUsage) => createLlm({ mode: "model", baseURL: fake.baseURL, model: "fake", onUsage, maxRetries: 0 }) },
      { clientId: "prompt-client", scriptId: testDb.checkIn.scriptId },
    );
    expect(started.messages[0]?.text).toBe("Hello there.");
    const system = JSON.stringify(fake.requests[0]?.raw);
    expect(system).toContain("PROJECT WORDING. Say this gently:");
    const stored = await testDb.db.prisma.message.findFirstOrThrow({ where: { sessionId: started.sessionId, role: "bot" } });
    expect(stored.promptScheme).toBe("default@1+project");
  });
});
