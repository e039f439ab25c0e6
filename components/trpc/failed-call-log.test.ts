import { describe, expect, it, vi } from "vitest";
import { logFailedCall } from "./failed-call-log";

describe("the development log of failed tRPC calls", () => {
  it("names the call and the error, never the input", () => {
    const warn = vi.fn();
    const op = { direction: "down" as const, type: "mutation", path: "auth.signIn", input: { email: "a@example.test", password: "hunter2-secret-pass" }, result: new Error("That email and password do not match an account.") };
    logFailedCall(op, warn);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toBe("tRPC mutation auth.signIn failed: That email and password do not match an account.");
    expect(JSON.stringify(warn.mock.calls)).not.toContain("hunter2");
    logFailedCall({ direction: "up", type: "mutation", path: "auth.signIn" }, warn);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
