/**
 * The bot's name is a project setting: its authors read and change it, clients' conversations
 * show it (running ones too), a bad name is refused with the reason, and empty means the default.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { setUpTestDatabase } from "../support/set-up-test-database";
import { seedProjectMembers } from "../support/project-members";
import { callerFor } from "../support/test-platform";
import { errorOf } from "../support/auth";
import { startAsNewClient } from "../support/seeded-scripts";

const testDb = setUpTestDatabase({ examples: true });
let member: string;
let outsider: string;

beforeAll(async () => {
  ({ member, outsider } = await seedProjectMembers(testDb));
});

/** A client's caller with its own identity, and a check-in it started. */
const clientWithSession = () => startAsNewClient(testDb.platform, testDb.checkIn.scriptId);

describe("the bot's name", () => {
  it("is the default until the project names it; the new name shows in a running conversation", async () => {
    const { client, sessionId } = await clientWithSession();
    expect((await client.session.get({ sessionId })).botName).toBe("Heartline");

    const author = callerFor(testDb.platform, { cookie: member, origin: "http://localhost", host: "localhost" });
    expect(await author.studioProject.botName({ projectId: testDb.projectId })).toEqual({ botName: null, defaultName: "Heartline" });
    expect(await author.studioProject.saveBotName({ projectId: testDb.projectId, botName: "  小禾   Mira " })).toEqual({ botName: "小禾 Mira", defaultName: "Heartline" });
    expect((await client.session.get({ sessionId })).botName).toBe("小禾 Mira");

    // Empty (or the default itself) goes back to the default.
    expect((await author.studioProject.saveBotName({ projectId: testDb.projectId, botName: "" })).botName).toBeNull();
    expect((await client.session.get({ sessionId })).botName).toBe("Heartline");
  });

  it("refuses a name that is too long or holds invisible characters, saying why", async () => {
    const author = callerFor(testDb.platform, { cookie: member, origin: "http://localhost", host: "localhost" });
    const long = await errorOf(author.studioProject.saveBotName({ projectId: testDb.projectId, botName: "x".repeat(41) }));
    expect((long as TRPCError).message).toBe("The bot's name is too long: at most 40 characters.");
    const hidden = await errorOf(author.studioProject.saveBotName({ projectId: testDb.projectId, botName: "Mi\u200bra" }));
    expect((hidden as TRPCError).message).toBe("The bot's name holds a control or invisible character.");
    expect((await author.studioProject.botName({ projectId: testDb.projectId })).botName).toBeNull();
  });

  it("is the project's authors' to read and change", async () => {
    const stranger = callerFor(testDb.platform, { cookie: outsider, origin: "http://localhost", host: "localhost" });
    expect(((await errorOf(stranger.studioProject.botName({ projectId: testDb.projectId }))) as TRPCError).code).toBe("NOT_FOUND");
    expect(((await errorOf(stranger.studioProject.saveBotName({ projectId: testDb.projectId, botName: "Eve" }))) as TRPCError).code).toBe("NOT_FOUND");
    const anonymous = callerFor(testDb.platform, { origin: "http://localhost", host: "localhost" });
    expect(((await errorOf(anonymous.studioProject.saveBotName({ projectId: testDb.projectId, botName: "Eve" }))) as TRPCError).code).toBe("UNAUTHORIZED");
  });
});
