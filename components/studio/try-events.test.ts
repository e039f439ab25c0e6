import { describe, expect, it } from "vitest";
import { describeEvent } from "./try-events";

describe("describeEvent", () => {
  it("lists the quick replies a question offers, and none for an open question", () => {
    expect(describeEvent({ type: "awaiting-input", options: [{ label: "Yes", text: "Yes" }, { label: "No", text: "No" }] })).toBe(
      "waits for the client (quick replies: Yes · No)",
    );
    expect(describeEvent({ type: "awaiting-input" })).toBe("waits for the client");
    expect(describeEvent({ type: "awaiting-input", options: [] })).toBe("waits for the client");
  });
});
