import { describe, expect, it } from "vitest";
import { checkInMessage, crisisLinesText } from "@/server/engine/runtime/protocol";
import { splitHotlines } from "./hotline-text";

describe("splitHotlines", () => {
  it("turns the engine's crisis-line bullets into one card between the message's own words", () => {
    const parts = splitHotlines(checkInMessage("en"));
    expect(parts.map((p) => p.kind)).toEqual(["text", "lines", "text"]);
    const lines = parts[1];
    if (lines?.kind !== "lines") throw new Error("expected lines");
    expect(lines.lines.map((l) => l.id)).toContain("us-988");
    expect(lines.lines.map((l) => l.id)).toContain("intl-findahelpline");
    expect(parts.map((p) => (p.kind === "text" ? p.text : "")).join("")).not.toContain("•");
  });

  it("reads the Chinese lines too, in the order the engine gave them", () => {
    const parts = splitHotlines(`先说一句。\n${crisisLinesText("zh", "CN")}`);
    expect(parts[0]).toEqual({ kind: "text", text: "先说一句。" });
    const lines = parts[1];
    expect(lines?.kind === "lines" ? lines.lines.map((l) => l.id).slice(0, 2) : []).toEqual(["cn-12356", "cn-hope24"]);
  });

  it("leaves a script's own bullets (a safety plan, a list) as text", () => {
    const text = "Your plan:\n• Warning signs: not sleeping\n• Call my sister";
    expect(splitHotlines(text)).toEqual([{ kind: "text", text }]);
  });
});
