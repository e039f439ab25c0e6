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
