/**
 * A production server started with a configuration it cannot use stops at once, non-zero, naming
 * the variable (never its value), instead of serving 500 to everything.
 */
import { expect, test } from "@playwright/test";
import { startAppServer } from "../support/app-server";

test("an invalid configuration stops the server with a message naming the variable", async () => {
  test.setTimeout(120_000);
  const secret = "too-short-secret";
  const app = await startAppServer({ AUTH_SECRET: secret, LOG_LEVEL: "info" }, { waitForReady: false });
  try {
    const exit = await Promise.race([app.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 60_000))]);
    expect(exit, `still running:\n${app.output().slice(-2000)}`).toEqual({ code: 1, signal: null });
    expect(app.output()).toMatch(/AUTH_SECRET must be at least 32 characters/);
    expect(app.output()).not.toContain(secret);
  } finally {
    await app.dispose();
  }
});
