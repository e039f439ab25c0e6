import { describe, expect, it } from "vitest";
import { SUPPORTED_NODE, unsupportedNodeReason } from "./runtime-support";

describe("the Node.js a server may start on", () => {
  it("is package.json's engines range", () => {
    expect(SUPPORTED_NODE).toBe(">=22.12");
  });

  it("accepts Node 24 and 22.12 or newer", () => {
    expect(unsupportedNodeReason("24.22.3")).toBeUndefined();
    expect(unsupportedNodeReason("22.12.0")).toBeUndefined();
    expect(unsupportedNodeReason(process.versions.node)).toBeUndefined();
  });

  it("refuses Node 20 and 22.11 with what to do, naming both versions", () => {
    for (const old of ["20.20.2", "22.11.0"]) {
      const reason = unsupportedNodeReason(old);
      expect(reason).toContain(`this is Node.js ${old}`);
      expect(reason).toContain(">=22.12");
      expect(reason).toContain(".ci/use-node");
    }
  });
});
