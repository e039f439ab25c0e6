/** A bug inside the validator must come back as a diagnostic, never as an exception. */
import { describe, expect, it, vi } from "vitest";

vi.mock("./semantic", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./semantic")>()),
  checkSemantics: () => {
    throw new TypeError("boom");
  },
}));

describe("internal errors", () => {
  it("are reported as an internal-error diagnostic and the script does not compile", async () => {
    const { compileScript } = await import("./index");
    const result = compileScript("session:\n  session_id: s\n  phases: []\n");
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: "internal-error", severity: "error", line: 1, column: 1, message: expect.stringContaining("(boom)") }),
    );
  });
});
