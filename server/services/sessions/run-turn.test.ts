import { describe, expect, it } from "vitest";
import { MAX_MESSAGE_CHARS, validateMessage } from "./run-turn";
import { ServiceError } from "../errors";

describe("validateMessage", () => {
  it("cleans what Postgres refuses before the engine sees the message: NUL dropped, half an emoji replaced", () => {
    expect(validateMessage("  I want to die\u0000 tonight \ud83d ")).toBe("I want to die tonight \ufffd");
    expect(validateMessage("\udc2d😭")).toBe("\ufffd😭");
  });

  it("refuses a message that is empty once cleaned, and counts the cleaned length", () => {
    expect(() => validateMessage("\u0000 \u0000")).toThrow(ServiceError);
    expect(validateMessage(`${"a".repeat(MAX_MESSAGE_CHARS)}\u0000`)).toHaveLength(MAX_MESSAGE_CHARS);
    expect(() => validateMessage("a".repeat(MAX_MESSAGE_CHARS + 1))).toThrow(/at most/);
  });
});
