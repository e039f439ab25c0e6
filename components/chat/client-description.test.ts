import { describe, expect, it } from "vitest";
import { clientDescriptions } from "@/server/services/sessions/queries";
import { pickDescription } from "./client-description";

describe("client descriptions", () => {
  it("a text is in the script's language; a mapping gives one per language", () => {
    expect(clientDescriptions("  A short check-in. ", "en")).toEqual({ en: "A short check-in." });
    expect(clientDescriptions({ en: "Hello", "zh-CN": "你好", fr: 3, de: " " }, "en")).toEqual({ en: "Hello", "zh-CN": "你好" });
    expect(clientDescriptions(undefined, "en")).toEqual({});
    expect(clientDescriptions(["a"], "en")).toEqual({});
  });

  it("shows the UI language's text, else the script's own, else any", () => {
    const both = { en: "Hello", "zh-CN": "你好" };
    expect(pickDescription(both, "zh", "en")).toEqual({ text: "你好", tag: "zh-CN" });
    expect(pickDescription(both, "en", "zh-CN")).toEqual({ text: "Hello", tag: "en" });
    expect(pickDescription({ "zh-CN": "你好" }, "en", "zh-CN")).toEqual({ text: "你好", tag: "zh-CN" });
    expect(pickDescription({ und: "Hi" }, "zh", null)).toEqual({ text: "Hi", tag: "zh" });
    expect(pickDescription({}, "en", "en")).toBeNull();
  });
});
