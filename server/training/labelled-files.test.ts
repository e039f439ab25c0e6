import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSplit, splitByWriter } from "./labelled-files";

function splitFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "split-")), "split.json");
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe("loadSplit", () => {
  it("reads a split without held-out conversations or someone-else writers as having none", () => {
    expect(loadSplit(splitFile({ training: ["w1"], heldOut: ["w2"] }))).toEqual({ training: ["w1"], heldOut: ["w2"], heldOutConversations: [], heldOutSomeoneElse: [] });
  });

  it("refuses a held-out conversation writer that is also trained on, naming it", () => {
    expect(() => loadSplit(splitFile({ training: ["w1", "w3"], heldOut: ["w2"], heldOutConversations: ["w3"] }))).toThrow(/w3 both in training and held out/);
  });

  it("refuses a writer in both held-out lists, and a list that is not of writers", () => {
    expect(() => loadSplit(splitFile({ training: ["w1"], heldOut: ["w2"], heldOutConversations: ["w2"] }))).toThrow(/w2 in more than one held-out list/);
    expect(() => loadSplit(splitFile({ training: ["w1"], heldOut: ["w2"], heldOutConversations: ["w3"], heldOutSomeoneElse: ["w3"] }))).toThrow(/w3 in more than one held-out list/);
    expect(() => loadSplit(splitFile({ training: ["w1"], heldOut: ["w2"], heldOutConversations: "w3" }))).toThrow(/heldOutConversations/);
    expect(() => loadSplit(splitFile({ training: ["w1", "w4"], heldOut: ["w2"], heldOutSomeoneElse: ["w4"] }))).toThrow(/w4 both in training and held out/);
  });
});

describe("splitByWriter", () => {
  it("puts each line with its writer's list, and leaves out writers in none", () => {
    const lines = ["w1", "w2", "w3", "w4", "w5"].map((writer) => ({ writer }));
    const split = splitByWriter(lines, { training: ["w1"], heldOut: ["w2"], heldOutConversations: ["w3"], heldOutSomeoneElse: ["w4"] });
    expect(split).toEqual({ training: [{ writer: "w1" }], heldOut: [{ writer: "w2" }], heldOutConversations: [{ writer: "w3" }], heldOutSomeoneElse: [{ writer: "w4" }] });
  });
});
