import { describe, expect, it } from "vitest";
import { parseUnifiedDiff } from "./unified-diff";

describe("parseUnifiedDiff", () => {
  it("numbers old and new lines through hunks", () => {
    const unified = [
      "--- sessions/a.yaml@v1",
      "+++ sessions/a.yaml@draft",
      "@@ -2,3 +2,3 @@",
      " keep",
      "-old line",
      "+new line",
      " tail",
      "\\ No newline at end of file",
      "",
    ].join("\n");
    expect(parseUnifiedDiff(unified)).toEqual([
      { kind: "file", oldLine: null, newLine: null, text: "--- sessions/a.yaml@v1" },
      { kind: "file", oldLine: null, newLine: null, text: "+++ sessions/a.yaml@draft" },
      { kind: "hunk", oldLine: null, newLine: null, text: "@@ -2,3 +2,3 @@" },
      { kind: "context", oldLine: 2, newLine: 2, text: "keep" },
      { kind: "remove", oldLine: 3, newLine: null, text: "old line" },
      { kind: "add", oldLine: null, newLine: 3, text: "new line" },
      { kind: "context", oldLine: 4, newLine: 4, text: "tail" },
      { kind: "note", oldLine: null, newLine: null, text: "\\ No newline at end of file" },
    ]);
  });

  it("is empty for no changes", () => {
    expect(parseUnifiedDiff("")).toEqual([]);
  });
});
