/**
 * Counsellor/author accounts against a real database: password hashing, sign-in and its cookie,
 * the same answer for unknown emails and wrong passwords, rate limits, tampered and stale cookies,
 * cross-site mutations, roles and project access, the first admin, and the create-admin command.
 */
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { hashPassword, verifyPassword, PASSWORD_MIN_LENGTH } from "@/server/auth/password";
import { issueUserToken, USER_COOKIE, USER_SESSION_SECONDS, userSessionExpiry } from "@/server/auth/user-session";
import { issueClientToken } from "@/server/auth/identity";
import { getEnv } from "@/server/env";
import { issueSignedToken } from "@/server/auth/signed-token";
import { createCallerFactory, createTRPCContext, createTRPCRouter, projectProcedure } from "@/server/api/trpc";
import { ensureFirstAdmin, INVALID_CREDENTIALS_MESSAGE, openUserSession, setPassword, SIGN_IN_LIMITS } from "@/server/services/accounts/accounts";
import { readFirstLine, runCreateAdmin } from "@/server/cli/commands/create-admin";
import type { Platform } from "@/server/platform";
import { MemoryCache } from "@/server/cache";
import { setUpTestDatabase } from "../support/set-up-test-database";
import { callerFor, testPlatform } from "../support/test-platform";
import { errorOf, makeUser, signedInCaller, signInCookie, TEST_PASSWORD, userCookieFrom } from "../support/auth";

const testDb = setUpTestDatabase();
let projectA: string;
let projectB: string;

beforeAll(async () => {
  const prisma = testDb.db.prisma;
  projectA = (await prisma.project.create({ data: { slug: "project-a", name: "Project A" } })).id;
  projectB = (await prisma.project.create({ data: { slug: "project-b", name: "Project B" } })).id;
});

function codeOf(error: unknown): string | undefined {
  return error instanceof TRPCError ? error.code : undefined;
}

describe("the first admin", () => {
  it("is created from HEARTLINE_ADMIN_EMAIL/PASSWORD only when no admin exists", async () => {
    const prisma = testDb.db.prisma;
    await prisma.user.deleteMany({ where: { role: "admin" } });

    expect((await ensureFirstAdmin(prisma, {})).status).toBe("not-configured");
    expect((await ensureFirstAdmin(prisma, { HEARTLINE_ADMIN_EMAIL: "root@example.test" })).status).toBe("invalid");
    const short = await ensureFirstAdmin(prisma, { HEARTLINE_ADMIN_EMAIL: "root@example.test", HEARTLINE_ADMIN_PASSWORD: "short" });
    expect(short).toMatchObject({ status: "invalid", message: expect.stringContaining(String(PASSWORD_MIN_LENGTH)) });
    expect(short.message).not.toContain("short\"");

    const author = await makeUser(prisma, { email: "taken@example.test" });
    const conflict = await ensureFirstAdmin(prisma, { HEARTLINE_ADMIN_EMAIL: "Taken@Example.test", HEARTLINE_ADMIN_PASSWORD: TEST_PASSWORD });
    expect(conflict.status).toBe("conflict");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: author.id } })).role).toBe("author");

    const env = { HEARTLINE_ADMIN_EMAIL: " Root@Example.test ", HEARTLINE_ADMIN_PASSWORD: TEST_PASSWORD };
    const created = await ensureFirstAdmin(prisma, env);
    expect(created).toMatchObject({ status: "created", email: "root@example.test" });
    expect(JSON.stringify(created)).not.toContain(TEST_PASSWORD);
    expect((await ensureFirstAdmin(prisma, env)).status).toBe("exists");
    expect((await ensureFirstAdmin(prisma, { ...env, HEARTLINE_ADMIN_EMAIL: "other@example.test" })).status).toBe("exists");
    expect(await prisma.user.count({ where: { role: "admin" } })).toBe(1);

    const me = await (await signedInCaller(testPlatform(testDb.db), { email: "root@example.test", password: TEST_PASSWORD })).auth.me();
    expect(me).toMatchObject({ email: "root@example.test", role: "admin" });
  });
});

describe("password hashing", () => {
  it("stores scrypt with a per-user salt and verifies only the right password", async () => {
    const a = await hashPassword(TEST_PASSWORD);
    const b = await hashPassword(TEST_PASSWORD);
    // The integration suite hashes at a test-only cost (vitest.config.ts); the parameters are in the hash.
    const N = getEnv().PASSWORD_SCRYPT_N;
    expect(a).toMatch(new RegExp(`^scrypt\\$${N}\\$8\\$1\\$[\\w-]{22}\\$[\\w-]{43}$`));
    expect(a).not.toBe(b);
    expect(a).not.toContain(TEST_PASSWORD);
    expect(await verifyPassword(TEST_PASSWORD, a)).toBe(true);
    expect(await verifyPassword(TEST_PASSWORD, b)).toBe(true);
    expect(await verifyPassword(`${TEST_PASSWORD} `, a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
    expect(await verifyPassword(TEST_PASSWORD, "plain-text")).toBe(false);
    expect(await verifyPassword(TEST_PASSWORD, a.replace(`$${N}$`, "$1073741824$"))).toBe(false);
    await expect(hashPassword("x".repeat(PASSWORD_MIN_LENGTH - 1))).rejects.toThrow(/at least/);
  });
});

describe("sign-in", () => {
  it("sets a signed httpOnly SameSite=Lax cookie that expires, names the user, and signs out", async () => {
    const platform = testPlatform(testDb.db);
    const user = await makeUser(testDb.db.prisma);
    const resHeaders = new Headers();
    const result = await callerFor(platform, {}, resHeaders).auth.signIn({ email: `  ${user.email.toUpperCase()} `, password: user.password });
    expect(result.user).toEqual({ id: user.id, email: user.email, name: null, role: "author" });
    const setCookie = resHeaders.getSetCookie().find((c) => c.startsWith(`${USER_COOKIE}=`)) ?? "";
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).toContain(`Max-Age=${USER_SESSION_SECONDS}`);
    expect(setCookie).not.toContain("Secure");
    expect(result.expiresAt.getTime() - Date.now()).toBeGreaterThan((USER_SESSION_SECONDS - 60) * 1000);

    const cookie = userCookieFrom(resHeaders) ?? "";
    const payload = JSON.parse(Buffer.from(decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0] ?? "", "base64url").toString("utf8"));
    expect(payload).toMatchObject({ typ: "user", sub: user.id, role: "author" });
    expect(JSON.stringify(payload)).not.toContain(user.email);

    expect(await callerFor(platform, { cookie }).auth.me()).toMatchObject({ id: user.id, email: user.email, role: "author" });
    expect(await callerFor(platform).auth.me()).toBeNull();

    const out = new Headers();
    await callerFor(platform, { cookie }, out).auth.signOut();
    expect(out.getSetCookie().find((c) => c.startsWith(`${USER_COOKIE}=`))).toMatch(/Max-Age=0/);
  });

  it("marks the cookie Secure in production", async () => {
    const platform = testPlatform(testDb.db, { NODE_ENV: "production" });
    const user = await makeUser(testDb.db.prisma);
    const resHeaders = new Headers();
    await callerFor(platform, {}, resHeaders).auth.signIn({ email: user.email, password: user.password });
    expect(resHeaders.getSetCookie().find((c) => c.startsWith(`${USER_COOKIE}=`))).toContain("Secure");
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const platform = testPlatform(testDb.db);
    const user = await makeUser(testDb.db.prisma);
    const wrong = await errorOf(callerFor(platform).auth.signIn({ email: user.email, password: "not the password at all" }));
    const unknown = await errorOf(callerFor(platform).auth.signIn({ email: "nobody@example.test", password: "not the password at all" }));
    const malformed = await errorOf(callerFor(platform).auth.signIn({ email: "not-an-email", password: "x" }));
    for (const error of [wrong, unknown, malformed]) {
      expect(codeOf(error)).toBe("UNAUTHORIZED");
      expect((error as TRPCError).message).toBe(INVALID_CREDENTIALS_MESSAGE);
    }
  });

  describe("limits", () => {
    // As behind one proxy: the addresses below are the ones it forwarded. A clock of our own for the windows.
    let now = Date.UTC(2030, 0, 1, 12, 0, 0);
    const limitedPlatform = (): Platform => ({ ...testPlatform(testDb.db, { TRUST_PROXY: "1" }), cache: new MemoryCache({ now: () => now }) });
    const from = (platform: Platform, address: string, resHeaders?: Headers) => callerFor(platform, { "x-forwarded-for": address }, resHeaders).auth;
    const wrong = "wrong password here";

    it("locks an address out of an account after 8 failures there, says when to retry, and lets the owner in from elsewhere", async () => {
      const platform = limitedPlatform();
      const user = await makeUser(testDb.db.prisma);
      for (let i = 0; i < SIGN_IN_LIMITS.perEmailAndAddress.limit; i++) {
        expect(codeOf(await errorOf(from(platform, "203.0.113.5").signIn({ email: user.email, password: wrong })))).toBe("UNAUTHORIZED");
      }
      // Even the right password is refused from that address now...
      const resHeaders = new Headers();
      const limited = await errorOf(from(platform, "203.0.113.5", resHeaders).signIn({ email: user.email, password: user.password }));
      expect(codeOf(limited)).toBe("TOO_MANY_REQUESTS");
      expect((limited as TRPCError).message).toMatch(/Too many sign-in attempts/);
      expect(Number(resHeaders.get("retry-after"))).toBeGreaterThanOrEqual(1);
      // ...but the one guessing cannot lock the owner out: from another address it works.
      await expect(from(platform, "198.51.100.20").signIn({ email: user.email, password: user.password })).resolves.toMatchObject({ user: { id: user.id } });
      // Once the window has passed, the right password works from the first address too.
      now += SIGN_IN_LIMITS.perEmailAndAddress.windowSeconds * 1000;
      await expect(from(platform, "203.0.113.5").signIn({ email: user.email, password: user.password })).resolves.toMatchObject({ user: { id: user.id } });
    });

    it("counts failures only: signing in many times never locks anyone out", async () => {
      const platform = limitedPlatform();
      const user = await makeUser(testDb.db.prisma);
      for (let i = 0; i < SIGN_IN_LIMITS.perEmailAndAddress.limit + 4; i++) {
        await expect(from(platform, "203.0.113.6").signIn({ email: user.email, password: user.password })).resolves.toMatchObject({ user: { id: user.id } });
      }
      // And the failures still allowed are all there.
      for (let i = 0; i < SIGN_IN_LIMITS.perEmailAndAddress.limit; i++) {
        expect(codeOf(await errorOf(from(platform, "203.0.113.6").signIn({ email: user.email, password: wrong })))).toBe("UNAUTHORIZED");
      }
    });

    it("limits an unknown email the same way (the limit reveals nothing)", async () => {
      const platform = limitedPlatform();
      const user = await makeUser(testDb.db.prisma);
      for (let i = 0; i < SIGN_IN_LIMITS.perEmailAndAddress.limit; i++) {
        await errorOf(from(platform, "203.0.113.7").signIn({ email: user.email, password: wrong }));
        await errorOf(from(platform, "203.0.113.7").signIn({ email: "ghost@example.test", password: wrong }));
      }
      const known = await errorOf(from(platform, "203.0.113.7").signIn({ email: user.email, password: wrong }));
      const ghost = await errorOf(from(platform, "203.0.113.7").signIn({ email: "ghost@example.test", password: wrong }));
      expect(codeOf(ghost)).toBe("TOO_MANY_REQUESTS");
      expect((ghost as TRPCError).message).toBe((known as TRPCError).message);
    });

    it("limits one address trying many accounts", async () => {
      const platform = limitedPlatform();
      const other = await makeUser(testDb.db.prisma);
      for (let i = 0; i < SIGN_IN_LIMITS.perAddress.limit; i++) {
        await errorOf(from(platform, "192.0.2.7").signIn({ email: `spray${i}@example.test`, password: wrong }));
      }
      expect(codeOf(await errorOf(from(platform, "192.0.2.7").signIn({ email: other.email, password: other.password })))).toBe("TOO_MANY_REQUESTS");
      await expect(from(platform, "192.0.2.8").signIn({ email: other.email, password: other.password })).resolves.toMatchObject({ user: { id: other.id } });
    });

    it("limits a guess spread over many addresses, except from addresses the owner signed in from", async () => {
      const platform = limitedPlatform();
      const user = await makeUser(testDb.db.prisma);
      await from(platform, "198.51.100.30").signIn({ email: user.email, password: user.password });
      for (let i = 0; i < SIGN_IN_LIMITS.perEmail.limit; i++) {
        await errorOf(from(platform, `10.2.${Math.floor(i / 4)}.${i % 4}`).signIn({ email: user.email, password: wrong }));
      }
      expect(codeOf(await errorOf(from(platform, "10.9.0.1").signIn({ email: user.email, password: user.password })))).toBe("TOO_MANY_REQUESTS");
      await expect(from(platform, "198.51.100.30").signIn({ email: user.email, password: user.password })).resolves.toMatchObject({ user: { id: user.id } });
    });

    it("cannot be slipped past with attempts sent at once", async () => {
      const platform = limitedPlatform();
      const user = await makeUser(testDb.db.prisma);
      const results = await Promise.all(Array.from({ length: 20 }, () => errorOf(from(platform, "203.0.113.9").signIn({ email: user.email, password: wrong }))));
      expect(results.filter((error) => codeOf(error) === "UNAUTHORIZED")).toHaveLength(SIGN_IN_LIMITS.perEmailAndAddress.limit);
      expect(results.filter((error) => codeOf(error) === "TOO_MANY_REQUESTS")).toHaveLength(20 - SIGN_IN_LIMITS.perEmailAndAddress.limit);
    });
  });
});

describe("server-side sessions", () => {
  const signedOut = async (platform: Platform, cookie: string) => {
    const caller = callerFor(platform, { cookie });
    expect(await caller.auth.me()).toBeNull();
    expect(codeOf(await errorOf(caller.auth.projects()))).toBe("UNAUTHORIZED");
  };

  it("sign-out ends the session on the server: a kept copy of the cookie stops working, other sessions go on", async () => {
    const platform = testPlatform(testDb.db);
    const user = await makeUser(testDb.db.prisma);
    const cookie = await signInCookie(platform, user.email);
    const elsewhere = await signInCookie(platform, user.email);
    await callerFor(platform, { cookie }).auth.signOut();
    await signedOut(platform, cookie);
    expect(await callerFor(platform, { cookie: elsewhere }).auth.me()).toMatchObject({ id: user.id });
  });

  it("a password change ends every session of the account", async () => {
    const platform = testPlatform(testDb.db);
    const prisma = testDb.db.prisma;
    const user = await makeUser(prisma);
    const other = await makeUser(prisma);
    const cookies = [await signInCookie(platform, user.email), await signInCookie(platform, user.email)];
    const otherCookie = await signInCookie(platform, other.email);
    await setPassword(prisma, user.id, "a brand new passphrase here");
    for (const cookie of cookies) await signedOut(platform, cookie);
    expect(await prisma.userSession.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await callerFor(platform, { cookie: otherCookie }).auth.me()).toMatchObject({ id: other.id });
  });

  it("lets an admin disable and enable an account, reset its password and sign it out everywhere", async () => {
    const platform = testPlatform(testDb.db);
    const prisma = testDb.db.prisma;
    const admin = await makeUser(prisma, { role: "admin" });
    const user = await makeUser(prisma);
    const asAdmin = await signedInCaller(platform, admin);
    const cookie = await signInCookie(platform, user.email);

    expect((await asAdmin.auth.users()).find((u) => u.id === user.id)).toMatchObject({ disabledAt: null, openSessions: 1 });
    // Disabled: its session ends, and even the right password only says so.
    await asAdmin.auth.setDisabled({ userId: user.id, disabled: true });
    await signedOut(platform, cookie);
    const refused = await errorOf(callerFor(platform).auth.signIn({ email: user.email, password: user.password }));
    expect(codeOf(refused)).toBe("FORBIDDEN");
    expect((refused as TRPCError).message).toMatch(/disabled/);
    expect(codeOf(await errorOf(callerFor(platform).auth.signIn({ email: user.email, password: "wrong password here" })))).toBe("UNAUTHORIZED");
    expect((await asAdmin.auth.users()).find((u) => u.id === user.id)).toMatchObject({ disabledAt: expect.any(Date), openSessions: 0 });
    await asAdmin.auth.setDisabled({ userId: user.id, disabled: false });
    const again = await signInCookie(platform, user.email);

    // Reset: the old password and every session stop; the new one works; a weak one is refused.
    expect(codeOf(await errorOf(asAdmin.auth.resetPassword({ userId: user.id, password: "aaaaaaaaaaaa" })))).toBe("BAD_REQUEST");
    await asAdmin.auth.resetPassword({ userId: user.id, password: "given by the admin today" });
    await signedOut(platform, again);
    expect(codeOf(await errorOf(callerFor(platform).auth.signIn({ email: user.email, password: user.password })))).toBe("UNAUTHORIZED");
    const fresh = await signInCookie(platform, user.email, "given by the admin today");

    // Signed out everywhere.
    await expect(asAdmin.auth.revokeSessions({ userId: user.id })).resolves.toEqual({ userId: user.id, revoked: 1 });
    await signedOut(platform, fresh);

    // Not their own account, and not for authors.
    expect(codeOf(await errorOf(asAdmin.auth.setDisabled({ userId: admin.id, disabled: true })))).toBe("BAD_REQUEST");
    const asAuthor = await signedInCaller(platform, { email: user.email, password: "given by the admin today" });
    for (const call of [
      asAuthor.auth.setDisabled({ userId: admin.id, disabled: true }),
      asAuthor.auth.resetPassword({ userId: admin.id, password: "taking over the admin" }),
      asAuthor.auth.revokeSessions({ userId: admin.id }),
    ]) {
      expect(codeOf(await errorOf(call))).toBe("FORBIDDEN");
    }
    await expect(asAdmin.auth.revokeSessions({ userId: "no-such-user" })).resolves.toEqual({ userId: "no-such-user", revoked: 0 });
  });
});

describe("the sign-in cookie", () => {
  async function rejected(platform: Platform, cookieValue: string) {
    const caller = callerFor(platform, { cookie: `${USER_COOKIE}=${encodeURIComponent(cookieValue)}` });
    expect(await caller.auth.me()).toBeNull();
    expect(codeOf(await errorOf(caller.auth.projects()))).toBe("UNAUTHORIZED");
  }

  it("is refused when tampered with, signed by another secret, expired, or a client token", async () => {
    const platform = testPlatform(testDb.db);
    const prisma = testDb.db.prisma;
    const author = await makeUser(prisma);
    const passwordHash = (await prisma.user.findUniqueOrThrow({ where: { id: author.id } })).passwordHash;
    const secret = platform.env.AUTH_SECRET;
    const session = await openUserSession(prisma, author.id, userSessionExpiry());
    const { token } = issueUserToken({ id: author.id, role: "author", passwordHash }, session, secret);

    // The untouched token works.
    expect(await callerFor(platform, { cookie: `${USER_COOKIE}=${token}` }).auth.me()).toMatchObject({ id: author.id });

    // Role raised to admin in the payload, signature kept.
    const [payload, signature] = token.split(".");
    const data = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...data, role: "admin" })).toString("base64url");
    await rejected(platform, `${forged}.${signature}`);
    await rejected(platform, `${payload}.${(signature ?? "").slice(0, -2)}AA`);
    await rejected(platform, issueUserToken({ id: author.id, role: "admin", passwordHash }, session, "another-secret-0123456789-abcdefghijkl").token);
    const past = Date.now() - (USER_SESSION_SECONDS + 1) * 1000;
    await rejected(platform, issueUserToken({ id: author.id, role: "author", passwordHash }, { id: session.id, expiresAt: userSessionExpiry(past) }, secret, past).token);
    // A well-signed token naming a session that does not exist (never opened, or from before sessions were stored).
    await rejected(platform, issueUserToken({ id: author.id, role: "author", passwordHash }, { id: "us_made_up", expiresAt: userSessionExpiry() }, secret).token);
    await rejected(platform, issueClientToken(author.id, secret));
    await rejected(platform, issueSignedToken({ typ: "user", sub: author.id, role: "author", exp: Math.floor(Date.now() / 1000) + 60 }, secret));
    await rejected(platform, "garbage");
  });

  it("stops working when the password changes or the account is deleted", async () => {
    const platform = testPlatform(testDb.db);
    const prisma = testDb.db.prisma;
    const user = await makeUser(prisma);
    const cookie = await signInCookie(platform, user.email, user.password);
    expect(await callerFor(platform, { cookie }).auth.projects()).toEqual([]);
    await setPassword(prisma, user.id, "a brand new password");
    expect(codeOf(await errorOf(callerFor(platform, { cookie }).auth.projects()))).toBe("UNAUTHORIZED");

    const second = await signInCookie(platform, user.email, "a brand new password");
    await prisma.user.delete({ where: { id: user.id } });
    expect(codeOf(await errorOf(callerFor(platform, { cookie: second }).auth.projects()))).toBe("UNAUTHORIZED");
    expect(await callerFor(platform, { cookie: second }).auth.me()).toBeNull();
  });

  it("takes the role from the database, not the cookie", async () => {
    const platform = testPlatform(testDb.db);
    const prisma = testDb.db.prisma;
    const admin = await makeUser(prisma, { role: "admin" });
    const cookie = await signInCookie(platform, admin.email, admin.password);
    await prisma.user.update({ where: { id: admin.id }, data: { role: "author" } });
    expect(codeOf(await errorOf(callerFor(platform, { cookie }).auth.users()))).toBe("FORBIDDEN");
  });
});

describe("cross-site requests", () => {
  it("refuses mutations from another origin or that are not JSON, but not same-origin ones", async () => {
    const platform = testPlatform(testDb.db);
    const admin = await makeUser(testDb.db.prisma, { role: "admin" });
    const cookie = await signInCookie(platform, admin.email, admin.password);
    const site = { host: "heartline.example:3000", cookie };

    const evil = callerFor(platform, { ...site, origin: "https://evil.example" });
    const attempt = await errorOf(evil.auth.createUser({ email: "csrf@example.test", password: TEST_PASSWORD }));
    expect(codeOf(attempt)).toBe("FORBIDDEN");
    expect(codeOf(await errorOf(callerFor(platform, { ...site, origin: "null" }).auth.signOut()))).toBe("FORBIDDEN");
    expect(codeOf(await errorOf(callerFor(platform, { ...site, "sec-fetch-site": "cross-site" }).auth.signOut()))).toBe("FORBIDDEN");
    expect(codeOf(await errorOf(callerFor(platform, { ...site, origin: "http://heartline.example:3000", "content-type": "text/plain" }).auth.signOut()))).toBe("FORBIDDEN");
    // Login CSRF: a sign-in posted from another site is refused too.
    expect(codeOf(await errorOf(callerFor(platform, { host: site.host, origin: "https://evil.example" }).auth.signIn({ email: admin.email, password: admin.password })))).toBe(
      "FORBIDDEN",
    );
    expect(await testDb.db.prisma.user.count({ where: { email: "csrf@example.test" } })).toBe(0);

    // Reads are not affected, and the same origin (also behind a proxy) may mutate.
    expect(await evil.auth.me()).toMatchObject({ id: admin.id });
    const same = callerFor(platform, { ...site, origin: "http://heartline.example:3000", "content-type": "application/json", "sec-fetch-site": "same-origin" });
    await expect(same.auth.createUser({ email: "same@example.test", password: TEST_PASSWORD })).resolves.toMatchObject({ email: "same@example.test" });
    const proxied = callerFor(platform, { host: "10.0.0.5:3000", "x-forwarded-host": "heartline.example", origin: "https://heartline.example", cookie });
    await expect(proxied.auth.createUser({ email: "proxied@example.test", password: TEST_PASSWORD })).resolves.toMatchObject({ role: "author" });
  });
});

describe("roles and projects", () => {
  const probeRouter = createTRPCRouter({ probe: projectProcedure.query(({ ctx }) => ({ projectId: ctx.projectId, userId: ctx.user.id })) });
  const probeCaller = createCallerFactory(probeRouter);
  const probe = (platform: Platform, cookie: string | null, projectId: string) =>
    probeCaller(createTRPCContext({ headers: new Headers(cookie ? { cookie } : {}), platform })).probe({ projectId });

  it("lets only admins manage accounts and membership", async () => {
    const platform = testPlatform(testDb.db);
    const prisma = testDb.db.prisma;
    const admin = await makeUser(prisma, { role: "admin" });
    const author = await makeUser(prisma);
    const asAdmin = await signedInCaller(platform, admin);
    const asAuthor = await signedInCaller(platform, author);

    expect(codeOf(await errorOf(callerFor(platform).auth.createUser({ email: "x@example.test", password: TEST_PASSWORD })))).toBe("UNAUTHORIZED");
    expect(codeOf(await errorOf(asAuthor.auth.createUser({ email: "x@example.test", password: TEST_PASSWORD })))).toBe("FORBIDDEN");
    expect(codeOf(await errorOf(asAuthor.auth.addMember({ projectId: projectA, userId: author.id })))).toBe("FORBIDDEN");
    expect(codeOf(await errorOf(asAuthor.auth.users()))).toBe("FORBIDDEN");

    const created = await asAdmin.auth.createUser({ email: "New.Author@Example.test", password: TEST_PASSWORD, name: "New Author", projectIds: [projectA] });
    expect(created).toMatchObject({ email: "new.author@example.test", role: "author", name: "New Author" });
    const duplicate = await errorOf(asAdmin.auth.createUser({ email: "new.author@example.test", password: TEST_PASSWORD }));
    expect(codeOf(duplicate)).toBe("BAD_REQUEST");
    expect(codeOf(await errorOf(asAdmin.auth.createUser({ email: "weak@example.test", password: "short" })))).toBe("BAD_REQUEST");
    expect(codeOf(await errorOf(asAdmin.auth.createUser({ email: "lost@example.test", password: TEST_PASSWORD, projectIds: ["nope"] })))).toBe("NOT_FOUND");
    expect(await prisma.user.count({ where: { email: "lost@example.test" } })).toBe(0);

    await asAdmin.auth.addMember({ projectId: projectB, email: "NEW.AUTHOR@example.test" });
    await asAdmin.auth.addMember({ projectId: projectB, userId: created.id }); // twice is harmless
    const listed = (await asAdmin.auth.users()).find((u) => u.id === created.id);
    expect(listed?.projects.map((p) => p.name).sort()).toEqual(["Project A", "Project B"]);
    expect(JSON.stringify(await asAdmin.auth.users())).not.toContain("scrypt$");
    expect(codeOf(await errorOf(asAdmin.auth.addMember({ projectId: "missing", userId: created.id })))).toBe("NOT_FOUND");
    await expect(asAdmin.auth.removeMember({ projectId: projectB, userId: created.id })).resolves.toEqual({ removed: true });
  });

  it("gives authors their projects only (others are NOT_FOUND) and admins every project", async () => {
    const platform = testPlatform(testDb.db);
    const prisma = testDb.db.prisma;
    const authorA = await makeUser(prisma, { projectIds: [projectA] });
    const admin = await makeUser(prisma, { role: "admin" });
    const cookieA = await signInCookie(platform, authorA.email, authorA.password);
    const cookieAdmin = await signInCookie(platform, admin.email, admin.password);

    await expect(probe(platform, cookieA, projectA)).resolves.toEqual({ projectId: projectA, userId: authorA.id });
    expect(codeOf(await errorOf(probe(platform, cookieA, projectB)))).toBe("NOT_FOUND");
    expect(codeOf(await errorOf(probe(platform, cookieA, "does-not-exist")))).toBe("NOT_FOUND");
    expect(codeOf(await errorOf(probe(platform, null, projectA)))).toBe("UNAUTHORIZED");
    await expect(probe(platform, cookieAdmin, projectB)).resolves.toMatchObject({ projectId: projectB });
    expect(codeOf(await errorOf(probe(platform, cookieAdmin, "does-not-exist")))).toBe("NOT_FOUND");

    expect((await callerFor(platform, { cookie: cookieA }).auth.projects()).map((p) => p.id)).toEqual([projectA]);
    expect((await callerFor(platform, { cookie: cookieAdmin }).auth.projects()).map((p) => p.id)).toEqual(expect.arrayContaining([projectA, projectB]));
  });
});

describe("npm run heartline -- create-admin", () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), cwd: process.cwd() }, out, err };
  }
  const deps = (password: string | null) => ({
    readPassword: async () => password,
    openDatabase: async () => ({ prisma: testDb.db.prisma, close: async () => {} }),
  });

  it("never takes the password from the arguments", async () => {
    const { io: cli, err } = io();
    expect(await runCreateAdmin(["--email", "a@example.test", "--password", "hunter2hunter2"], cli, deps(TEST_PASSWORD))).toBe(2);
    expect(err.join("")).toMatch(/Never pass a password as an argument/);
    expect(await runCreateAdmin(["--email=a@example.test", "--password=hunter2hunter2"], cli, deps(TEST_PASSWORD))).toBe(2);
    expect(await runCreateAdmin([], cli, deps(TEST_PASSWORD))).toBe(2);
    expect(await runCreateAdmin(["--email", "a@example.test"], cli, deps(null))).toBe(2);
    expect(await runCreateAdmin(["--email", "a@example.test"], cli, deps("short"))).toBe(1);
    expect(await testDb.db.prisma.user.count({ where: { email: "a@example.test" } })).toBe(0);
  });

  it("creates an admin, or promotes an existing account with the new password", async () => {
    const platform = testPlatform(testDb.db);
    const { io: cli, out } = io();
    expect(await runCreateAdmin(["--email", "Cli.Admin@example.test", "--name", "CLI"], cli, deps(TEST_PASSWORD))).toBe(0);
    expect(out.join("")).toMatch(/Created admin cli.admin@example.test/);
    expect(out.join("")).not.toContain(TEST_PASSWORD);
    expect(await testDb.db.prisma.user.findUnique({ where: { email: "cli.admin@example.test" } })).toMatchObject({ role: "admin", name: "CLI" });

    const author = await makeUser(testDb.db.prisma);
    expect(await runCreateAdmin(["--email", author.email], cli, deps("the new admin password"))).toBe(0);
    const me = await (await signedInCaller(platform, { email: author.email, password: "the new admin password" })).auth.me();
    expect(me).toMatchObject({ id: author.id, role: "admin" });
  });

  it("reads the first line of piped input", async () => {
    expect(await readFirstLine(Readable.from([Buffer.from("secret pass"), Buffer.from("word\r\nignored\n")]))).toBe("secret password");
    expect(await readFirstLine(Readable.from([Buffer.from("no newline")]))).toBe("no newline");
    expect(await readFirstLine(Readable.from([]))).toBeNull();
  });
});
