import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, PASSWORD_MAX_LENGTH, verifyPassword } from "./password";

describe("new passwords", () => {
  it.each([
    ["aaaaaaaaaaaa", /repeats the same characters/],
    ["password1234", /close to a commonly used password/],
    ["iloveyou1234", /close to a commonly used password/],
    ["123456789012", /commonly used password/],
    ["qwertyuiopas", /too easy to guess/],
    ["abcdefghijkl", /too easy to guess/],
    ["hunter2hunter2", /repeats a pattern/],
    ["passwordpassword", /too easy to guess/],
  ])("refuses %j, which is long enough but easy to guess", (password, why) => {
    expect(passwordProblem(password)).toMatch(why);
  });

  it("refuses a password made of the account's own email or name", () => {
    expect(passwordProblem("mariagonzalez", ["maria.gonzalez@clinic.example", "Maria Gonzalez"])).toMatch(/contains your email address or name/);
  });

  it("accepts passphrases and random strings", () => {
    for (const password of ["correct horse battery staple", "a brand new password", "e2e-admin-password-0123", "V7#qk2!Lm9@xz"]) {
      expect(passwordProblem(password), password).toBeNull();
    }
  });

  it("still names the length limits first", () => {
    expect(passwordProblem("short")).toMatch(/at least 12 characters/);
    expect(passwordProblem("x".repeat(PASSWORD_MAX_LENGTH + 1))).toMatch(/at most 256 characters/);
  });

  it("never hashes a refused password", async () => {
    await expect(hashPassword("aaaaaaaaaaaa")).rejects.toThrow(/too easy to guess/);
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
  });
});

describe("stored hashes", () => {
  /** A hash in the stored form, made directly with node:crypto at the given cost. */
  const storedAt = (password: string, N: number, r: number, p: number) => {
    const salt = randomBytes(16);
    const key = scryptSync(password.normalize("NFKC"), salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
    return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
  };

  it("writes production's cost, N = 32768, r = 8, p = 1, when PASSWORD_SCRYPT_N is unset", async () => {
    expect(process.env.PASSWORD_SCRYPT_N ?? "").toBe("");
    expect(await hashPassword("correct horse battery staple")).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  });

  it("verifies with the parameters stored in the hash, whatever cost made it", async () => {
    for (const [N, r, p] of [[16, 8, 1], [1024, 8, 1], [256, 4, 2]] as const) {
      const stored = storedAt("correct horse battery staple", N, r, p);
      expect(await verifyPassword("correct horse battery staple", stored), stored).toBe(true);
      expect(await verifyPassword("correct horse battery stapler", stored), stored).toBe(false);
      // The same salt and key under other parameters no longer match.
      expect(await verifyPassword("correct horse battery staple", stored.replace(`scrypt$${N}$`, `scrypt$${N * 2}$`))).toBe(false);
    }
  });
});
