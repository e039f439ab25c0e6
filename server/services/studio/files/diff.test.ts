import { describe, expect, it } from "vitest";
import { unifiedDiff } from "./versions";

describe("unifiedDiff", () => {
  it("gives a unified line diff with counts", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    const after = "a\nb\nc\nD\ne\nf\ng\nh\ni\n";
    const { unified, stats } = unifiedDiff("x.yaml@v1", "x.yaml@v2", before, after);
    expect(unified).toBe(["--- x.yaml@v1", "+++ x.yaml@v2", "@@ -1,8 +1,9 @@", " a", " b", " c", "-d", "+D", " e", " f", " g", " h", "+i", ""].join("\n"));
    expect(stats).toEqual({ added: 2, removed: 1 });
  });

  it("is empty for equal texts and marks a missing final newline", () => {
    expect(unifiedDiff("a", "b", "same\n", "same\n")).toEqual({ unified: "", stats: { added: 0, removed: 0 } });
    const { unified, stats } = unifiedDiff("a", "b", "x\n", "x");
    expect(unified).toContain("\\ No newline at end of file");
    expect(stats).toEqual({ added: 1, removed: 1 });
  });
});
